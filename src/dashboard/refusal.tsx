/** @jsxImportSource hono/jsx */
// What a person at the dashboard sees when the control auth refuses: the sign-in form with the
// reason as a page, or as a fragment where htmx asked for one (its target then shows it).
import type { Context } from 'hono';
import { Layout, Notice } from './layout.js';
import { SignInForm } from './sign-in.js';

export function dashboardRefusal(c: Context, status: 401 | 403, message: string) {
  c.header('Cache-Control', 'no-store');
  if (c.req.header('hx-request') === 'true') {
    return c.html(<Notice kind="error">{`${status === 401 ? 'Signed out' : 'Refused'}: ${message}. Reload the page to sign in.`}</Notice>, status);
  }
  return c.html(
    <Layout title="Sign in">
      <SignInForm status={status} message={message} />
    </Layout>,
    status,
  );
}
