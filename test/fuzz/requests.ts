// Requests for one route of the OpenAPI document (or one documented test value), bent in every
// way a client can bend them: method, path, query, headers, credentials, content type, body.
import fc from 'fast-check';
import type { Field, Model, Operation } from './model.js';
import type { Body, Encoding, JVal, Plan } from './plan.js';
import type { Text } from './text.js';
import { nameArb, valueArb } from './values.js';

export interface Limits {
  transport: 'app' | 'socket';
  /** Longest repeat in a query or header (a server refuses heads over 16 KB before the app sees them). */
  maxHugeHead: number;
  /** Calm requests are well formed but for a few fields, so that they reach the endpoints' own work. */
  calm?: boolean;
}

/** Credentials and ids are the run's own: placeholders filled in when the request is sent. */
const placeholders: Record<string, string[]> = {
  apiKey: ['{{apiKey}}'], secretKey: ['{{secretKey}}'], refreshToken: ['{{refreshToken}}'], accessToken: ['{{accessToken}}'],
  api: ['{{freepayKey}}'], authority: ['{{authority}}'], captcha: ['{{captcha}}'], id: ['{{scratchId}}', '{{tenantId}}'],
  // ICE: the run's report, its consent link, its wallet charge, sign-up and password reset (ice-session.ts).
  trackingCode: ['{{trackingCode}}'], consentToken: ['{{consentToken}}'], paymentToken: ['{{paymentToken}}'], chargeId: ['{{chargeId}}'],
  registrationId: ['{{registrationId}}'], resetId: ['{{resetId}}'], businessId: ['{{businessId}}'],
};
const validFor = (f: Field) => placeholders[f.name] ?? f.valid;
/** `arb` once in `oneIn` draws, else undefined. */
const rarely = <T>(arb: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** How much more often a field is well formed than bent. */
const weightFor = (f: Field, limits: Limits) => (limits.calm ? 150 : f.sure ? 60 : 8);

/** Methods a WHATWG client sends as given (lowercase, unknown verbs) and those an HTTP/1.1 parser knows. */
const appMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'get', 'post', 'Patch', 'Delete', 'FOO', 'PROPFIND', 'M-SEARCH', 'BREW'];
const socketMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'MKCOL', 'PURGE', 'SEARCH', 'M-SEARCH', 'REPORT', 'LOCK'];

const methodArb = (own: string, limits: Limits) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: fc.constantFrom(...(limits.transport === 'app' ? appMethods : socketMethods)) });

const pathTweaks: [string, (p: string) => string][] = [
  ['trailing slash', (p) => `${p}/`],
  ['double slash', (p) => p.replace(/\/(?=[^/]*$)/, '//')],
  ['upper case', (p) => p.toUpperCase()],
  ['an escaped letter', (p) => p.replace(/v1|payment|tenants/, (m) => `%${m.charCodeAt(0).toString(16)}${m.slice(1)}`)],
  ['an escaped slash', (p) => p.replace(/\/(?=[^/]*$)/, '%2F')],
  ['a dot segment', (p) => p.replace(/\/(?=[^/]*$)/, '/./')],
  ['a parent segment', (p) => `${p}/../${p.split('/').pop()}`],
  ['a matrix parameter', (p) => `${p};jsessionid=1`],
  ['raw Persian digits', (p) => `${p}/۱۲۳`],
  ['an emoji', (p) => `${p}😀`],
  ['an escaped NUL', (p) => `${p}%00`],
  ['broken escapes', (p) => `${p}%E0%A4%A`],
  ['an escaped colon', (p) => p.replace('gateway:', 'gateway%3A')],
];

function pathArb(op: Operation, model: Model, limits: Limits): fc.Arbitrary<Text> {
  const params = op.pathParams.map((f) => {
    const valid = f.name === 'name' ? model.errorScenarios.concat('fuzz-regex-1') : validFor(f);
    return valueArb(valid, limits.maxHugeHead, limits.calm ? 60 : 8).map((v) => [f.name, v] as const);
  });
  return fc.tuple(fc.tuple(...params), rarely(fc.constantFrom(...pathTweaks), limits.calm ? 40 : 6)).map(([values, tweak]): Text => {
    const parts: Text[] = [];
    let rest = op.path;
    for (const [name, value] of values) {
      const [before, after] = rest.split(`{${name}}`) as [string, string];
      parts.push(before, typeof value === 'string' ? encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')).replace(/%7B%7B(\w+)%7D%7D/g, '{{$1}}') : value);
      rest = after;
    }
    parts.push(rest);
    const head = typeof parts[0] === 'string' ? parts[0] : '';
    return { join: tweak ? [tweak[1](head), ...parts.slice(1)] : parts };
  });
}

/** A parameter: left out, once, or twice (the same value or another). */
const occurrences = (f: Field, limits: Limits, limit: number) =>
  fc.oneof(
    { weight: f.required ? 1 : 4, arbitrary: fc.constant([] as Text[]) },
    { weight: limits.calm ? 40 : 12, arbitrary: valueArb(validFor(f), limit, weightFor(f, limits)).map((v) => [v]) },
    { weight: 1, arbitrary: valueArb(validFor(f), limit).map((v) => [v, v]) },
    { weight: 1, arbitrary: fc.tuple(valueArb(validFor(f), limit), valueArb(validFor(f), limit)).map(([a, b]) => [a, b]) },
  ).map((vs) => vs.map((v): [Text, Text] => [f.name, v]));

const encodingArb = fc.constantFrom<Encoding>('standard', 'standard', 'standard', 'standard', 'standard', 'raw', 'every', 'plus');
const tails = ['%', '%E0%A4%A', '&', '&&=', '=x', 'a=%ZZ', 'number=%00', '%26number%3D1', ';number=1', '۱=۲', 'number', '=', '%FF%FE'];

function pairsArb(fields: Field[], model: Model, limits: Limits, limit: number) {
  return fc
    .tuple(fc.tuple(...fields.map((f) => occurrences(f, limits, limit))), limits.calm ? rarely(fc.tuple(nameArb(model.fieldNames), valueArb([], limit)), 8).map((p) => (p ? [p] : [])) : fc.array(fc.tuple(nameArb(model.fieldNames), valueArb([], limit)), { maxLength: 2 }))
    .map(([own, extra]) => [...own.flat(), ...extra]);
}

function jvalArb(f: Field, limits: Limits): fc.Arbitrary<JVal> {
  const s = valueArb(validFor(f), 100_000, weightFor(f, limits)).map((v): JVal => ({ s: v }));
  return fc.oneof(
    { weight: limits.calm ? 60 : 12, arbitrary: s },
    { weight: 1, arbitrary: fc.double().map((n): JVal => ({ n })) },
    { weight: 1, arbitrary: fc.boolean().map((b): JVal => ({ b })) },
    { weight: 1, arbitrary: fc.constant<JVal>({ null: true }) },
    { weight: 1, arbitrary: s.map((x): JVal => ({ arr: [x] })) },
    { weight: 1, arbitrary: s.map((x): JVal => ({ obj: [['v', x]] })) },
    { weight: 1, arbitrary: fc.record({ deep: fc.integer({ min: 1_000, max: 20_000 }), of: fc.constantFrom<'[' | '{'>('[', '{') }) },
  );
}

const brokenBodies: fc.Arbitrary<Text> = fc.oneof(
  fc.constantFrom('', ' ', '[]', 'null', '42', '"x"', 'true', '{', '{"a":', '\ufeff{}', '{"a":1,"a":2}', '--x--', '\u0000', 'a=1&a=2', '{"__proto__":{"x":1}}'),
  fc.record({ nest: fc.constantFrom<[string, string]>(['[', ']'], ['{"a":', '}'], ['{"a":[', ']}']), depth: fc.integer({ min: 1_000, max: 20_000 }), core: fc.constant('1') }),
  fc.record({ repeat: fc.constantFrom('a', 'ن', '{', '😀'), times: fc.integer({ min: 10_000, max: 100_000 }) }),
);

function bodyArb(op: Operation, model: Model, limits: Limits): fc.Arbitrary<{ body?: Body; type?: string }> {
  const spec = op.body;
  if (spec === undefined) return rarely(brokenBodies.map((t) => ({ body: { text: t } as Body, type: 'application/json' })), limits.calm ? 30 : 8).map((b) => b ?? {});
  if (spec.contentType.includes('yaml')) return scenarioBodyArb(model).map((t) => ({ body: { text: t }, type: spec.contentType }));
  const fields = spec.fields.length > 0 ? spec.fields : [{ name: 'value', required: false, valid: [] }];
  const form = pairsArb(fields, model, limits, 100_000).map((form): Body => ({ form, encoding: 'standard' }));
  const json = fc
    .tuple(fc.tuple(...fields.map((f) => fc.option(jvalArb(f, limits), { freq: f.required ? 8 : 3 }).map((v) => (v === null ? [] : [[f.name, v] as [Text, JVal]])))), rarely(fc.nat(), limits.calm ? 40 : 10), rarely(fc.constantFrom('}', ',', 'x', ']', '\u0000', ' '), limits.calm ? 40 : 10))
    .map(([own, cut, suffix]): Body => ({ json: own.flat(), cut, suffix }));
  const own = spec.contentType.includes('json') ? json : form;
  const other = spec.contentType.includes('json') ? form : json;
  return fc.oneof(
    { weight: limits.calm ? 60 : 12, arbitrary: own.map((body) => ({ body, type: spec.contentType })) },
    { weight: 1, arbitrary: other.map((body) => ({ body, type: spec.contentType })) },
    { weight: 2, arbitrary: brokenBodies.map((text) => ({ body: { text } as Body, type: spec.contentType })) },
  );
}

/** Regexes that backtrack: some pass a check for nested quantifiers, as alternations of overlapping branches. */
const evilRegexes = ['^(a|aa)*$', '^(\\w|\\d)*$', '^(\\d|\\d\\d)+$', '(a+)+$', '^([a-z]|[0-9])*$'];
const scenarioNames = ['fuzz-regex-1', 'fuzz-regex-2'];

const evilScenario = (name: string, regex: string, error: string) =>
  JSON.stringify({ name, provider: 'jibit', description: 'fuzz', rules: [{ when: { query: { number: { regex } } }, then: { error } }, { when: { body: { name: { regex } } }, then: { error } }] });

/** Scenario uploads: broken text, alias bombs, and valid scenarios whose regexes backtrack. */
export function scenarioBodyArb(model: Model): fc.Arbitrary<Text> {
  const valid = fc.tuple(fc.constantFrom(...scenarioNames), fc.constantFrom(...evilRegexes), fc.constantFrom(...model.jibitCodes.filter((c) => c.includes('.')))).map(([name, regex, error]) => evilScenario(name, regex, error));
  const bomb = fc.integer({ min: 2, max: 9 }).map((n) => ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: n }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n'));
  return fc.oneof(valid, bomb, brokenBodies, valueArb([]));
}

const contentTypes = ['text/plain', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json;;;', 'application/jsonx', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', '*/*', 'application/x-www-form-urlencoded; charset=windows-1256', 'text/json'];

function authArb(op: Operation, limits: Limits): fc.Arbitrary<[string, Text][]> {
  const limit = limits.maxHugeHead;
  if (op.area === 'ice') return iceAuthArb(limits);
  const own = op.area === 'jibit' ? 'Bearer {{accessToken}}' : op.area === 'freepay' ? 'Bearer {{freepayKey}}' : undefined;
  const bad = fc.constantFrom('Bearer', 'Bearer ', 'Bearer {{refreshToken}}', 'bearer   {{accessToken}}  ', 'Basic YTpi', 'Bearer a.b.c', 'Bearer {{freepayKey}}', 'Bearer {{accessToken}}, Bearer x');
  return fc.oneof(
    { weight: own ? (limits.calm ? 40 : 8) : 1, arbitrary: fc.constant<[string, Text][]>(own ? [['Authorization', own]] : []) },
    { weight: 2, arbitrary: fc.constant<[string, Text][]>([]) },
    { weight: 2, arbitrary: bad.map((v) => [['Authorization', v] as [string, Text]]) },
    { weight: 1, arbitrary: valueArb([], limit).map((v) => [['Authorization', v] as [string, Text]]) },
    { weight: 1, arbitrary: bad.map((v) => [['Authorization', own ?? 'Bearer x'], ['Authorization', v]] as [string, Text][]) },
  );
}

/**
 * ICE's credentials: the run's token and X-Sandbox-Tenant (public routes find the tenant by it),
 * mostly both right, then missing, foreign, expired-looking, another tenant's, doubled or huge.
 */
function iceAuthArb(limits: Limits): fc.Arbitrary<[string, Text][]> {
  const token: [string, Text] = ['Authorization', 'Bearer {{iceToken}}'];
  const tenant: [string, Text] = ['X-Sandbox-Tenant', '{{tenantId}}'];
  const badToken = fc.constantFrom('Bearer', 'Bearer ', 'bearer   {{iceToken}}  ', 'Basic YTpi', 'Bearer a.b.c', 'Bearer {{accessToken}}', 'Bearer {{iceToken}}, Bearer x', 'Bearer {{iceToken}}x', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
  const badTenant = fc.constantFrom('', ' ', 'ten_nope', '{{scratchId}}', ' {{tenantId}} ', '{{tenantId}}, {{tenantId}}', 'default', '../{{tenantId}}', '{{TENANTID}}');
  return fc.oneof(
    { weight: limits.calm ? 40 : 8, arbitrary: fc.constant<[string, Text][]>([token, tenant]) },
    { weight: 1, arbitrary: fc.constant<[string, Text][]>([]) },
    { weight: 1, arbitrary: fc.constant<[string, Text][]>([token]) },
    { weight: 1, arbitrary: fc.constant<[string, Text][]>([tenant]) },
    { weight: 2, arbitrary: badToken.map((v): [string, Text][] => [['Authorization', v], tenant]) },
    { weight: 2, arbitrary: badTenant.map((v): [string, Text][] => [token, ['X-Sandbox-Tenant', v]]) },
    { weight: 1, arbitrary: valueArb(['{{tenantId}}'], limits.maxHugeHead).map((v): [string, Text][] => [token, ['X-Sandbox-Tenant', v]]) },
    { weight: 1, arbitrary: valueArb([], limits.maxHugeHead).map((v): [string, Text][] => [['Authorization', v], tenant]) },
    { weight: 1, arbitrary: badToken.map((v): [string, Text][] => [token, ['Authorization', v], tenant, tenant]) },
  );
}

function extraHeadersArb(model: Model, limits: Limits): fc.Arbitrary<[string, Text][]> {
  const limit = limits.maxHugeHead;
  const codes = [...model.jibitCodes, ...model.freepayCodeNames, ...model.iceCodeNames, '-20', '-1', '-99', 'server.error', 'SERVER.ERROR ', 'no.such.code', ' invalidInput', 'SERVICEUNAVAILABLE'];
  const one = fc.oneof(
    fc.constantFrom(...codes).map((c): [string, Text] => ['X-Sandbox-Error', c]),
    fc.constantFrom(...model.errorScenarios, 'fuzz-regex-1', 'fuzz-regex-2', 'no-such-scenario', '').map((s): [string, Text] => ['X-Sandbox-Scenario', s]),
    valueArb(['track-1'], limit).map((v): [string, Text] => ['X-TRACK-ID', v]),
    valueArb(['10.0.0.1'], limit).map((v): [string, Text] => ['X-Forwarded-For', v]),
  );
  return limits.calm ? rarely(one, 6).map((h) => (h ? [h] : [])) : fc.array(one, { maxLength: 2 });
}

/**
 * An upload of a scenario whose regex backtracks, then a Jibit call that names it with a value
 * that makes the regex work hard: the two must follow each other to meet.
 */
export function regexScenarioPairArb(limits: Limits): fc.Arbitrary<Plan[]> {
  // Each regex with the run of characters it backtracks on: long enough to stall for seconds, short enough not to stall for ever.
  const baits: [string, string, number, number][] = [
    ['^(a|aa)*$', 'a', 34, 42],
    ['^(\\w|\\d)*$', '1', 22, 28],
    ['^(\\d|\\d\\d)+$', '1', 34, 42],
  ];
  const bait = fc.constantFrom(...baits).chain(([regex, char, min, max]) =>
    fc.integer({ min, max }).map((n) => ({ regex, value: { join: [{ repeat: char, times: n }, '!'] } as Text })),
  );
  return fc.tuple(fc.constantFrom(...scenarioNames), bait, fc.boolean()).map(([name, { regex, value }, asBody]): Plan[] => [
    { transport: limits.transport, method: 'POST', path: '/_sandbox/scenarios', query: { pairs: [], encoding: 'standard' }, headers: [['Content-Type', 'application/json']], body: { text: evilScenario(name, regex, 'card.not_valid') } },
    asBody
      ? { transport: limits.transport, method: 'POST', path: '/jibit/ide/v1/services/matching', query: { pairs: [], encoding: 'standard' }, headers: [['Authorization', 'Bearer {{accessToken}}'], ['X-Sandbox-Scenario', name], ['Content-Type', 'application/json']], body: { json: [['cardNumber', { s: '6037991234567893' }], ['name', { s: value }]] } }
      : { transport: limits.transport, method: 'GET', path: '/jibit/ide/v1/cards', query: { pairs: [['number', value]], encoding: 'standard' }, headers: [['Authorization', 'Bearer {{accessToken}}'], ['X-Sandbox-Scenario', name]] },
  ]);
}

/** Requests of one route: calm ones (well formed but for a field or two) and wild ones. */
export function operationPlanArb(op: Operation, model: Model, limits: Limits): fc.Arbitrary<Plan> {
  return fc.oneof({ weight: 2, arbitrary: planArb(op, model, { ...limits, calm: true }) }, { weight: 1, arbitrary: planArb(op, model, { ...limits, calm: false }) });
}

function planArb(op: Operation, model: Model, limits: Limits): fc.Arbitrary<Plan> {
  const rare = limits.calm ? 30 : 8;
  return fc
    .record({
      method: limits.calm ? fc.constant(op.method) : methodArb(op.method, limits),
      path: pathArb(op, model, limits),
      pairs: pairsArb(op.query, model, limits, limits.maxHugeHead),
      encoding: limits.calm ? fc.constant<Encoding>('standard') : encodingArb,
      tail: rarely(fc.constantFrom(...tails), rare),
      auth: authArb(op, limits),
      extra: extraHeadersArb(model, limits),
      body: bodyArb(op, model, limits),
      type: rarely(fc.constantFrom(...contentTypes), rare),
      chunked: fc.boolean(),
    })
    .map((r): Plan => {
      const safeMethod = r.method.toUpperCase() === 'GET' || r.method.toUpperCase() === 'HEAD';
      // The run's own tenant is only read through the control API: writes go to its scratch tenant.
      const path = safeMethod ? r.path : (JSON.parse(JSON.stringify(r.path).replaceAll('{{tenantId}}', '{{scratchId}}')) as Text);
      const noBody = limits.transport === 'app' && safeMethod;
      const type = r.type ?? r.body.type;
      return {
        transport: limits.transport,
        method: r.method,
        path,
        query: { pairs: r.pairs, encoding: r.encoding, tail: r.tail },
        headers: [...r.auth, ...r.extra, ...(type && r.body.body && !noBody ? [['Content-Type', type] as [string, Text]] : [])],
        body: noBody ? undefined : r.body.body,
        chunked: limits.transport === 'socket' && r.body.body !== undefined && r.chunked ? true : undefined,
      };
    });
}
