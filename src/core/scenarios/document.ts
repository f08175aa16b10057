// Scenario text → plain data, for text from anyone: every way YAML or JSON can go wrong comes
// back as reasons, never as an exception, a stalled server or a crashed process.
import { CST, Lexer, parseDocument } from 'yaml';

/** Far more than any scenario a person writes (the largest shipped one is 46 KB of JSON). */
export const maxScenarioChars = 1_000_000;
/**
 * The YAML parser reads a few hundred kilobytes a second, holding the server meanwhile;
 * JSON.parse reads a megabyte in milliseconds. Hand-written YAML scenarios are a few kilobytes.
 */
export const maxYamlChars = 128_000;
/** Values in the document once aliases are expanded: bounds what an alias bomb can build (the largest shipped scenario holds 1,912). */
export const maxScenarioValues = 50_000;
/** The deepest nesting of the data (the shipped scenarios reach 5). */
export const maxScenarioDepth = 64;
/**
 * {regex} matchers: each is tried on every request the scenario sees, and a compiled one holds
 * tens of kilobytes, so their number is bounded before any is compiled (shipped scenarios use 3).
 */
export const maxScenarioPatterns = 100;
/**
 * An upper bound on the YAML parser's nesting, in indentation columns plus block indicators
 * plus open brackets: past about a thousand levels its recursion overflows the stack, and
 * twice in a row that can end the process (V8 reports the overflow inside a RegExp compile as
 * a fatal out-of-memory error). Checked on the tokens, before parsing.
 */
const maxTextNesting = 128;
/** yaml's own bound on alias expansion (its count weighs each alias by the aliases it holds). */
const maxAliasCount = 100;

export type Read = { ok: true; value: unknown } | { ok: false; reasons: string[] };

const refuse = (...reasons: string[]): Read => ({ ok: false, reasons });

/** Reads YAML or JSON text; a text that is a JSON object is read by JSON.parse, ten times faster. */
export function readDocument(text: string): Read {
  if (text.length > maxScenarioChars) return refuse(`(root): the text has ${text.length} characters; a scenario may have at most ${maxScenarioChars}`);
  let value: unknown;
  let read = false;
  if (/^\s*\{/.test(text)) {
    try {
      value = JSON.parse(text);
      read = true;
    } catch {
      // Not JSON after all: YAML's flow style starts with { too.
    }
  }
  if (!read) {
    const yaml = readYaml(text);
    if (!yaml.ok) return yaml;
    value = yaml.value;
  }
  const problem = plainDataProblem(value);
  return problem ? refuse(problem) : { ok: true, value };
}

function readYaml(text: string): Read {
  if (text.length > maxYamlChars) {
    return refuse(`(root): not JSON, and as YAML it has ${text.length} characters; a YAML scenario may have at most ${maxYamlChars} (write a larger one as JSON)`);
  }
  const deep = nestingPast(text, maxTextNesting);
  if (deep !== undefined) return refuse(`(root): nested too deeply at line ${deep} (more than ${maxTextNesting} levels of indentation and brackets)`);
  try {
    const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true });
    // A warning is an unknown tag (!foo) or the like: something the file meant that would be lost.
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) return refuse(...problems.slice(0, 3).map((e) => `not valid YAML or JSON: ${e.message.split('\n')[0]}`));
    return { ok: true, value: document.toJS({ maxAliasCount }) };
  } catch (error) {
    // toJS throws on an alias bomb, an alias before its anchor and a merge (<<) of a non-map.
    const message = error instanceof Error ? error.message : String(error);
    return refuse(`not valid YAML or JSON: ${message.split('\n')[0]}`);
  }
}

/** The first line whose nesting bound passes `limit`, by yaml's own lexer (which does not recurse). */
function nestingPast(text: string, limit: number): number | undefined {
  let line = 1;
  let indent = 0;
  let indicators = 0;
  let brackets = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'newline') {
      line++;
      [indent, indicators, lineStart] = [0, 0, true];
      continue;
    }
    if (type === 'space' && lineStart) indent = token.length;
    else if (type === 'flow-map-start' || type === 'flow-seq-start') brackets++;
    else if (type === 'flow-map-end' || type === 'flow-seq-end') brackets = Math.max(0, brackets - 1);
    else if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') indicators++;
    else if (type === 'scalar' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar') {
      // A multi-line scalar is one token: count its lines.
      for (let at = token.indexOf('\n'); at !== -1; at = token.indexOf('\n', at + 1)) line++;
    }
    lineStart = false;
    if (indent + indicators + brackets > limit) return line;
  }
  return undefined;
}

/** Why a value is not plain data within bounds (JSON's types, finite numbers), or undefined. */
export function plainDataProblem(root: unknown): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  let values = 0;
  let patterns = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const at = path || '(root)';
    if (++values > maxScenarioValues) return `(root): more than ${maxScenarioValues} values (aliases counted as often as they are used)`;
    if (depth > maxScenarioDepth) return `${path.split('.').slice(0, 8).join('.')}…: nested more than ${maxScenarioDepth} levels deep`;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${at}: ${value} is not a number a scenario can use`;
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: path ? `${path}.${i}` : String(i), depth: depth + 1 }));
      continue;
    }
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      if ('regex' in value && ++patterns > maxScenarioPatterns) {
        return `(root): more than ${maxScenarioPatterns} regex matchers; each is tried on every request the scenario sees`;
      }
      for (const [key, item] of Object.entries(value)) {
        if (key === '__proto__') return `${at}: a key named __proto__ is not allowed`;
        stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
      }
      continue;
    }
    return `${at}: ${describe(value)} is not plain text, a number, true/false, null, a list or a map; write it as text`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return 'binary data (!!binary)';
  if (value instanceof Date) return 'a date (!!timestamp)';
  if (value instanceof Set) return 'a set (!!set)';
  if (value instanceof Map) return 'a map with keys that are not text';
  if (typeof value === 'bigint') return 'a big integer';
  return `a value of type ${typeof value === 'object' ? (value?.constructor?.name ?? 'object') : typeof value}`;
}
