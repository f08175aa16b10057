// Reaching a running sandbox from the command line: its URL as people type it, the admin
// token, and a failed call said in a line.
import { UsageError } from './usage.js';
import type { Io } from './io.js';

/**
 * The sandbox's root URL from --url or MAHAK_URL: `localhost:8787` is taken as http://, since
 * that is how a sandbox listens; anything that is still not an http(s) URL is a usage error.
 */
export function sandboxUrl(value: string, from: string): string {
  const given = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `http://${given}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new UsageError(`${from} must be a URL such as http://localhost:8787 or localhost:8787, got ${value}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The token for a running sandbox's control API: --token, else MAHAK_ADMIN_TOKEN (empty: none). */
export const controlToken = (flag: string | undefined, env: NodeJS.ProcessEnv) => flag ?? (env.MAHAK_ADMIN_TOKEN || undefined);

export function controlHeaders(flag: string | undefined, env: NodeJS.ProcessEnv): Record<string, string> {
  const token = controlToken(flag, env);
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** The answer when it is 2xx; otherwise says why on stderr and answers undefined. */
export async function reach(url: string, io: Io, init?: RequestInit): Promise<Response | undefined> {
  try {
    const res = await fetch(url, init);
    if (res.ok) return res;
    io.err(`mahak: ${url} answered ${res.status}: ${await res.text()}`);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    io.err(`mahak: cannot reach ${url}${cause ? ` (${cause})` : ''}; is the sandbox running?`);
  }
  return undefined;
}
