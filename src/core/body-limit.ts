// Request bodies read under a size limit, for every route family (README "Limits"): a declared
// Content-Length over the limit is refused before a byte is read; otherwise the bytes are
// counted as they stream in and reading stops at the first chunk past the limit. hono's own
// bodyLimit trusts a Content-Length when one is sent, and an in-process request (app.request)
// may carry one smaller than its body, so here the bytes are always counted.
import type { MiddlewareHandler } from 'hono';
import { header, type AppContext, type AppEnv } from './http.js';

/** The body is larger than `limitBytes`, or its Content-Length says it is. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the request body is larger than the limit of ${limitBytes} bytes`);
  }
}

/** The body ended before it was whole: the client went away mid-body. */
export class BodyUnreadable extends Error {}

/** Does the request declare a body larger than `limitBytes`? Any method: a GET's body counts too. */
export function declaredTooLarge(c: AppContext, limitBytes: number): boolean {
  const declared = header(c, 'content-length');
  return declared !== undefined && !(Number(declared) <= limitBytes);
}

const decoder = new TextDecoder();

/**
 * The request's body as text, read once under `limitBytes` (BodyTooLarge past it, BodyUnreadable
 * when it breaks off) and kept where c.req.text() and c.req.json() find it. GET and HEAD have no
 * body to read: Node discards what a client sends with them.
 */
export async function readBody(c: AppContext, limitBytes: number): Promise<string> {
  if (declaredTooLarge(c, limitBytes)) throw new BodyTooLarge(limitBytes);
  // hono keeps read bodies as promises, whatever its type says.
  const cache = c.req.bodyCache as { text?: Promise<string> };
  if (cache.text) return cache.text;
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return '';
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limitBytes) {
        reader.cancel().catch(() => {});
        throw new BodyTooLarge(limitBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTooLarge) throw error;
    throw new BodyUnreadable('the request body broke off before its end');
  }
  const text = chunks.length === 1 ? decoder.decode(chunks[0]) : decoder.decode(Buffer.concat(chunks, total));
  cache.text = Promise.resolve(text);
  return text;
}

/**
 * Reads each request's body under its limit (`limitOf` the request) before the routes below
 * run, which then find it with c.req.text() or c.req.json(); a body past the limit, or broken
 * off, is `refuse`d unread.
 */
export const limitBody =
  (limitOf: (c: AppContext) => number, refuse: (error: BodyTooLarge | BodyUnreadable) => Error): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    try {
      await readBody(c, limitOf(c));
    } catch (error) {
      if (error instanceof BodyTooLarge || error instanceof BodyUnreadable) throw refuse(error);
      throw error;
    }
    return next();
  };
