/** @jsxImportSource hono/jsx */
// Signing in to a locked dashboard: the admin token, or a tenant's control token, kept in an
// HttpOnly, SameSite=Strict cookie scoped to /_sandbox; signing out forgets it.
import type { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../core/http.js';
import { sameSecret, tenantExists, tenantOfControlToken } from '../sandbox/control-tokens.js';
import { Layout, Notice } from './layout.js';
import { dashboardBase, dashboardHome, sameOrigin, sessionCookie } from '../sandbox/dashboard-session.js';

export const SignInForm: FC<{ status?: number; message?: string }> = ({ status, message }) => (
  <section class="card signin">
    <h1>Sign in to the dashboard</h1>
    <p class="muted">
      This sandbox is locked. Paste the admin token (MAHAK_ADMIN_TOKEN, or the one printed at start-up) to see every tenant, or a tenant's control token
      (mtc_…) to see that tenant only.
    </p>
    {message ? <Notice kind="error">{`${status === 401 ? 'Sign in first' : 'Refused'}: ${message}`}</Notice> : null}
    <form method="post" action={`${dashboardBase}/sign-in`}>
      <label for="token">Token</label>
      <input id="token" name="token" type="password" autocomplete="off" required />
      <button type="submit">Sign in</button>
    </form>
  </section>
);

const page = (status: 400 | 401 | 403, message: string) => (
  <Layout title="Sign in">
    <SignInForm status={status} message={message} />
  </Layout>
);

export function registerSignIn(app: Hono<AppEnv>, adminToken: string | undefined) {
  app.post('/dashboard/sign-in', async (c) => {
    c.header('Cache-Control', 'no-store');
    // A page elsewhere must not sign a browser in with a token of its choosing.
    if (!sameOrigin(c)) return c.html(page(403, 'the sign-in must come from this sandbox’s own page'), 403);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    if (token === '') return c.html(page(400, 'paste a token'), 400);
    const db = c.get('deps').db;
    const holder = tenantOfControlToken(db, token);
    const known = (adminToken !== undefined && sameSecret(token, adminToken)) || (holder !== undefined && tenantExists(db, holder));
    if (!known) return c.html(page(403, 'this token is neither the admin token nor a control token of a tenant of this sandbox'), 403);
    setCookie(c, sessionCookie, token, {
      path: dashboardHome,
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.redirect(holder === undefined ? dashboardHome : `${dashboardBase}/tenants/${encodeURIComponent(holder)}`, 303);
  });

  app.post('/dashboard/sign-out', (c) => {
    if (!sameOrigin(c)) return c.html(page(403, 'the sign-out must come from this sandbox’s own page'), 403);
    deleteCookie(c, sessionCookie, { path: dashboardHome });
    return c.redirect(dashboardHome, 303);
  });
}
