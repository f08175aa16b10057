// GET /docs: the API reference page, its assets (only the listed files, from swagger-ui-dist)
// and GET /openapi.json's examples: every operation has them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createInstance } from '../src/instance.js';
import { json, sandbox } from './helpers.js';

const instance = sandbox();
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const swaggerVersion = (JSON.parse(readFileSync(join(swaggerDir, 'package.json'), 'utf8')) as { version: string }).version;

const csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Every src and href of the page. */
const links = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
const assetLinks = (html: string) => links(html).filter((l) => l.startsWith('/docs/assets/'));

describe('GET /docs', () => {
  test.each(['/docs', '/docs/'])('GET %s answers the reference page: HTML with a doctype and a strict CSP', async (path) => {
    const res = await instance.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).toContain('<main id="swagger-ui"></main>');
    expect(html).not.toMatch(/<script>|<script[^>]*>[^<]+<\/script>|\son\w+=/);
  });

  test('GET /docs links only this origin: its assets, the document and the test values', async () => {
    const html = await (await instance.app.request('/docs')).text();
    expect(links(html).sort()).toEqual([
      '/_sandbox/test-values',
      `/docs/assets/${swaggerVersion}/favicon-16x16.png`,
      `/docs/assets/${swaggerVersion}/favicon-32x32.png`,
      `/docs/assets/${swaggerVersion}/swagger-ui-bundle.js`,
      `/docs/assets/${swaggerVersion}/swagger-ui.css`,
      '/docs/assets/docs.css',
      '/docs/assets/docs.js',
      '/openapi.json',
    ]);
  });

  test('with an admin token the reference stays open (it holds no tenant data); the control API it calls does not', async () => {
    const locked = createInstance({ db: ':memory:', worldSeed: 'test-world', adminToken: 'admin-token-of-the-docs-tests' });
    try {
      for (const path of ['/docs', '/docs/assets/docs.js', `/docs/assets/${swaggerVersion}/swagger-ui.css`, '/openapi.json']) {
        expect((await locked.app.request(path)).status, path).toBe(200);
      }
      expect((await locked.app.request('/_sandbox/tenants/ten_default')).status).toBe(401);
    } finally {
      locked.close();
    }
  });

  test('GET / names /docs beside the document', async () => {
    const res = await instance.app.request('/');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      name: 'Mahak',
      providers: { jibit: '/jibit/ide', freepay: '/freepay', ice: '/ice' },
      controlApi: '/_sandbox',
      openapi: '/openapi.json',
      docs: '/docs',
    });
  });
});

describe('GET /docs/assets/...', () => {
  const types: Record<string, string> = {
    css: 'text/css; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    png: 'image/png',
  };

  test('every asset the page links answers 200 with its type; Swagger UI\'s are the package\'s own bytes, cached for good', async () => {
    const html = await (await instance.app.request('/docs')).text();
    const assets = assetLinks(html);
    expect(assets).toHaveLength(6);
    for (const path of assets) {
      const res = await instance.app.request(path);
      const name = path.split('/').pop()!;
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(types[name.split('.').pop()!]);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const body = Buffer.from(await res.arrayBuffer());
      if (path.includes(swaggerVersion)) {
        expect(res.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
        expect(body.equals(readFileSync(join(swaggerDir, name))), path).toBe(true);
      } else {
        expect(res.headers.get('cache-control'), path).toBe('no-cache');
        expect(body.length, path).toBeGreaterThan(0);
      }
    }
  });

  test('the page\'s script starts Swagger UI on /openapi.json with no online validator', async () => {
    const script = await (await instance.app.request('/docs/assets/docs.js')).text();
    expect(script).toContain("url: '/openapi.json'");
    expect(script).toContain('validatorUrl: null');
    // It parses as JavaScript (a syntax error would leave the page blank in the browser only).
    expect(() => new Function(script)).not.toThrow();
  });

  test.each([
    [`/docs/assets/${swaggerVersion}/package.json`, 'a file of the package that is not listed'],
    [`/docs/assets/${swaggerVersion}/index.html`, 'the package\'s own page'],
    [`/docs/assets/${swaggerVersion}/swagger-ui.js.map`, 'a source map'],
    ['/docs/assets/0.0.1/swagger-ui-bundle.js', 'another version'],
    ['/docs/assets/swagger-ui-bundle.js', 'no version'],
    [`/docs/assets/${swaggerVersion}/..%2Fpackage.json`, 'an encoded ../'],
    [`/docs/assets/${swaggerVersion}/..%2F..%2F..%2Fpackage.json`, 'an encoded ../../../'],
    ['/docs/assets/..%2F..%2Fpackage.json', 'an encoded ../ without a version'],
    [`/docs/assets/${swaggerVersion}/%2e%2e%2fswagger-ui.css`, 'an encoded ../ before a listed name'],
    ['/docs/assets/docs.js/x', 'a path below an asset'],
    ['/docs/nothing', 'a path under /docs'],
  ])('GET %s (%s) answers 404 with the JSON error body', async (path) => {
    const res = await instance.app.request(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await json(res)) as { error: string; message: string };
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body.error).toBe('not_found');
    expect(body.message).toMatch(/^no (asset|route for GET) \/docs\//);
  });

  test('a traversal in the raw path is normalized by the URL and answers 404, never a file', async () => {
    const res = await instance.app.request(`http://localhost/docs/assets/${swaggerVersion}/../../../package.json`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('"dependencies"');
  });
});

interface Media { schema?: { example?: unknown; examples?: unknown[] }; example?: unknown; examples?: Record<string, { summary?: string; value: unknown }> }
interface Operation {
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; example?: unknown; examples?: unknown; schema?: { example?: unknown } }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}
interface Document { tags: { name: string }[]; paths: Record<string, Record<string, Operation>> }

const openapi = async () => (await json(await instance.app.request('/openapi.json'))) as Document;
const hasExample = (m: { example?: unknown; examples?: unknown; schema?: { example?: unknown } }) =>
  m.example !== undefined || m.examples !== undefined || m.schema?.example !== undefined;

/** What an operation lacks: a parameter, a request body or an answer with content but no example. */
function missingExamples(doc: Document): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) if (p.required && !hasExample(p)) missing.push(`${where}: ${p.in} parameter ${p.name}`);
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) if (!hasExample(media)) missing.push(`${where}: ${type} body`);
      for (const [status, answer] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(answer.content ?? {})) if (!hasExample(media)) missing.push(`${where}: ${status} ${type} answer`);
      }
    }
  }
  return missing;
}

describe('GET /openapi.json examples', () => {
  test('every operation has an example for each required parameter, request body and answer', async () => {
    const doc = await openapi();
    expect(Object.values(doc.paths).flatMap((item) => Object.keys(item)).length).toBeGreaterThan(100);
    expect(missingExamples(doc)).toEqual([]);
  });

  test('the walk lists an operation without examples', () => {
    const doc: Document = {
      tags: [],
      paths: {
        '/x/{id}': {
          post: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: {} }, { name: 'q', in: 'query', required: true, example: 'kept' }, { name: 'page', in: 'query' }],
            requestBody: { content: { 'application/json': { schema: {} } } },
            responses: { '200': { content: { 'application/json': { schema: {} } } }, '204': {} },
          },
        },
      },
    };
    expect(missingExamples(doc)).toEqual(['POST /x/{id}: path parameter id', 'POST /x/{id}: application/json body', 'POST /x/{id}: 200 application/json answer']);
  });

  test('the document groups operations as Jibit, Freepay, ICE, the control API (Sandbox) and Mahak', async () => {
    const doc = await openapi();
    expect(doc.tags.map((t) => t.name)).toEqual(['Jibit', 'Freepay', 'ICE', 'Sandbox', 'Mahak']);
    const used = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])));
    expect([...used].sort()).toEqual(['Freepay', 'ICE', 'Jibit', 'Mahak', 'Sandbox']);
  });

  test('the Jibit token example is the default tenant\'s pair, one example per documented outcome, and it works as given', async () => {
    const doc = await openapi();
    const media = doc.paths['/jibit/ide/v1/tokens/generate']!.post!.requestBody!.content['application/json']!;
    expect(Object.keys(media.examples!)).toEqual([
      'success',
      'apiKey.is_required',
      'apiKey.length_exceeded',
      'secretKey.is_required',
      'secretKey.length_exceeded',
      'invalid.credentials',
    ]);
    const success = media.examples!.success!;
    expect(success).toEqual({ summary: 'success', value: { apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' } });
    const res = await instance.app.request('/jibit/ide/v1/tokens/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(success.value),
    });
    expect(res.status).toBe(200);
    expect(Object.keys((await json(res)) as object).sort()).toEqual(['accessToken', 'refreshToken']);
  });

  test('the card inquiry\'s example is the demo card, and its error answers are the documented codes with their messages', async () => {
    const doc = await openapi();
    const op = doc.paths['/jibit/ide/v1/cards']!.get!;
    expect(op.parameters!.find((p) => p.name === 'number')!.schema!.example).toBe('6037991234567893');
    // "Try it out" fills in every example: the optional flags stay empty, since both at once are refused.
    expect(op.parameters!.filter((p) => p.example !== undefined || p.schema?.example !== undefined).map((p) => p.name)).toEqual(['number']);
    const errors = op.responses.default!.content!['application/json']!.examples!;
    expect(errors['card.not_valid']).toEqual({ value: { code: 'card.not_valid', message: expect.stringMatching(/\S/) } });
    const answer = await instance.app.request('/jibit/ide/v1/cards?number=6037991234567892', {
      headers: { authorization: `Bearer ${await defaultToken()}` },
    });
    expect(await json(answer)).toEqual(errors['card.not_valid']!.value);
  });

  test('the control API\'s Freepay payment takes a Freepay test card in its example', async () => {
    const doc = await openapi();
    const media = doc.paths['/_sandbox/tenants/{id}/freepay/payments/{authority}/pay']!.post!.requestBody!.content['application/json']!;
    expect(media.example).toEqual({ card: '6037990000010013' });
  });

  test('a control API error answer reads as one: the status\'s code and the answer\'s description', async () => {
    const doc = await openapi();
    const responses = doc.paths['/_sandbox/tenants/{id}/freepay/payments/{authority}/pay']!.post!.responses;
    expect(responses['404']!.content!['application/json']!.example).toEqual({ error: 'not_found', message: 'No such tenant, or no payment of the tenant with this authority' });
    const verify = doc.paths['/freepay/payment/verify']!.post!;
    expect(verify.requestBody!.content['application/x-www-form-urlencoded']!.example).toEqual({ api: 'mahak-default-freepay-key', authority: '48151623420815', amount: '150000' });
    expect(verify.responses.default!.content!['application/json']!.examples!.unknownAuthority).toEqual({ summary: 'HTTP 404', value: { status: -7, message: 'پرداخت نامعتبر است' } });
  });

  test('an ICE report request has an example per test national code and mobile', async () => {
    const doc = await openapi();
    const examples = doc.paths['/ice/api/v1/reports']!.post!.requestBody!.content['application/json']!.examples!;
    expect(Object.keys(examples)).toContain('person-approves');
    expect(examples['person-approves']!.value).toEqual({ personType: 'natural', nationalCode: expect.stringMatching(/^\d{10}$/), mobile: '09120000001', payer: 'credit' });
  });
});

async function defaultToken(): Promise<string> {
  const res = await instance.app.request('/jibit/ide/v1/tokens/generate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' }),
  });
  return ((await json(res)) as { accessToken: string }).accessToken;
}
