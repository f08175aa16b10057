// A request to send, as plain data (what fast-check generates, shrinks and prints), and the
// bytes it becomes once the run's credentials are filled in.
import { describe as describeText, materialize, type Text, type Vars } from './text.js';

/** How a query or form is percent-encoded: as a browser does, not at all, every byte, or spaces as '+'. */
export type Encoding = 'standard' | 'raw' | 'every' | 'plus';

/** A JSON value, with nesting as a count so that 20,000 levels stay small. */
export type JVal = { s: Text } | { n: number } | { b: boolean } | { null: true } | { arr: JVal[] } | { obj: [Text, JVal][] } | { deep: number; of: '[' | '{' };

export type Body =
  | { json: [Text, JVal][]; cut?: number; suffix?: string }
  | { form: [Text, Text][]; encoding: Encoding }
  | { text: Text };

export interface Plan {
  /** app: hono's app.request (a WHATWG Request); socket: raw HTTP/1.1 bytes to a real server. */
  transport: 'app' | 'socket';
  method: string;
  path: Text;
  query: { pairs: [Text, Text][]; encoding: Encoding; tail?: string };
  headers: [string, Text][];
  body?: Body;
  /** socket only: the body in chunked transfer encoding. */
  chunked?: boolean;
}

export interface Wire {
  method: string;
  /** Path and query as sent. */
  target: string;
  headers: [string, string][];
  body?: string;
  chunked?: boolean;
}

const every = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

export function encode(s: string, encoding: Encoding): string {
  if (encoding === 'raw') return s;
  if (encoding === 'every') return every(s);
  // encodeURIComponent refuses lone surrogates; a browser sends U+FFFD for them.
  const wellFormed = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const std = encodeURIComponent(wellFormed);
  return encoding === 'plus' ? std.replace(/%20/g, '+') : std;
}

const pairs = (list: [Text, Text][], encoding: Encoding, vars: Vars) =>
  list.map(([k, v]) => `${encode(materialize(k, vars), encoding)}=${encode(materialize(v, vars), encoding)}`).join('&');

function jsonText(v: JVal, vars: Vars): string {
  if ('s' in v) return JSON.stringify(materialize(v.s, vars));
  if ('n' in v) return Number.isFinite(v.n) ? String(v.n) : '1e999';
  if ('b' in v) return String(v.b);
  if ('null' in v) return 'null';
  if ('arr' in v) return `[${v.arr.map((x) => jsonText(x, vars)).join(',')}]`;
  if ('obj' in v) return `{${v.obj.map(([k, x]) => `${JSON.stringify(materialize(k, vars))}:${jsonText(x, vars)}`).join(',')}}`;
  return v.of === '[' ? '['.repeat(v.deep) + ']'.repeat(v.deep) : '{"a":'.repeat(v.deep) + '1' + '}'.repeat(v.deep);
}

export function bodyText(body: Body, vars: Vars): string {
  if ('text' in body) return materialize(body.text, vars);
  if ('form' in body) return pairs(body.form, body.encoding, vars);
  const full = jsonText({ obj: body.json }, vars);
  return (body.cut === undefined ? full : full.slice(0, body.cut % (full.length + 1))) + (body.suffix ?? '');
}

/** Header values as a client puts UTF-8 on the wire (bytes read as Latin-1), without the bytes no client sends. */
const headerValue = (s: string) => Buffer.from(s, 'utf8').toString('latin1').replace(/[\r\n\0]/g, '');

export function toWire(plan: Plan, vars: Vars): Wire {
  const query = [pairs(plan.query.pairs, plan.query.encoding, vars), plan.query.tail ?? ''].filter((p) => p !== '').join('&');
  const path = materialize(plan.path, vars);
  return {
    method: plan.method,
    target: query === '' ? path : `${path}?${query}`,
    headers: plan.headers.map(([name, value]) => [name, headerValue(materialize(value, vars))]),
    body: plan.body === undefined ? undefined : bodyText(plan.body, vars),
    chunked: plan.chunked,
  };
}

function describeJ(v: JVal): string {
  if ('s' in v) return describeText(v.s);
  if ('n' in v) return String(v.n);
  if ('b' in v) return String(v.b);
  if ('null' in v) return 'null';
  if ('arr' in v) return `[${v.arr.map(describeJ).join(',')}]`;
  if ('obj' in v) return `{${v.obj.map(([k, x]) => `${describeText(k)}:${describeJ(x)}`).join(',')}}`;
  return `${v.of}×${v.deep}`;
}

const describeBody = (b: Body) =>
  'text' in b ? `text ${describeText(b.text)}`
  : 'form' in b ? `form(${b.encoding}) ${b.form.map(([k, v]) => `${describeText(k)}=${describeText(v)}`).join(' & ')}`
  : `json {${b.json.map(([k, v]) => `${describeText(k)}:${describeJ(v)}`).join(',')}}${b.cut !== undefined ? ` cut at ${b.cut}` : ''}${b.suffix ? ` + ${JSON.stringify(b.suffix)}` : ''}`;

/** One line per part, long values cut: what a report shows of a counterexample. */
export function describePlan(plan: Plan): string {
  const query = plan.query.pairs.map(([k, v]) => `${describeText(k)}=${describeText(v)}`).join(' & ');
  return [
    `${plan.transport} ${JSON.stringify(plan.method)} ${describeText(plan.path)}`,
    query || plan.query.tail ? `  query(${plan.query.encoding}): ${query}${plan.query.tail ? ` + tail ${JSON.stringify(plan.query.tail)}` : ''}` : '',
    ...plan.headers.map(([n, v]) => `  ${n}: ${describeText(v)}`),
    plan.body ? `  body${plan.chunked ? ' (chunked)' : ''}: ${describeBody(plan.body)}` : '',
  ].filter(Boolean).join('\n');
}
