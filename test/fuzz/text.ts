// Texts as small recipes (a string, a repeat, a nesting, a join) so that a 100 KB value or a
// body nested 5,000 deep stays a one-line counterexample, and fast-check shrinks the counts.
export type Text =
  | string
  | { repeat: string; times: number }
  | { nest: [string, string]; depth: number; core: Text }
  | { join: Text[] };

/** Credentials and ids of the run's tenant, substituted for {{name}} when a request is sent. */
export type Vars = Record<string, string>;

export function materialize(t: Text, vars: Vars = {}): string {
  if (typeof t === 'string') return t.includes('{{') ? t.replace(/\{\{(\w+)\}\}/g, (m, name: string) => vars[name] ?? m) : t;
  if ('repeat' in t) return t.repeat.repeat(t.times);
  if ('nest' in t) return t.nest[0].repeat(t.depth) + materialize(t.core, vars) + t.nest[1].repeat(t.depth);
  return t.join.map((p) => materialize(p, vars)).join('');
}

/** A short, readable form for reports: long literal strings are cut. */
export function describe(t: Text): string {
  if (typeof t === 'string') return JSON.stringify(t.length > 120 ? `${t.slice(0, 120)}…(${t.length} chars)` : t);
  if ('repeat' in t) return `${JSON.stringify(t.repeat)}×${t.times}`;
  if ('nest' in t) return `${JSON.stringify(t.nest[0])}×${t.depth} ${describe(t.core)} ${JSON.stringify(t.nest[1])}×${t.depth}`;
  return t.join.map(describe).join(' + ');
}
