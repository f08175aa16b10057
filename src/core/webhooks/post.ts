// One delivery over HTTP: POST the body with its headers, wait for the status within the timeout,
// keep the head of the answer. Redirects are not followed: a 3xx is a failed attempt.
import { responseHeadBytes } from './schedule.js';

export interface PostOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  responseHead: string | null;
}

/** At most `limit` bytes of the body, as text; whatever arrived when the read fails. */
async function headOf(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The answer's status is what counts; a body cut short keeps what came.
  } finally {
    reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** Why a request got no answer, in words a receiver's author can act on. */
function failureOf(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `the connection was closed before an answer (${code})`;
  if (code) return `${e.cause?.message ?? 'request failed'} (${code})`;
  return e.cause?.message ?? e.message ?? String(error);
}

export async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, stop: AbortSignal): Promise<PostOutcome> {
  const signal = AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]);
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    const ok = response.status >= 200 && response.status < 300;
    const responseHead = await headOf(response, responseHeadBytes);
    return { ok, status: response.status, error: ok ? null : `answered ${response.status}`, responseHead };
  } catch (error) {
    return { ok: false, status: null, error: failureOf(error, timeoutMs), responseHead: null };
  }
}
