// Faults over a real socket and through createSandbox()'s fetch: a dropped connection, a hang
// that ends when the client gives up or when its bound is reached, cut-off JSON, an empty body.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/index.js';

const sandbox = createSandbox({ scenarios: false });
let url = '';
let token = '';
let tenantId = '';

const faults = `name: faults
provider: jibit
description: Given every fault in turn on balances, then each reaches the client.
rules:
  - { when: { endpoint: balances, nth: 1 }, then: { fault: reset } }
  - { when: { endpoint: balances, nth: 2 }, then: { fault: hang, hangMs: 400 } }
  - { when: { endpoint: balances, nth: 3 }, then: { fault: malformed-json } }
  - { when: { endpoint: balances, nth: 4 }, then: { fault: empty-body, status: 503 } }
  - { when: { endpoint: balances, nth: 5 }, then: { fault: hang, hangMs: 60000 } }
`;

const call = (path: string, init: RequestInit = {}) => fetch(`${url}${path}`, init);
const balances = (signal?: AbortSignal) => call('/jibit/ide/v1/balances', { headers: { authorization: `Bearer ${token}` }, ...(signal ? { signal } : {}) });

beforeAll(async () => {
  ({ url } = await sandbox.listen());
  expect((await call('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: faults })).status).toBe(201);
  const tenant = (await (await call('/_sandbox/tenants', { method: 'POST' })).json()) as { id: string; jibit: { apiKey: string; secretKey: string } };
  tenantId = tenant.id;
  await call(`/_sandbox/tenants/${tenantId}/scenario`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'faults' }) });
  const pair = (await (await call('/jibit/ide/v1/tokens/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(tenant.jibit) })).json()) as { accessToken: string };
  token = pair.accessToken;
});
afterAll(() => sandbox.close());

/** A raw HTTP request, to see what the socket does: an answer, or the connection's end without one. */
function raw(path: string): Promise<{ status?: number; error?: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${path}`, { headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, ms: performance.now() - started }));
    req.end();
  });
}

describe('faults over a socket', () => {
  it('reset drops the connection; a bounded hang drops it after hangMs; then cut-off JSON and an empty 503', async () => {
    expect(await raw('/jibit/ide/v1/balances')).toEqual({ error: 'ECONNRESET', ms: expect.any(Number) });
    const hang = await raw('/jibit/ide/v1/balances');
    expect(hang.error).toBe('ECONNRESET');
    expect(hang.ms).toBeGreaterThanOrEqual(390);

    const cut = await balances();
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-type')).toBe('application/json');
    const text = await cut.text();
    expect(text).toBe('{"code": "server.error", "message": "');
    expect(() => JSON.parse(text)).toThrow(SyntaxError);

    const empty = await balances();
    expect(empty.status).toBe(503);
    expect(await empty.text()).toBe('');
  });

  it('a hang ends when the client gives up, and the journal shows status 0 and the rules', async () => {
    const started = performance.now();
    await expect(balances(AbortSignal.timeout(200))).rejects.toThrow(/aborted|timeout/i);
    expect(performance.now() - started).toBeLessThan(5000);
    // The abandoned hang is journalled once the sandbox lets go of it.
    await new Promise((r) => setTimeout(r, 50));
    const after = (await (await call(`/_sandbox/tenants/${tenantId}/journal?endpoint=balances`)).json()) as {
      entries: { status: number; rule: string; responseBody: unknown }[];
    };
    expect(after.entries.map((e) => [e.status, e.rule])).toEqual([
      [0, 'faults/5'],
      [503, 'faults/4'],
      [200, 'faults/3'],
      [0, 'faults/2'],
      [0, 'faults/1'],
    ]);
    expect(after.entries[2]!.responseBody).toBe('{"code": "server.error", "message": "');
  });
});

describe('faults through the in-process fetch', () => {
  it('a dropped connection rejects as fetch does, with ECONNRESET as the cause', async () => {
    const local = createSandbox({ scenarios: false });
    const send = (path: string, init: RequestInit = {}) => local.fetch(new Request(`http://sandbox.test${path}`, init));
    await send('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: faults });
    await send('/_sandbox/tenants/ten_default/scenario', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"name":"faults"}' });
    const pair = (await (await send('/jibit/ide/v1/tokens/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(local.credentials) })).json()) as { accessToken: string };
    const auth = { headers: { authorization: `Bearer ${pair.accessToken}` } };

    const dropped = send('/jibit/ide/v1/balances', auth);
    await expect(dropped).rejects.toThrow(TypeError);
    await expect(dropped).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
    // The second rule hangs for 400 ms, then drops.
    const started = performance.now();
    await expect(send('/jibit/ide/v1/balances', auth)).rejects.toMatchObject({ cause: { code: 'ECONNRESET' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    await local.close();
  });

  it('close() ends a hang at once, so nothing waits for its bound', async () => {
    const local = createSandbox({ scenarios: false });
    const send = (path: string, init: RequestInit = {}) => local.fetch(new Request(`http://sandbox.test${path}`, init));
    await send('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'name: long-hang\nprovider: jibit\ndescription: d\nrules: [{ then: { fault: hang, hangMs: 60000 } }]\n' });
    await send('/_sandbox/tenants/ten_default/scenario', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"name":"long-hang"}' });
    const { url: localUrl } = await local.listen();
    const pending = fetch(`${localUrl}/jibit/ide/v1/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(local.credentials) }).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await local.close();
    expect(await pending).toBe('dropped');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
