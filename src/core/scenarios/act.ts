// Carrying out a fired rule: an error in the provider's shape, an answer of the scenario's own,
// a delay, or a fault (dropped connection, hang, malformed JSON, empty body).
import type { AppContext } from '../http.js';
import type { FiredRule } from './rules.js';
import { defaultHangMs } from './schema.js';

type NodeSocket = { destroyed?: boolean; destroy(): void; once(event: 'close', listener: () => void): void; off(event: 'close', listener: () => void): void };
type NodeBindings = { incoming?: { socket?: NodeSocket } } | undefined;

/**
 * Marks an in-process answer (no socket to drop) as a dropped connection; createSandbox()'s
 * fetch turns it into the network error a client would see.
 */
export const droppedHeader = 'x-mahak-dropped';

/** A truncated JSON text: what a client reads when the provider's answer is cut off. */
export const malformedJson = '{"code": "server.error", "message": "';

/**
 * Answers held back by delays and hangs. Each ends when its time is up, when the client goes
 * away, or when the sandbox closes, so nothing keeps a closed sandbox's process alive.
 */
export class Holds {
  readonly #pending = new Set<() => void>();

  /** `c`, when given, lets the hold end early once its client goes away. */
  hold(c: AppContext | undefined, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const socket = (c?.env as NodeBindings)?.incoming?.socket;
      const signal = c?.req.raw.signal as AbortSignal | undefined;
      const done = () => {
        clearTimeout(timer);
        this.#pending.delete(done);
        socket?.off('close', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#pending.add(done);
      socket?.once('close', done);
      signal?.addEventListener('abort', done);
    });
  }

  releaseAll(): void {
    for (const done of [...this.#pending]) done();
  }
}

function dropConnection(c: AppContext): Response {
  const socket = (c.env as NodeBindings)?.incoming?.socket;
  if (socket && !socket.destroyed) socket.destroy();
  return new Response(null, { status: 502, headers: { [droppedHeader]: 'true' } });
}

/** A new object each time: hono keeps the headers object it is given. */
const jsonType = () => ({ 'content-type': 'application/json' });

export interface ActOptions {
  holds: Holds;
  /** Throws the provider's error for a documented code. */
  fail(code: string, message: string | undefined): never;
  /** The normal answer, when the rule only delays it. */
  normal(): Promise<Response | void>;
}

export function act(c: AppContext, fired: FiredRule, options: ActOptions): Response | Promise<Response | void> {
  c.set('rule', fired.label);
  const { then } = fired;
  const go = (): Response | Promise<Response | void> => {
    if (then.error !== undefined) return options.fail(then.error, then.message);
    switch (then.fault) {
      case 'reset':
        c.set('fault', 'reset');
        return dropConnection(c);
      case 'hang':
        c.set('fault', 'hang');
        return options.holds.hold(c, then.hangMs ?? defaultHangMs).then(() => dropConnection(c));
      case 'malformed-json':
        c.set('fault', 'malformed-json');
        c.set('answerBody', malformedJson);
        return c.body(malformedJson, (then.status ?? 200) as 200, jsonType());
      case 'empty-body':
        c.set('fault', 'empty-body');
        return c.body(null, (then.status ?? 200) as 200, jsonType());
    }
    if (then.status !== undefined) return respond(c, then.status, then.body, then.headers);
    return options.normal();
  };
  if (then.delayMs) return options.holds.hold(c, then.delayMs).then(go);
  return go();
}

function respond(c: AppContext, status: number, body: unknown, headers: Record<string, string> | undefined): Response {
  c.set('answerBody', body ?? null);
  const code = body !== null && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
  if (typeof code === 'string') c.set('answerCode', code);
  const bodiless = status === 204 || status === 205 || status === 304;
  const text = bodiless || body === undefined || body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
  const type: Record<string, string> = typeof body === 'string' ? { 'content-type': 'text/plain; charset=UTF-8' } : text === null ? {} : jsonType();
  return c.body(text as string, status as 200, { ...type, ...headers });
}
