// What the fuzz suite knows of the sandbox, read at start from the instance itself and the
// catalogs: every route of GET /openapi.json (so a new route is fuzzed without editing the
// suite), the documented Jibit, Freepay and ICE codes, the README's status table and the test values.
import { readFileSync } from 'node:fs';
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { freepayCodes, freepayEndpoints, panelFilters, requestFields, verifyFields } from '../../src/providers/freepay/catalog.js';
import { iceCodes } from '../../src/providers/ice/catalog.js';
import { noteIceRoutes } from './ice-routes.js';

export type Area = 'jibit' | 'freepay' | 'control' | 'ice';

export interface Field {
  name: string;
  required: boolean;
  /** Values known to be well formed: the document's example, its enum, test values. */
  valid: string[];
  /** Sent well formed most of the time (the fields of a documented test value). */
  sure?: boolean;
}

export interface Operation {
  area: Area;
  method: string;
  /** Full path, with {name} for path parameters. */
  path: string;
  query: Field[];
  pathParams: Field[];
  body?: { contentType: string; fields: Field[] };
}

/** A documented request (GET /_sandbox/test-values), with {{placeholders}} for credentials. */
export interface TestValue {
  provider: 'jibit' | 'freepay' | 'ice';
  endpoint: string;
  outcome: string;
  request: { method: string; path: string; query?: Record<string, string>; body?: unknown; headers?: Record<string, string> };
}

export interface Model {
  operations: Operation[];
  testValues: TestValue[];
  /** Every parameter and field name the catalogs and the document use. */
  fieldNames: string[];
  jibitCodes: string[];
  freepayCodeNames: string[];
  iceCodeNames: string[];
  /** Scenarios whose rules only answer errors: safe to name in X-Sandbox-Scenario (no delays, no faults). */
  errorScenarios: string[];
}

export const areaOf = (path: string): Area | undefined =>
  path.startsWith('/jibit/ide') ? 'jibit' : path.startsWith('/freepay') ? 'freepay' : path.startsWith('/_sandbox') ? 'control' : path.startsWith('/ice/') ? 'ice' : undefined;

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; required?: string[]; example?: unknown; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
type Doc = { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[]; requestBody?: { content: Record<string, { schema?: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };

const asText = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const validOf = (s: Schema | undefined) => [...(s?.enum ?? []), s?.example].map(asText).filter((v): v is string => v !== undefined);

/** The object properties of a schema, through $ref, allOf and unions. */
function propertiesOf(doc: Doc, schema: Schema | undefined, depth = 0): Field[] {
  if (!schema || depth > 5) return [];
  if (schema.$ref) return propertiesOf(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!], depth + 1);
  const nested = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => propertiesOf(doc, s, depth + 1));
  const own = Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, required: schema.required?.includes(name) ?? false, valid: validOf(s) }));
  return [...own, ...nested];
}

export function operationsOf(doc: Doc): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const area = areaOf(path);
    if (!area) continue;
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const field = (p: (typeof params)[number]): Field => ({ name: p.name, required: p.required ?? false, valid: validOf(p.schema) });
      const content = Object.entries(op.requestBody?.content ?? {})[0];
      out.push({
        area,
        method: method.toUpperCase(),
        path,
        query: params.filter((p) => p.in === 'query').map(field),
        pathParams: params.filter((p) => p.in === 'path').map(field),
        body: content ? { contentType: content[0], fields: propertiesOf(doc, content[1].schema) } : undefined,
      });
    }
  }
  return out;
}

/** The README's Jibit status table: code → HTTP status, as documented for clients. */
export function readmeJibitStatuses(readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')): Map<string, number> {
  const table = /<!-- status-table:start -->([\s\S]*?)<!-- status-table:end -->/.exec(readme)?.[1] ?? '';
  const statuses = new Map<string, number>();
  for (const [, status, codes] of table.matchAll(/^\| (\d{3}) \| (.*) \|$/gm)) {
    for (const [, code] of codes!.matchAll(/`([^`]+)`/g)) statuses.set(code!, Number(status));
  }
  return statuses;
}

/** Codes the README lists as the sandbox's own (not in the document): {balance.not_enough, sandbox.*}. */
export const sandboxJibitCodes = ['balance.not_enough', 'sandbox.error_not_documented', 'sandbox.scenario_unknown'];

export const catalogJibitCodes = [...new Set(catalog.endpoints.flatMap((e) => e.errors.map((er) => er.code)))];

/** Messages the catalog gives a code, on any endpoint. */
export const catalogMessages = new Map<string, Set<string>>();
for (const e of catalog.endpoints) for (const er of e.errors) catalogMessages.set(er.code, (catalogMessages.get(er.code) ?? new Set()).add(er.messageFa));

export const freepayByStatus = new Map(Object.entries(freepayCodes).map(([name, code]) => [code.status as number, { name, ...code }]));

export async function readModel(request: (path: string) => Promise<Response>): Promise<Model> {
  const doc = (await (await request('/openapi.json')).json()) as Doc;
  const testValues = (await (await request('/_sandbox/test-values')).json()) as TestValue[];
  const { scenarios } = (await (await request('/_sandbox/scenarios')).json()) as { scenarios: { name: string }[] };
  const errorScenarios: string[] = [];
  for (const { name } of scenarios) {
    const { definition } = (await (await request(`/_sandbox/scenarios/${name}`)).json()) as { definition: { rules: { then: object }[] } };
    if (definition.rules.length > 0 && definition.rules.every((r) => Object.keys(r.then).every((k) => k === 'error' || k === 'message'))) errorScenarios.push(name);
  }
  const operations = operationsOf(doc);
  noteIceRoutes(doc);
  // Test values name valid inputs by field: they join the document's examples.
  const known = new Map<string, Set<string>>();
  const note = (name: string, value: unknown) => {
    const text = asText(value);
    if (text !== undefined) known.set(name, (known.get(name) ?? new Set()).add(text));
  };
  for (const tv of testValues) {
    for (const [k, v] of Object.entries(tv.request.query ?? {})) note(k, v);
    if (tv.request.body && typeof tv.request.body === 'object') for (const [k, v] of Object.entries(tv.request.body)) note(k, v);
  }
  for (const op of operations) {
    for (const f of [...op.query, ...(op.body?.fields ?? [])]) f.valid = [...new Set([...f.valid, ...(known.get(f.name) ?? [])])].slice(0, 12);
  }
  const fieldNames = new Set<string>([
    ...catalog.endpoints.flatMap((e) => [...e.query, ...e.body].map((p) => p.name)),
    ...Object.values(requestFields), ...Object.values(verifyFields), ...Object.values(panelFilters),
    ...operations.flatMap((op) => [...op.query, ...(op.body?.fields ?? [])].map((f) => f.name)),
  ]);
  return {
    operations,
    testValues,
    fieldNames: [...fieldNames].sort(),
    jibitCodes: [...catalogJibitCodes, ...sandboxJibitCodes],
    freepayCodeNames: [...new Set(Object.values(freepayEndpoints).flat())],
    iceCodeNames: Object.keys(iceCodes),
    errorScenarios,
  };
}
