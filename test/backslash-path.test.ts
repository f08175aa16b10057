// A raw backslash in a request path, over a socket: each route family answers it in its own
// shape, as any path no route has, instead of the server's bare empty 400.
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import catalog from '../src/providers/jibit/catalog.json' with { type: 'json' };
import { freepayCodes } from '../src/providers/freepay/catalog.js';
import { createSandbox } from '../src/index.js';

const sandbox = createSandbox({ scenarios: false });
let port = 0;
beforeAll(async () => {
  port = (await sandbox.listen()).port;
});
afterAll(() => sandbox.close());

/** Sends `path` byte for byte (no client normalises it) and reads the whole answer. */
function rawGet(path: string): Promise<{ status: number; type: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += String(chunk)));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const type = /content-type: ([^\r\n]+)/i.exec(head)?.[1];
      resolve({ status: Number(head.split(' ')[1]), type, body: JSON.parse(body) });
    });
  });
}

const notFound = catalog.endpoints.flatMap((e) => e.errors).find((e) => e.code === 'handler.not_found')!;

test.each([
  ['/jibit/ide/v1\\cards', { code: 'handler.not_found', message: notFound.messageFa }],
  ['/freepay/payment\\request', { status: freepayCodes.notFound.status, message: freepayCodes.notFound.message }],
  ['/_sandbox/tenants\\x', { error: 'not_found', message: 'no route for GET /_sandbox/tenants\\x' }],
])('GET %s over a socket answers 404 in its family’s JSON shape', async (path, body) => {
  expect(await rawGet(path)).toEqual({ status: 404, type: 'application/json', body });
});
