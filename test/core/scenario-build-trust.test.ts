// A build (the bundle has an id, core/build-id.ts) takes back the definitions of unchanged
// scenario files that it stored itself without checking them again; definitions another build
// stored are checked, and ones that no longer pass are read from the file's text.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { ScenarioBook } from '../../src/core/scenarios/book.js';
import type { ScenarioFormat } from '../../src/core/scenarios/parse.js';
import { getMeta } from '../../src/core/meta.js';
import { openDb } from '../../src/db/index.js';
import { scenarioFormat } from '../../src/scenario-format.js';

vi.mock('../../src/core/build-id.js', () => ({ buildId: 'build-a' }));

const root = mkdtempSync(join(tmpdir(), 'mahak-scenario-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = join(root, 'scenarios');
cpSync(join(import.meta.dirname, '../../scenarios'), folder, { recursive: true });
const dbPath = join(root, 'mahak.db');

/** A start's scenario book, counting the texts parsed and the definitions checked. */
function start() {
  const db = openDb(dbPath);
  const parsed: string[] = [];
  let checked = 0;
  const format: ScenarioFormat = {
    ...scenarioFormat,
    parseText: (text, source) => (parsed.push(source), scenarioFormat.parseText(text, source)),
    check: (input, source) => (checked++, scenarioFormat.check(input, source)),
  };
  const book = new ScenarioBook(db, format, () => {}, true);
  book.loadFolder(folder, 1_000);
  const listed = book.list().map(({ loadedAtMs: _, ...rest }) => rest);
  const checkedBy = getMeta(db, 'scenarios_checked_by');
  return { db, parsed, checked, listed, checkedBy };
}

test('the build that stored the definitions takes them back unchecked; another build checks them', () => {
  const first = start();
  first.db.$client.close();
  expect(first.checkedBy).toBe('build-a');
  expect(first.parsed.length).toBe(first.listed.length);

  const second = start();
  expect(second.parsed).toEqual([]);
  expect(second.checked).toBe(0);
  expect(second.listed).toEqual(first.listed);
  // Stored by another build, and one definition no longer valid: all checked, that one read from its text.
  second.db.$client.prepare("UPDATE meta SET value = 'build-b' WHERE key = 'scenarios_checked_by'").run();
  second.db.$client.prepare("UPDATE scenarios SET definition = '{\"name\":1}' WHERE name = 'card-reported-stolen'").run();
  second.db.$client.close();

  const third = start();
  third.db.$client.close();
  expect(third.parsed).toEqual([join(folder, 'jibit', 'card-reported-stolen.yaml')]);
  expect(third.checked).toBe(first.listed.length); // every stored definition, the refused one included
  expect(third.listed).toEqual(first.listed);
  expect(third.checkedBy).toBe('build-a');
});
