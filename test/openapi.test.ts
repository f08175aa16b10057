// GET /openapi.json describes every Jibit endpoint of the catalog (paths under /jibit/ide),
// the control API and bearer authentication, with the document's own field names.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { json, sandbox } from './helpers.js';

interface CatalogEndpoint { id: string; method: string; path: string; query: { name: string }[]; body: { name: string }[] }
const catalog = JSON.parse(readFileSync(new URL('../src/providers/jibit/catalog.json', import.meta.url), 'utf8')) as {
  endpoints: CatalogEndpoint[];
};

type Schema = { $ref?: string; properties?: Record<string, Schema>; anyOf?: Schema[]; oneOf?: Schema[]; required?: string[]; type?: string };
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

const instance = sandbox();
async function openapi(): Promise<Document> {
  const res = await instance.app.request('/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await json(res)) as Document;
}
const jibitPath = (path: string) => `/jibit/ide${path}`;
/** Matching and similarity also take their fields as a JSON body (spec/jibit-clients.md). */
const alsoPost = new Set(['/v1/services/matching', '/v1/services/identity/similarity']);
const operations = [
  ...new Set(catalog.endpoints.flatMap((e) => [`${e.method.toLowerCase()} ${e.path}`, ...(alsoPost.has(e.path) ? [`post ${e.path}`] : [])])),
].map((key) => key.split(' ') as [string, string]);

function resolve(doc: Document, schema: Schema): Schema {
  return schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]! : schema;
}
const propertyNames = (doc: Document, schema: Schema): string[] => {
  const s = resolve(doc, schema);
  return [...Object.keys(s.properties ?? {}), ...[...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap((x) => propertyNames(doc, x))];
};

test('GET /openapi.json answers an OpenAPI 3.1.0 document', async () => {
  const doc = await openapi();
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.info).toEqual(expect.objectContaining({ title: expect.stringMatching(/\S/), version: expect.stringMatching(/\S/) }));
});

test.each(operations)('GET /openapi.json describes %s /jibit/ide%s', async (method, path) => {
  const doc = await openapi();
  expect(Object.keys(doc.paths[jibitPath(path)] ?? {})).toContain(method);
});

test.each(catalog.endpoints.map((e) => [e.id, e]))('the description of %s has every documented parameter', async (_id, endpoint) => {
  const doc = await openapi();
  const operation = doc.paths[jibitPath(endpoint.path)]![endpoint.method.toLowerCase()]!;
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  for (const { name } of endpoint.query) expect(query).toContain(name);
  const body = operation.requestBody?.content['application/json']?.schema;
  for (const { name } of endpoint.body) expect(body && propertyNames(doc, body)).toContain(name);
  if (alsoPost.has(endpoint.path)) {
    const post = doc.paths[jibitPath(endpoint.path)]!.post!.requestBody!.content['application/json']!.schema;
    for (const { name } of endpoint.query) expect(propertyNames(doc, post)).toContain(name);
  }
});

test('every Jibit operation answers JSON on success and the {code, message} error body otherwise', async () => {
  const doc = await openapi();
  for (const [method, path] of operations) {
    const { responses } = doc.paths[jibitPath(path)]![method]!;
    expect(responses['200']?.content?.['application/json']?.schema, `${method} ${path}`).toBeDefined();
    const failure = Object.entries(responses).find(([status]) => status === 'default' || status.startsWith('4'));
    const schema = resolve(doc, failure![1].content!['application/json']!.schema);
    expect(schema.properties && Object.keys(schema.properties).sort(), `${method} ${path}`).toEqual(['code', 'message']);
  }
});

test('the document keeps the printed field names: AddressInfo.Province and the daily report Service.Service', async () => {
  const doc = await openapi();
  const { AddressInfo, Service } = doc.components.schemas;
  expect(Object.keys(AddressInfo!.properties!).sort()).toEqual(['Province', 'address', 'district', 'floor', 'no', 'postalCode', 'street']);
  expect(Object.keys(Service!.properties!).sort()).toEqual(['Service', 'count', 'persianName']);
  const postal = doc.paths[jibitPath('/v1/services/postal')]!.get!.responses['200']!.content!['application/json']!.schema;
  expect(resolve(doc, resolve(doc, postal).properties!.addressInfo!)).toBe(AddressInfo);
});

test('bearer authentication is declared and required by every Jibit operation except the token ones', async () => {
  const doc = await openapi();
  expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  for (const [method, path] of operations) {
    const { security } = doc.paths[jibitPath(path)]![method]!;
    const expected = path.startsWith('/v1/tokens/') ? [] : [{ bearerAuth: [] }];
    expect(security ?? [], `${method} ${path}`).toEqual(expected);
  }
});

test.each([
  ['post', '/_sandbox/tenants'],
  ['get', '/_sandbox/tenants/{id}'],
  ['delete', '/_sandbox/tenants/{id}'],
  ['patch', '/_sandbox/tenants/{id}/jibit'],
  ['post', '/_sandbox/tenants/{id}/clock'],
  ['get', '/_sandbox/test-values'],
  ['post', '/_sandbox/scenarios'],
  ['get', '/_sandbox/scenarios'],
  ['get', '/_sandbox/scenarios/{name}'],
  ['put', '/_sandbox/tenants/{id}/scenario'],
  ['delete', '/_sandbox/tenants/{id}/scenario'],
  ['patch', '/_sandbox/tenants/{id}/freepay'],
  ['post', '/_sandbox/tenants/{id}/freepay/payments/{authority}/pay'],
  ['post', '/freepay/payment/request'],
  ['post', '/freepay/payment/verify'],
  ['get', '/freepay/payment/gateway:{authority}'],
])('GET /openapi.json describes the route %s %s', async (method, path) => {
  const doc = await openapi();
  expect(Object.keys(doc.paths[path] ?? {})).toContain(method);
});

test('every $ref in the document points at a schema it defines', async () => {
  const doc = await openapi();
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(0);
  expect(refs.filter((name) => !doc.components.schemas[name])).toEqual([]);
});
