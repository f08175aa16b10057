// The dashboard's session, as the control auth reads it: a browser cannot send a bearer header
// when it follows a link, so the sign-in form keeps the token in a cookie that counts on the
// dashboard's own paths only, and every state-changing POST must come from a page of this same
// sandbox (docs/dashboard.md). The dashboard's pages import it from here, below them.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** Where the dashboard lives: its home is /_sandbox itself, every other page under /_sandbox/dashboard. */
export const dashboardHome = '/_sandbox';
export const dashboardBase = '/_sandbox/dashboard';

export const sessionCookie = 'mahak_dashboard';

/** A path of the dashboard's pages and their htmx actions: the only paths where the cookie counts. */
export const isDashboardPath = (path: string) => path === dashboardHome || path.startsWith(`${dashboardBase}/`);

/** The token the sign-in form stored, if any. */
export const sessionToken = (c: Context): string | undefined => getCookie(c, sessionCookie) || undefined;

/**
 * Whether a request that changes state came from a page of this sandbox: a browser says so in
 * Sec-Fetch-Site, or else in Origin, which must name the host the request was sent to. A request
 * with neither (curl) has the JSON control API for that.
 */
export function sameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return false;
  try {
    // The host only: a proxy that ends TLS makes the scheme differ, never the host.
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}
