// Requests Node's HTTP parser refuses, sent byte for byte over a socket: raw (not
// percent-encoded) non-ASCII bytes in the request target are served as their percent-encoded
// form would be, and what cannot be read is answered in the JSON shape of the family its path
// belongs to, never with Node's bare, empty 400.
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import catalog from '../src/providers/jibit/catalog.json' with { type: 'json' };
import { freepayCodes } from '../src/providers/freepay/catalog.js';
import { iceCodes } from '../src/providers/ice/catalog.js';
import { createSandbox } from '../src/index.js';

const sandbox = createSandbox({ scenarios: false });
let port = 0;
let accessToken = '';
beforeAll(async () => {
  const { jibitUrl } = await sandbox.listen();
  port = Number(new URL(jibitUrl).port);
  const res = await fetch(`${jibitUrl}/v1/tokens/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey: sandbox.credentials.apiKey, secretKey: sandbox.credentials.secretKey }),
  });
  accessToken = ((await res.json()) as { accessToken: string }).accessToken;
});
afterAll(() => sandbox.close());

interface Answer {
  statusLine: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Writes `bytes` as they are (the socket stays open for the answer) and reads until the server closes. */
function raw(bytes: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const at = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, at).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const bodyText = text.slice(at + 4);
      resolve({ statusLine, headers, body: /^application\/json/.test(headers['content-type'] ?? '') ? JSON.parse(bodyText) : bodyText });
    });
  });
}

const get = (target: string, headers: string[] = []) =>
  Buffer.from([`GET ${target} HTTP/1.1`, 'Host: localhost', 'Connection: close', ...headers, '', ''].join('\r\n'), 'utf8');

/** What the test compares: the status line, the body's type and the whole body. */
const seen = ({ statusLine, headers, body }: Answer) => ({ statusLine, type: headers['content-type'], body });

const fa = (digits: string) => digits.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const card = '6037991234567893';
const jibitMessage = (code: string) => catalog.endpoints.flatMap((e) => e.errors).find((e) => e.code === code)!.messageFa;
const jibitUnreadable = { statusLine: 'HTTP/1.1 400 Bad Request', type: 'application/json', body: { code: 'invalid.request_body', message: jibitMessage('invalid.request_body') } };
const freepayUnreadable = { statusLine: 'HTTP/1.1 400 Bad Request', type: 'application/json', body: { status: freepayCodes.invalidInput.status, message: freepayCodes.invalidInput.message } };
const iceUnreadable = { statusLine: 'HTTP/1.1 400 Bad Request', type: 'application/json', body: { code: 'invalidInput', message: iceCodes.invalidInput.message } };

test('GET /jibit/ide/v1/cards with raw Persian digits answers the card, as the percent-encoded digits do', async () => {
  const auth = [`Authorization: Bearer ${accessToken}`];
  const rawAnswer = await raw(get(`/jibit/ide/v1/cards?number=${fa(card)}`, auth));
  const encoded = await raw(get(`/jibit/ide/v1/cards?number=${encodeURIComponent(fa(card))}`, auth));
  expect(seen(rawAnswer)).toEqual({
    statusLine: 'HTTP/1.1 200 OK',
    type: 'application/json',
    body: { number: card, cardInfo: { bank: 'MELLI', type: 'DEBIT', ownerName: 'علی محمدی', depositNumber: '1234567890123' } },
  });
  expect(seen(rawAnswer)).toEqual(seen(encoded));
  expect(rawAnswer.headers.connection).toBe('close');
});

test('GET /jibit/ide/v1/cards with raw Persian digits and no token answers forbidden in Jibit’s shape', async () => {
  expect(seen(await raw(get(`/jibit/ide/v1/cards?number=${fa(card)}`)))).toEqual({
    statusLine: 'HTTP/1.1 403 Forbidden',
    type: 'application/json',
    body: { code: 'forbidden', message: jibitMessage('forbidden') },
  });
});

test('POST /jibit/ide/v1/tokens/generate with a raw Persian byte in the query reads its body and answers a token pair', async () => {
  const body = JSON.stringify({ apiKey: sandbox.credentials.apiKey, secretKey: sandbox.credentials.secretKey });
  const request = Buffer.from(
    [`POST /jibit/ide/v1/tokens/generate?x=۱ HTTP/1.1`, 'Host: localhost', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n'),
    'utf8',
  );
  const answer = await raw(request);
  expect(answer.statusLine).toBe('HTTP/1.1 200 OK');
  expect(Object.keys(answer.body as object).sort()).toEqual(['accessToken', 'refreshToken']);
});

test('a raw byte that is not UTF-8 answers as its percent-encoded form: invalid.request_body', async () => {
  const request = Buffer.concat([Buffer.from('GET /jibit/ide/v1/cards?number='), Buffer.from([0xe9]), Buffer.from(` HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${accessToken}\r\n\r\n`)]);
  expect(seen(await raw(request))).toEqual(jibitUnreadable);
});

test('a raw request pipelined after another on one connection: both are answered, in order, and the connection closes', async () => {
  const first = [`GET /_sandbox/tenants/x HTTP/1.1`, 'Host: localhost', '', ''].join('\r\n');
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(first), get('/_sandbox/tenants/۱')])));
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const bodies = text.split('\r\n\r\n').slice(1).map((part) => part.slice(0, part.lastIndexOf('}') + 1));
  expect(bodies.map((b) => JSON.parse(b))).toEqual([
    { error: 'not_found', message: 'tenant x does not exist' },
    { error: 'not_found', message: 'tenant ۱ does not exist' },
  ]);
});

test('a raw Persian byte with a chunked body is not guessed at: Freepay’s invalidInput', async () => {
  const request = ['POST /freepay/payment/request?x=۱ HTTP/1.1', 'Host: localhost', 'Transfer-Encoding: chunked', '', '0', '', ''].join('\r\n');
  expect(seen(await raw(Buffer.from(request, 'utf8')))).toEqual(freepayUnreadable);
});

test('a target with raw spaces, a tab or control bytes still answers in its family’s shape, read from the path before them', async () => {
  expect(seen(await raw(get(`/freepay/panel/transactions/${'۹'.repeat(50)}\t?name=${' '.repeat(20)}\u001b%`)))).toEqual(freepayUnreadable);
  expect(seen(await raw(get('/jibit/ide/v1/cards?number=6037 9912 3456 7893')))).toEqual(jibitUnreadable);
  expect(seen(await raw(get('/ice/api/v1/reports?x=a b')))).toEqual(iceUnreadable);
  const other = (method: string, target: string) => Buffer.from([`${method} ${target} HTTP/1.1`, 'Host: localhost', 'Connection: close', '', ''].join('\r\n'), 'utf8');
  expect(seen(await raw(other('REPORT', '/jibit/ide/v1/services/matching😀')))).toEqual(jibitUnreadable);
  expect(seen(await raw(other('TRACE', '/ice/api/v1/api-access/company?to=M\u0001ELLI')))).toEqual(iceUnreadable);
});

test('on ICE’s bank and consent pages an unreadable request answers a page, as every answer there is; a path naming no bank, ICE’s notFound', async () => {
  const bank = await raw(get('/ice/bank/saman/chg_x?a=b c'));
  expect([bank.statusLine, bank.headers['content-type']]).toEqual(['HTTP/1.1 404 Not Found', 'text/html; charset=UTF-8']);
  expect(bank.body).toMatch(/^<!doctype html>|^<html/i);
  const consent = await raw(get('/ice/c/tok\tx'));
  expect([consent.statusLine, consent.headers['content-type']]).toEqual(['HTTP/1.1 404 Not Found', 'text/html; charset=UTF-8']);
  expect(consent.body).toContain('data-reason="unknown"');
  expect(seen(await raw(get('/ice/bank/nope/x?a=b c')))).toEqual({ statusLine: 'HTTP/1.1 404 Not Found', type: 'application/json', body: { code: 'notFound', message: iceCodes.notFound.message } });
});

test('a raw Persian path under /_sandbox answers the control API’s 404 for the decoded path', async () => {
  expect(seen(await raw(get('/_sandbox/tenants/آزمون')))).toEqual({
    statusLine: 'HTTP/1.1 404 Not Found',
    type: 'application/json',
    body: { error: 'not_found', message: 'tenant آزمون does not exist' },
  });
});

test.each([
  ['a header name with a space', '/jibit/ide/v1/cards', ['Bad Header: 1'], jibitUnreadable],
  ['a control byte in a header value', '/freepay/payment/request', ['X-Note: a\x01b'], freepayUnreadable],
  ['a control byte in the request target', '/ice/api/v1/x\x01y', [], iceUnreadable],
  ['headers past 16 KiB', '/jibit/ide/v1/balances', [`X-Big: ${'a'.repeat(20_000)}`], jibitUnreadable],
  ['a second Content-Length that disagrees', '/freepay/payment/verify', ['Content-Length: 1', 'Content-Length: 2'], freepayUnreadable],
])('%s under %s answers the provider’s unreadable-request error', async (_name, path, headers, expected) => {
  expect(seen(await raw(get(path, headers)))).toEqual(expected);
});

test('headers past 16 KiB on the payment page answer a page, as every error there does', async () => {
  const answer = await raw(get('/freepay/payment/gateway:000000000000000000000000000000000000', [`X-Big: ${'a'.repeat(20_000)}`]));
  const html = await (await fetch(`http://127.0.0.1:${port}/freepay/payment/gateway:000000000000000000000000000000000000`)).text();
  expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
  expect(answer.headers['content-type']).toBe('text/html; charset=UTF-8');
  expect(answer.body).toContain(`data-reason="unavailable"`);
  expect(answer.body).toContain(freepayCodes.invalidInput.message);
  // The same page as any other error there: its layout and skin.
  expect(String(answer.body).slice(0, 200)).toBe(html.slice(0, 200));
});

test('an HTTP/1.1 request without Host answers in the shape of its path’s family', async () => {
  expect(seen(await raw('GET /jibit/ide/v1/balances HTTP/1.1\r\nConnection: close\r\n\r\n'))).toEqual(jibitUnreadable);
  expect(seen(await raw('GET /ice/api/v1/me HTTP/1.1\r\nConnection: close\r\n\r\n'))).toEqual(iceUnreadable);
});

test('an invalid Host answers in the shape of its path’s family', async () => {
  expect(seen(await raw('GET /freepay/payment/request HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'))).toEqual(freepayUnreadable);
});

test.each([
  ['headers past 16 KiB', get('/_sandbox/tenants', [`X-Big: ${'a'.repeat(20_000)}`]), 'HTTP/1.1 431 Request Header Fields Too Large', { error: 'bad_request', message: 'the request headers are larger than 16384 bytes' }],
  ['a header name with a space', get('/_sandbox/tenants', ['Bad Header: 1']), 'HTTP/1.1 400 Bad Request', { error: 'bad_request', message: 'the request is not valid HTTP/1.1: Invalid header token' }],
  ['bytes that are not HTTP', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]), 'HTTP/1.1 400 Bad Request', { error: 'bad_request', message: 'the request is not valid HTTP/1.1: Invalid method encountered' }],
  ['no Host', 'GET /_sandbox/tenants HTTP/1.1\r\nConnection: close\r\n\r\n', 'HTTP/1.1 400 Bad Request', { error: 'bad_request', message: 'the Host header is missing or not a valid host' }],
])('%s outside any provider answers JSON with the reason', async (_name, request, statusLine, body) => {
  expect(seen(await raw(request))).toEqual({ statusLine, type: 'application/json', body });
});

test('the server still answers after every malformed request above', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/`);
  expect(res.status).toBe(200);
});
