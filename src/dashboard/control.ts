// The dashboard reads and acts through the control API itself, called in-process with the
// signed-in token: so it can do nothing that token could not do over HTTP, and a refusal reads
// exactly as the control API words it.
import type { Context } from 'hono';
import { bearerCredential, type AppEnv } from '../core/http.js';
import { sessionToken } from '../sandbox/dashboard-session.js';

/** Hands a request to the whole app, as if it had come over the network. */
export type Dispatch = (request: Request) => Response | Promise<Response>;

export interface DashboardOptions {
  dispatch: Dispatch;
  /** The instance has an admin token: the dashboard then needs signing in. */
  locked: boolean;
}

/** A control API answer: its status and its JSON body (undefined for 204). */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export const succeeded = (a: Answer) => a.status >= 200 && a.status < 300;

/** The control API's reason, from its {error, message} body. */
export function reasonOf(a: Answer): string {
  const body = a.body as { error?: unknown; message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : `the control API answered ${a.status}`;
}

/** The token this request acts with: a bearer header, else the sign-in cookie. */
export const tokenOf = (c: Context<AppEnv>) => bearerCredential(c).token || sessionToken(c);

export function controlClient(options: DashboardOptions) {
  /** Calls `/_sandbox<path>` with the caller's token; `body` goes as JSON. */
  return async function call<T = unknown>(c: Context<AppEnv>, method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers = new Headers();
    const token = tokenOf(c);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const url = new URL(`/_sandbox${path}`, c.req.url);
    const res = await options.dispatch(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
    const text = await res.text();
    return { status: res.status, body: parsed(text) as T };
  };
}

export type Control = ReturnType<typeof controlClient>;

/** A path segment as the control API's routes take it. */
export const seg = (value: string) => encodeURIComponent(value);

function parsed(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { error: 'unreadable', message: text.slice(0, 500) };
  }
}
