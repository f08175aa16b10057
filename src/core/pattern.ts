// User-supplied regular expressions (scenario rule matches, step expectations): RE2 syntax,
// matched in time linear in the text whatever the pattern, so no pattern can stall the server.
// JavaScript's own RegExp backtracks: (a|aa)+$ on 40 characters takes 2^40 steps.
import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';

/** Longer than any field pattern a person writes; bounds the compiled program's size. */
export const maxPatternLength = 500;

export interface Pattern {
  readonly source: string;
  /** Whether the pattern matches anywhere in `text`; anchor it with ^ and $ to match all of it. */
  test(text: string): boolean;
}

/** A pattern that cannot be used, with the reason in words. */
export class PatternRefused extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`\`${source}\` ${reason}`);
  }
}

const syntaxHint = 'patterns use RE2 syntax (see docs/scenarios.md, "Patterns")';

/** What RE2 refuses that people write, from the piece of the pattern the parser stopped at. */
function explain(error: RE2JSSyntaxException): string {
  const at = error.input ?? '';
  if (/^\(\?<?[=!]/.test(at)) return `uses lookaround: (?=, (?!, (?<= and (?<! are not in RE2; ${syntaxHint}`;
  if (/^\\([1-9]|k)/.test(at)) return `uses a backreference: \\1 and \\k<name> are not in RE2; ${syntaxHint}`;
  if (at.startsWith('\\u')) return `uses \\u escapes; write a code point as \\x{06F0}; ${syntaxHint}`;
  return `is not a valid regular expression: ${error.error}${at ? ` at ${at.slice(0, 40)}` : ''}; ${syntaxHint}`;
}

/** Compiles `source` (RE2 syntax, flags inline as (?i), (?s), (?m), (?U)); throws PatternRefused. */
export function compilePattern(source: string): Pattern {
  if (source.length > maxPatternLength) {
    throw new PatternRefused(`${source.slice(0, 40)}…`, `is ${source.length} characters long; a pattern may have at most ${maxPatternLength}`);
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) throw new PatternRefused(source, explain(error));
    if (error instanceof RE2JSException) throw new PatternRefused(source, `cannot be compiled: ${error.message}`);
    throw error;
  }
  return { source, test: (text) => compiled.test(text) };
}

const compiledFor = new WeakMap<object, Pattern>();

/**
 * The compiled pattern of a matcher object ({regex: ...}), compiled the first time it is asked
 * for (when a scenario is validated) and kept as long as the object lives.
 */
export function patternOf(matcher: { readonly regex: string }): Pattern {
  let pattern = compiledFor.get(matcher);
  if (pattern?.source !== matcher.regex) {
    pattern = compilePattern(matcher.regex);
    compiledFor.set(matcher, pattern);
  }
  return pattern;
}
