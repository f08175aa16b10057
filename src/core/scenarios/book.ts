// The scenarios a sandbox knows: read from the scenarios/ folder at start-up and uploaded at
// run time, kept in SQLite (so uploads survive a restart) and in memory for the request path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import type { Db } from '../../db/index.js';
import { insertRecords } from '../world/store.js';
import { ScenarioInvalid, type ParsedScenario, type ScenarioFormat } from './parse.js';
import { readDocument } from './document.js';
import type { Scenario } from './schema.js';
import { buildId } from '../build-id.js';
import { getMeta, setMeta } from '../meta.js';

export interface StoredScenario {
  name: string;
  provider: string;
  /** A path relative to the scenarios folder, or 'upload'. */
  origin: string;
  source: string;
  scenario: Scenario;
  loadedAtMs: number;
}

interface Row {
  name: string;
  provider: string;
  origin: string;
  source: string;
  definition: string;
  loaded_at_ms: number;
}

const scenarioExtensions = new Set(['.yaml', '.yml', '.json']);

/** Every scenario file under `dir`, sorted, as paths. */
export function scenarioFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (scenarioExtensions.has(extname(entry.name)) && !entry.name.endsWith('.schema.json')) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** What an earlier start stored for a file: its text and the scenario read from it, as JSON. */
export interface StoredReading {
  source: string;
  definition: string;
  /** Stored by the build that is running now, so already checked by the same code. */
  sameBuild?: boolean;
}

/**
 * Texts this process has parsed and checked, with the definition read from each: every
 * createSandbox() loads the same shipped files, and parsing them was most of its cost. A text
 * found here is taken back from its definition (fresh objects each time) without a second parse.
 */
const checkedTexts = new WeakMap<ScenarioFormat, Map<string, string>>();
const checkedTextsKept = 1_000;

/** The build that last stored the scenario files' definitions (meta). */
const checkedByKey = 'scenarios_checked_by';

/**
 * Reads and checks one file; a file must be named after its scenario and sit in its provider's
 * folder. `stored`: what an earlier start read from the same path.
 */
export function readScenarioFile(format: ScenarioFormat, path: string, root?: string, stored?: StoredReading): ParsedScenario & { source: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioInvalid(path, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  // An unchanged text is not parsed again: the YAML parser was most of a start-up on an existing
  // database. The stored definition is checked again, as the constructor re-checks uploads,
  // unless the build running now stored it; one that no longer passes is read from the text,
  // so the reasons name the file's own content.
  if (stored?.source === text) {
    try {
      return { ...(stored.sameBuild ? format.restore(stored.definition) : format.check(JSON.parse(stored.definition), path)), source: text };
    } catch {
      // Read from the text below.
    }
  }
  let parsed: ParsedScenario | undefined;
  let reasons: string[] = [];
  const checked = checkedTexts.get(format) ?? checkedTexts.set(format, new Map()).get(format)!;
  const definition = checked.get(text);
  try {
    parsed = definition === undefined ? format.parseText(text, path) : format.restore(definition);
  } catch (error) {
    if (!(error instanceof ScenarioInvalid)) throw error;
    reasons = [...error.reasons];
  }
  if (parsed !== undefined && definition === undefined) {
    if (checked.size >= checkedTextsKept) checked.clear();
    checked.set(text, JSON.stringify(parsed.scenario));
  }
  // Name and folder are checked even when the rest is not valid, so one pass shows every problem.
  const read = parsed === undefined ? readDocument(text) : undefined;
  const { name, provider } = parsed?.scenario ?? (read?.ok ? (read.value as { name?: unknown; provider?: unknown }) ?? {} : {});
  const stem = basename(path, extname(path));
  if (typeof name === 'string' && stem !== name) reasons.push(`name: ${name} differs from the file name ${stem}; name a file after its scenario`);
  if (root !== undefined && typeof provider === 'string' && format.facts(provider) !== undefined) {
    const folder = relative(root, path).split(/[\\/]/)[0];
    if (folder !== provider) reasons.push(`provider: ${provider} scenarios belong in ${join(root, provider)}/`);
  }
  if (parsed === undefined || reasons.length > 0) throw new ScenarioInvalid(path, reasons);
  return { ...parsed, source: text };
}

export class ScenarioBook {
  readonly #db: Db;
  readonly #byName = new Map<string, StoredScenario>();
  readonly #onWorldChange: () => void;
  readonly format: ScenarioFormat;

  /** `folderFollows`: a folder is loaded next, so stored scenarios from files are not read twice. */
  constructor(db: Db, format: ScenarioFormat, onWorldChange: () => void = () => {}, folderFollows = false) {
    this.#db = db;
    this.format = format;
    this.#onWorldChange = onWorldChange;
    const rows = db.$client.prepare<[], Row>('SELECT * FROM scenarios ORDER BY name').all();
    for (const row of rows) {
      if (folderFollows && row.origin !== 'upload') continue;
      try {
        // Stored definitions are re-checked: a newer sandbox may know better than the one that stored them.
        const parsed = format.check(JSON.parse(row.definition), `stored scenario ${row.name}`);
        this.#remember(row, parsed);
      } catch {
        db.$client.prepare('DELETE FROM scenarios WHERE name = ?').run(row.name);
      }
    }
  }

  /**
   * Loads every file of the folder, all or nothing: the first bad file throws ScenarioInvalid
   * with its path and reason. Scenarios an earlier start-up loaded from a file that is gone are dropped.
   */
  loadFolder(dir: string, nowMs: number): StoredScenario[] {
    try {
      if (!statSync(dir).isDirectory()) throw new ScenarioInvalid(dir, ['is not a folder']);
    } catch (error) {
      if (error instanceof ScenarioInvalid) throw error;
      throw new ScenarioInvalid(dir, ['the scenarios folder does not exist']);
    }
    const client = this.#db.$client;
    const sameBuild = buildId !== undefined && getMeta(this.#db, checkedByKey) === buildId;
    const stored = new Map(
      client
        .prepare<[], StoredReading & { origin: string }>("SELECT origin, source, definition FROM scenarios WHERE origin <> 'upload'")
        .all()
        .map((row) => [row.origin, { ...row, sameBuild }]),
    );
    const files = scenarioFiles(dir).map((path) => ({ path, ...readScenarioFile(this.format, path, dir, stored.get(relative(dir, path))) }));
    const seen = new Map<string, string>();
    for (const file of files) {
      const earlier = seen.get(file.scenario.name);
      if (earlier) throw new ScenarioInvalid(file.path, [`name: ${file.scenario.name} is already the name of ${earlier}`]);
      seen.set(file.scenario.name, file.path);
    }
    client.transaction(() => {
      const fromFiles = client.prepare<[], { name: string }>("SELECT name FROM scenarios WHERE origin <> 'upload'").all();
      for (const { name } of fromFiles) if (!seen.has(name)) this.remove(name);
      for (const file of files) this.#store(file, relative(dir, file.path), file.source, nowMs);
      if (buildId !== undefined) setMeta(this.#db, checkedByKey, buildId);
    })();
    return files.map((f) => this.#byName.get(f.scenario.name)!);
  }

  /** Stores an uploaded scenario; answers whether it replaced one of the same name. */
  upload(text: string, nowMs: number): { stored: StoredScenario; replaced: boolean } {
    const parsed = this.format.parseText(text, 'body');
    const replaced = this.#byName.has(parsed.scenario.name);
    this.#store(parsed, 'upload', text, nowMs);
    return { stored: this.#byName.get(parsed.scenario.name)!, replaced };
  }

  get(name: string): StoredScenario | undefined {
    return this.#byName.get(name);
  }

  list(): StoredScenario[] {
    return [...this.#byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  names(): string[] {
    return this.list().map((s) => s.name);
  }

  remove(name: string): void {
    this.#byName.delete(name);
    this.#db.$client.prepare('DELETE FROM scenarios WHERE name = ?').run(name);
  }

  #store(parsed: ParsedScenario, origin: string, source: string, nowMs: number): void {
    const { scenario } = parsed;
    const row: Row = {
      name: scenario.name,
      provider: scenario.provider,
      origin,
      source,
      definition: JSON.stringify(scenario),
      loaded_at_ms: nowMs,
    };
    this.#db.$client
      .prepare(
        `INSERT INTO scenarios (name, provider, origin, source, definition, loaded_at_ms)
         VALUES (@name, @provider, @origin, @source, @definition, @loaded_at_ms)
         ON CONFLICT (name) DO UPDATE SET provider = excluded.provider, origin = excluded.origin,
           source = excluded.source, definition = excluded.definition, loaded_at_ms = excluded.loaded_at_ms`,
      )
      .run(row);
    this.#remember(row, parsed);
  }

  #remember(row: Row, parsed: ParsedScenario): void {
    if (parsed.records) {
      insertRecords(this.#db.$client, parsed.records, true);
      this.#onWorldChange();
    }
    this.#byName.set(row.name, {
      name: row.name,
      provider: row.provider,
      origin: row.origin,
      source: row.source,
      scenario: parsed.scenario,
      loadedAtMs: row.loaded_at_ms,
    });
  }
}
