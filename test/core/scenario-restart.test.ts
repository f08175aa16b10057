// A restart on an existing database does not parse scenario files again whose text is what it
// stored: their stored definitions are checked and used. A changed file, or a stored definition
// that no longer passes the checks, is read from its text.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ScenarioBook } from '../../src/core/scenarios/book.js';
import type { ScenarioFormat } from '../../src/core/scenarios/parse.js';
import { openDb } from '../../src/db/index.js';
import { createInstance } from '../../src/instance.js';
import { scenarioFormat } from '../../src/scenario-format.js';
import { control, json } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'mahak-scenario-restart-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The format, counting the texts it parses. */
function countingFormat() {
  const parsed: string[] = [];
  const format: ScenarioFormat = { ...scenarioFormat, parseText: (text, source) => (parsed.push(source), scenarioFormat.parseText(text, source)) };
  return { format, parsed };
}

/** A start's scenario book on `dbPath`, its folder loaded. */
function start(dbPath: string, folder: string) {
  const db = openDb(dbPath);
  const { format, parsed } = countingFormat();
  const book = new ScenarioBook(db, format, () => {}, true);
  book.loadFolder(folder, 1_000);
  const listed = book.list().map(({ loadedAtMs: _, ...rest }) => rest);
  db.$client.close();
  return { parsed, listed };
}

test('a restart parses no unchanged file, re-reads a changed one, and gives the same scenarios', () => {
  const folder = join(root, 'parsing');
  cpSync(join(import.meta.dirname, '../../scenarios'), folder, { recursive: true });
  const dbPath = join(root, 'parsing.db');

  const first = start(dbPath, folder);
  expect(first.parsed.length).toBe(first.listed.length);
  expect(first.listed.length).toBeGreaterThan(10);

  const second = start(dbPath, folder);
  expect(second.parsed).toEqual([]);
  expect(second.listed).toEqual(first.listed);

  const changed = join(folder, 'jibit', 'card-reported-stolen.yaml');
  writeFileSync(changed, 'name: card-reported-stolen\nprovider: jibit\ndescription: edited between starts\n');
  const third = start(dbPath, folder);
  expect(third.parsed).toEqual([changed]);
  expect(third.listed.find((s) => s.name === 'card-reported-stolen')?.scenario).toEqual({ name: 'card-reported-stolen', provider: 'jibit', description: 'edited between starts', rules: [], steps: [], deliveries: [] });

  // A stored definition the checks refuse (say, stored by an older sandbox) is read from the text instead.
  const db = openDb(dbPath);
  db.$client.prepare("UPDATE scenarios SET definition = '{\"name\":1}' WHERE name = 'card-reported-stolen'").run();
  db.$client.close();
  const fourth = start(dbPath, folder);
  expect(fourth.parsed).toEqual([changed]);
  expect(fourth.listed).toEqual(third.listed);
});

test('the control API lists the same shipped scenarios after a restart as on the first start', async () => {
  const dbPath = join(root, 'listing.db');
  const scenariosDir = join(import.meta.dirname, '../../scenarios');
  const listing = async () => {
    const instance = createInstance({ db: dbPath, worldSeed: 'test-world', scenariosDir });
    try {
      const res = await control(instance, 'GET', '/scenarios');
      expect(res.status).toBe(200);
      // Loaded again at each start, so only the instant differs.
      const { scenarios } = (await json(res)) as { scenarios: { loadedAt: string }[] };
      return scenarios.map(({ loadedAt: _, ...rest }) => rest);
    } finally {
      instance.close();
    }
  };
  const first = await listing();
  expect(await listing()).toEqual(first);
});

test('a second sandbox in the same process parses none of the files the first read, and gives the same scenarios', () => {
  const folder = join(root, 'same-process');
  cpSync(join(import.meta.dirname, '../../scenarios'), folder, { recursive: true });
  const { format, parsed } = countingFormat();
  const load = () => {
    const db = openDb(':memory:');
    const book = new ScenarioBook(db, format, () => {}, true);
    book.loadFolder(folder, 1_000);
    const listed = book.list().map(({ loadedAtMs: _, ...rest }) => rest);
    db.$client.close();
    return listed;
  };
  const first = load();
  expect(parsed).toHaveLength(first.length);
  parsed.length = 0;
  expect(load()).toEqual(first);
  expect(parsed).toEqual([]);
  // A file whose text changed is parsed again; a name that differs from the file is still refused.
  const changed = join(folder, 'jibit', 'card-reported-stolen.yaml');
  writeFileSync(changed, 'name: card-reported-stolen\nprovider: jibit\ndescription: edited in the same process\n');
  expect(load().find((s) => s.name === 'card-reported-stolen')?.scenario.description).toBe('edited in the same process');
  expect(parsed).toEqual([changed]);
  const renamed = join(folder, 'jibit', 'renamed.yaml');
  writeFileSync(renamed, 'name: card-reported-stolen\nprovider: jibit\ndescription: edited in the same process\n');
  expect(load).toThrow(/name: card-reported-stolen differs from the file name renamed/);
  rmSync(renamed);
});
