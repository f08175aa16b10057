// Request bodies are limited per route family before they are read (README "Limits"): a body
// of exactly the limit is served, one byte more gets the family's documented answer, whether
// the size is declared, lied about or streamed without a length; a refused body costs nothing
// and is not journalled.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import catalog from '../src/providers/jibit/catalog.json' with { type: 'json' };
import { freepayCodes } from '../src/providers/freepay/catalog.js';
import { control, json, listening, merchant, sandbox, signedIn } from './helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

// The limits the README documents.
const jibitLimit = 64 * 1024;
const freepayLimit = 64 * 1024;
const controlLimit = 256 * 1024;
const scenarioLimit = 1_000_000;

const badBody = { code: 'invalid.request_body', message: catalog.endpoints[0]!.errors.find((e) => e.code === 'invalid.request_body')!.messageFa };
const freepayTooLarge = { status: freepayCodes.invalidInput.status, message: `${freepayCodes.invalidInput.message} (بدنه بزرگ‌تر از ${freepayLimit} بایت)` };
const controlTooLarge = (limit: number) => ({ error: 'payload_too_large', message: `the request body is larger than the limit of ${limit} bytes` });

/** `value` as JSON, padded with spaces to exactly `bytes` bytes. */
function jsonOf(value: object, bytes: number): string {
  const text = JSON.stringify(value);
  expect(Buffer.byteLength(text)).toBeLessThan(bytes);
  return text + ' '.repeat(bytes - Buffer.byteLength(text));
}

/** `fields` form-encoded with a `pad` field making it exactly `bytes` bytes. */
function formOf(fields: Record<string, string>, bytes: number): string {
  const text = `${new URLSearchParams(fields)}&pad=`;
  return text + 'x'.repeat(bytes - text.length);
}

/** A body streamed in 64 KiB chunks without a length, counting how much of it was pulled. */
function counted(totalBytes: number) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= totalBytes) return controller.close();
      state.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
  instance.app.request(path, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
const jibitPost = (path: string, body: BodyInit, token?: string, headers: Record<string, string> = {}) =>
  post(`/jibit/ide${path}`, body, { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers });
const freepayPost = (path: string, body: BodyInit) => post(`/freepay${path}`, body, { 'Content-Type': 'application/x-www-form-urlencoded' });

async function expectAnswer(res: Response, status: number, body: unknown) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status, type: 'application/json', body });
}

describe(`Jibit: ${jibitLimit} bytes`, () => {
  test('POST /v1/tokens/generate of exactly the limit answers the token pair; a byte more answers 400 invalid.request_body', async () => {
    const s = await signedIn(instance);
    const keys = { apiKey: s.apiKey, secretKey: s.secretKey };
    const ok = await jibitPost('/v1/tokens/generate', jsonOf(keys, jibitLimit));
    await expectAnswer(ok, 200, { accessToken: expect.any(String), refreshToken: expect.any(String) });
    await expectAnswer(await jibitPost('/v1/tokens/generate', jsonOf(keys, jibitLimit + 1)), 400, badBody);
  });

  test('POST /v1/tokens/refresh of exactly the limit answers a new pair; a byte more answers 400 invalid.request_body', async () => {
    const s = await signedIn(instance);
    // The document asks for both tokens (lines 148, 164).
    const pair = { accessToken: s.accessToken, refreshToken: s.refreshToken };
    const ok = await jibitPost('/v1/tokens/refresh', jsonOf(pair, jibitLimit));
    await expectAnswer(ok, 200, { accessToken: expect.any(String), refreshToken: expect.any(String) });
    await expectAnswer(await jibitPost('/v1/tokens/refresh', jsonOf(pair, jibitLimit + 1)), 400, badBody);
  });

  test.each([
    ['/v1/services/matching', { nationalCode: '0123456789', mobileNumber: '09123456789' }],
    ['/v1/services/identity/similarity', { nationalCode: '0123456789', birthDate: '13600331', firstName: 'علی' }],
  ])('POST %s of exactly the limit answers as the short body does; a byte more answers 400 invalid.request_body', async (path, fields) => {
    const s = await signedIn(instance);
    const short = await jibitPost(path, JSON.stringify(fields), s.token);
    expect(short.status).toBe(200);
    await expectAnswer(await jibitPost(path, jsonOf(fields, jibitLimit), s.token), 200, await json(short));
    await expectAnswer(await jibitPost(path, jsonOf(fields, jibitLimit + 1), s.token), 400, badBody);
  });

  test('a Content-Length smaller than the body does not let a body over the limit in', async () => {
    const s = await signedIn(instance);
    const body = jsonOf({ apiKey: s.apiKey, secretKey: s.secretKey }, 10 * jibitLimit);
    await expectAnswer(await jibitPost('/v1/tokens/generate', body, undefined, { 'Content-Length': '40' }), 400, badBody);
  });

  test('a Content-Length larger than a short body serves the body sent', async () => {
    const s = await signedIn(instance);
    const body = JSON.stringify({ apiKey: s.apiKey, secretKey: s.secretKey });
    const res = await jibitPost('/v1/tokens/generate', body, undefined, { 'Content-Length': String(jibitLimit) });
    await expectAnswer(res, 200, { accessToken: expect.any(String), refreshToken: expect.any(String) });
  });

  test('a declared Content-Length over the limit is refused before a byte is read', async () => {
    const { stream, state } = counted(10 * jibitLimit);
    const res = await jibitPost('/v1/tokens/generate', stream, undefined, { 'Content-Length': String(10 * jibitLimit) });
    await expectAnswer(res, 400, badBody);
    expect(state.pulled).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  test('a streamed body without a length stops being read just past the limit', async () => {
    const { stream, state } = counted(100 * jibitLimit);
    await expectAnswer(await jibitPost('/v1/tokens/generate', stream), 400, badBody);
    expect(state.pulled).toBeLessThanOrEqual(jibitLimit + 2 * 64 * 1024);
  });

  test('a 20 MB body charges nothing, counts nothing and adds nothing to the journal', async () => {
    const s = await signedIn(instance);
    await control(instance, 'POST', `/tenants/${s.id}/clock`, { freeze: true });
    const before = await control(instance, 'GET', `/tenants/${s.id}`).then(json);
    const journalBefore = await control(instance, 'GET', `/tenants/${s.id}/journal`).then(json);
    const huge = jsonOf({ nationalCode: '0123456789', mobileNumber: '09123456789' }, 20 * 1024 * 1024);
    await expectAnswer(await jibitPost('/v1/services/matching', huge, s.token), 400, badBody);
    expect(await control(instance, 'GET', `/tenants/${s.id}`).then(json)).toEqual(before);
    expect(await control(instance, 'GET', `/tenants/${s.id}/journal`).then(json)).toEqual(journalBefore);
  });
});

describe(`Freepay: ${freepayLimit} bytes`, () => {
  test('POST /payment/request of exactly the limit answers status 1; a byte more answers 400 status -1', async () => {
    const m = await merchant(instance);
    const fields = { api: m.api, amount: '10000', callback: 'http://localhost/back' };
    await expectAnswer(await freepayPost('/payment/request', formOf(fields, freepayLimit)), 200, { status: 1, authority: expect.stringMatching(/^\d+$/) });
    await expectAnswer(await freepayPost('/payment/request', formOf(fields, freepayLimit + 1)), 400, freepayTooLarge);
  });

  test('POST /payment/verify of a byte over the limit answers 400 status -1', async () => {
    const m = await merchant(instance);
    const requested = await freepayPost('/payment/request', new URLSearchParams({ api: m.api, amount: '10000', callback: 'http://localhost/back' }).toString());
    const { authority } = (await json(requested)) as { authority: string };
    const verify = formOf({ api: m.api, authority, amount: '10000' }, freepayLimit + 1);
    await expectAnswer(await freepayPost('/payment/verify', verify), 400, freepayTooLarge);
  });

  test('the gateway page’s POST of a byte over the limit answers the page again (413, HTML, saying so); the payment stays open', async () => {
    const m = await merchant(instance);
    const requested = await freepayPost('/payment/request', new URLSearchParams({ api: m.api, amount: '10000', callback: 'http://localhost/back' }).toString());
    const { authority } = (await json(requested)) as { authority: string };
    const refused = await freepayPost(`/payment/gateway:${authority}`, formOf({ action: 'cancel' }, freepayLimit + 1));
    expect({ status: refused.status, type: refused.headers.get('content-type'), captcha: refused.headers.get('x-sandbox-captcha') }).toEqual({
      status: 413,
      type: 'text/html; charset=UTF-8',
      captcha: expect.stringMatching(/^\d+$/),
    });
    const page = await refused.text();
    expect(page).toContain('فرم ارسالی بزرگ‌تر از حد مجاز است؛ لطفاً دوباره تلاش کنید.');
    expect(page).toContain(`action="/freepay/payment/gateway:${authority}"`);
    const journal = (await control(instance, 'GET', `/tenants/${m.id}/journal?limit=1`).then(json)) as { entries: { status: number; responseBody: unknown }[] };
    expect(journal.entries.map(({ status, responseBody }) => ({ status, responseBody }))).toEqual([{ status: 413, responseBody: { page: 'form', refused: 'body_too_large' } }]);
    // A GET of the page declaring a body past the limit is still the page: a GET's body is never read.
    const shown = await instance.app.request(`/freepay/payment/gateway:${authority}`, { headers: { 'Content-Length': String(freepayLimit + 1) } });
    expect({ status: shown.status, type: shown.headers.get('content-type') }).toEqual({ status: 200, type: 'text/html; charset=UTF-8' });
    // The page's POST of exactly the limit is served: the buyer cancels, back to the merchant.
    const cancelled = await freepayPost(`/payment/gateway:${authority}`, formOf({ action: 'cancel' }, freepayLimit));
    expect(cancelled.status).toBe(303);
  });

  test('a streamed 20 MB form changes no balance and adds nothing to the journal', async () => {
    const m = await merchant(instance);
    await control(instance, 'POST', `/tenants/${m.id}/clock`, { freeze: true });
    const before = await control(instance, 'GET', `/tenants/${m.id}`).then(json);
    const journalBefore = await control(instance, 'GET', `/tenants/${m.id}/journal`).then(json);
    const { stream, state } = counted(20 * 1024 * 1024);
    await expectAnswer(await freepayPost('/payment/request', stream), 400, freepayTooLarge);
    expect(state.pulled).toBeLessThanOrEqual(freepayLimit + 2 * 64 * 1024);
    expect(await control(instance, 'GET', `/tenants/${m.id}`).then(json)).toEqual(before);
    expect(await control(instance, 'GET', `/tenants/${m.id}/journal`).then(json)).toEqual(journalBefore);
  });
});

describe(`control API: ${controlLimit} bytes, scenario uploads ${scenarioLimit}`, () => {
  test('POST /_sandbox/tenants of exactly the limit answers 201; a byte more answers 413 payload_too_large', async () => {
    const ok = await post('/_sandbox/tenants', jsonOf({ name: 'padded' }, controlLimit), { 'Content-Type': 'application/json' });
    expect(ok.status).toBe(201);
    const res = await post('/_sandbox/tenants', jsonOf({ name: 'padded' }, controlLimit + 1), { 'Content-Type': 'application/json' });
    await expectAnswer(res, 413, controlTooLarge(controlLimit));
  });

  test('POST /_sandbox/scenarios of exactly 1,000,000 bytes is stored; a byte more answers 413 payload_too_large', async () => {
    // JSON, as a scenario this large is written (YAML is for small, hand-written ones).
    const scenario = (name: string, bytes: number) => jsonOf({ name, provider: 'jibit', description: 'Padded to its size.' }, bytes);
    const upload = (text: string) => post('/_sandbox/scenarios', text, { 'Content-Type': 'application/json' });
    const stored = await upload(scenario('padded-to-the-limit', scenarioLimit));
    expect(stored.status).toBe(201);
    await expectAnswer(await upload(scenario('padded-past-the-limit', scenarioLimit + 1)), 413, controlTooLarge(scenarioLimit));
  });

  test('POST /_sandbox/scenarios of a 2 MB stream is refused without reading it all', async () => {
    const { stream, state } = counted(2 * 1024 * 1024);
    await expectAnswer(await post('/_sandbox/scenarios', stream, { 'Content-Type': 'application/yaml' }), 413, controlTooLarge(scenarioLimit));
    expect(state.pulled).toBeLessThanOrEqual(scenarioLimit + 2 * 64 * 1024);
  });
});

describe('over a real socket', () => {
  let port = 0;
  let server: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    server = await listening(instance);
    port = server.port;
  });
  afterAll(() => server.close());
  // A body that breaks off is the client's doing, not an error of the sandbox to log.
  const logged = vi.spyOn(console, 'error');
  afterEach(() => expect(logged).not.toHaveBeenCalled());

  /**
   * Sends `text` as is (then says it is done sending, unless `more` bodies may follow) and reads
   * what comes back until the server closes or `ms` pass.
   */
  const raw = (text: string, { more = false, ms = 2000 } = {}) =>
    new Promise<string>((resolve) => {
      let out = '';
      const socket = connect(port, '127.0.0.1', () => (more ? socket.write(text) : socket.end(text)));
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (out += chunk));
      socket.on('error', () => resolve(out));
      socket.on('close', () => resolve(out));
      setTimeout(() => (socket.destroy(), resolve(out)), ms);
    });

  const health = async () => (await fetch(`http://127.0.0.1:${port}/jibit/ide/health`)).status;

  test('a 50 MB chunked upload to POST /v1/tokens/generate answers 400 invalid.request_body, and the server keeps answering', async () => {
    const s = await signedIn(instance);
    // Valid JSON, its keys first: only its size is wrong.
    const start = Buffer.from(JSON.stringify({ apiKey: s.apiKey, secretKey: s.secretKey }));
    const answer = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/jibit/ide/v1/tokens/generate', headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      // The server stops reading once it has answered: the rest of the upload may be refused.
      req.on('error', (error) => setTimeout(() => reject(error), 1000));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      req.write(start);
      let sent = 0;
      const write = () => {
        while (sent < 50) {
          sent += 1;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    expect(answer).toEqual({ status: 400, body: badBody });
    expect(await health()).toBe(200);
  });

  /** POSTs `chunks` (without a length: chunked) and answers the status and the JSON body. */
  const streamed = (path: string, type: string, chunks: Buffer[]) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'Content-Type': type } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      // The server stops reading once it has answered: the rest of the upload may be refused.
      req.on('error', (error) => setTimeout(() => reject(error), 1000));
      let sent = 0;
      const write = () => {
        while (sent < chunks.length) {
          if (!req.write(chunks[sent++])) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });

  test('a Freepay form in many chunks is read whole (Persian, split inside a character) and journalled; one a byte over the limit answers 400 status -1', async () => {
    const m = await merchant(instance);
    const description = 'خرید آزمایشی';
    const raw = Buffer.from(`api=${m.api}&amount=10000&callback=${encodeURIComponent('http://localhost/back')}&description=${description}`);
    // Split inside the first Persian character's two bytes, and into single bytes after it.
    const at = raw.indexOf(Buffer.from(description)) + 1;
    const chunks = [raw.subarray(0, at), ...Array.from(raw.subarray(at), (byte) => Buffer.from([byte]))];
    const answer = await streamed('/freepay/payment/request', 'application/x-www-form-urlencoded', chunks);
    expect(answer).toEqual({ status: 200, body: { status: 1, authority: expect.stringMatching(/^\d+$/) } });
    const journal = (await control(instance, 'GET', `/tenants/${m.id}/journal?limit=1`).then(json)) as { entries: { requestBody: Record<string, string> }[] };
    expect(journal.entries[0]!.requestBody).toMatchObject({ amount: '10000', callback: 'http://localhost/back', description });

    const over = formOf({ api: m.api, amount: '10000', callback: 'http://localhost/back' }, freepayLimit + 1);
    const halves = [Buffer.from(over.slice(0, 40_000)), Buffer.from(over.slice(40_000))];
    expect(await streamed('/freepay/payment/request', 'application/x-www-form-urlencoded', halves)).toEqual({ status: 400, body: freepayTooLarge });
    const exactly = formOf({ api: m.api, amount: '10000', callback: 'http://localhost/back' }, freepayLimit);
    expect(await streamed('/freepay/payment/request', 'application/x-www-form-urlencoded', [Buffer.from(exactly)])).toEqual({
      status: 200,
      body: { status: 1, authority: expect.stringMatching(/^\d+$/) },
    });
    expect(await health()).toBe(200);
  });

  test('GET with a body over the limit answers 400 invalid.request_body; one within it is ignored', async () => {
    const s = await signedIn(instance);
    // Only the first KiB of the body is sent: an answer proves the rest was not waited for.
    const get = (length: number) =>
      raw(`GET /jibit/ide/v1/balances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${s.token}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n${' '.repeat(Math.min(length, 1024))}`, { more: true });
    expect(await get(jibitLimit + 1)).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*\r\n\r\n\{"code":"invalid\.request_body",/);
    expect(await get(1024)).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n\{"balances":\[/);
    expect(await health()).toBe(200);
  });

  test('HEAD with a body over the limit answers 400 without a body', async () => {
    const s = await signedIn(instance);
    const res = await raw(`HEAD /jibit/ide/v1/balances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${s.token}\r\nContent-Length: ${jibitLimit + 1}\r\nConnection: close\r\n\r\n`, { more: true });
    expect(res).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n(?:[\w-]+: [^\r\n]*\r\n)*\r\n$/);
    expect(res.toLowerCase()).toContain('content-type: application/json');
  });

  test.each([
    ['smaller than the body', 5],
    ['larger than the body, the client then done sending', 500],
  ])('a Content-Length %s gets a clean 400, and the server keeps answering', async (_, length) => {
    const body = '{"apiKey":"a","secretKey":"b"}';
    const res = await raw(`POST /jibit/ide/v1/tokens/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${body}`);
    expect(res).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(res).not.toMatch(/ 500 /);
    expect(await health()).toBe(200);
  });
});
