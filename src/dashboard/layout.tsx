/** @jsxImportSource hono/jsx */
// The dashboard's page frame and the small pieces every part uses: a notice, a refusal fragment,
// a time and an amount as the dashboard shows them.
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { dashboardBase, dashboardHome } from '../sandbox/dashboard-session.js';

/**
 * htmx swaps 4xx answers too: a refused action or a bad filter shows its reason where the
 * result would have gone, instead of nothing happening.
 */
const htmxConfig = JSON.stringify({
  responseHandling: [
    { code: '204', swap: false },
    { code: '[2345]..', swap: true, error: false },
  ],
});

export const Layout: FC<PropsWithChildren<{ title: string; signOut?: boolean }>> = ({ title, signOut, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={htmxConfig} />
        <title>{`${title} · Mahak dashboard`}</title>
        <link rel="stylesheet" href={`${dashboardBase}/assets/dashboard.css`} />
        <script src={`${dashboardBase}/assets/htmx.min.js`} defer></script>
        <script src={`${dashboardBase}/assets/dashboard.js`} defer></script>
      </head>
      <body>
        <header class="top">
          <a class="home" href={dashboardHome}>
            Mahak sandbox
          </a>
          <span class="muted">dashboard</span>
          <span class="spacer"></span>
          <a href="/docs">API docs</a>
          {signOut ? (
            <form class="inline" method="post" action={`${dashboardBase}/sign-out`}>
              <button class="plain" type="submit">
                Sign out
              </button>
            </form>
          ) : null}
        </header>
        <main>{children}</main>
      </body>
    </html>
  </>
);

export const Notice: FC<{ kind: 'done' | 'error'; children?: Child }> = ({ kind, children }) => (
  <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);

/** A time as the dashboard shows it: ISO-8601 in UTC to the second, the way the control API gives it. */
export const shortTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/** An amount in Rial with thousands separators. */
export const rialText = (amountRial: number) => `${amountRial.toLocaleString('en')} IRR`;

/** Pretty JSON for a request or response view. */
export const Json: FC<{ value: unknown }> = ({ value }) => <pre dir="auto">{value === undefined || value === null ? '(none)' : JSON.stringify(value, null, 2)}</pre>;
