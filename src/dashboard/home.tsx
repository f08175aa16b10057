/** @jsxImportSource hono/jsx */
// The dashboard's home (GET /_sandbox): the tenants a page at a time, and a form that creates one.
// The list and the creation go through the control API (GET and POST /_sandbox/tenants).
import type { Context, Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { AppEnv } from '../core/http.js';
import { tenantOfControlToken } from '../sandbox/control-tokens.js';
import { reasonOf, succeeded, tokenOf, type Answer, type Control, type DashboardOptions } from './control.js';
import { Json, Layout, Notice, shortTime } from './layout.js';
import { dashboardBase } from '../sandbox/dashboard-session.js';
import { Rows } from './table.js';

interface TenantSummary {
  id: string;
  name: string;
  createdAt: string;
  scenario: string | null;
  clock: { now: string; frozen: boolean; tehranDay: string };
}
type TenantPage = Answer<{ tenants: TenantSummary[]; next: string | null }>;

export const tenantHref = (id: string) => `${dashboardBase}/tenants/${encodeURIComponent(id)}`;

/** A tenant control token acts on its own tenant only: no creating. */
const mayCreate = (c: Context<AppEnv>) => tenantOfControlToken(c.get('deps').db, tokenOf(c) ?? '') === undefined;

const TenantList: FC<{ page: TenantPage; after?: string | undefined }> = ({ page, after }) => {
  if (!succeeded(page)) return <Notice kind="error">{reasonOf(page)}</Notice>;
  const { tenants, next } = page.body;
  return (
    <div id="tenant-list" hx-get={`${dashboardBase}/tenants${after ? `?after=${encodeURIComponent(after)}` : ''}`} hx-trigger="tenants-changed from:body" hx-swap="outerHTML">
      <Rows
        items={tenants}
        empty="No tenants on this page."
        head={['Tenant', 'Name', 'Clock', 'Scenario', 'Created']}
        row={(t) => (
          <tr>
            <td>
              <a href={tenantHref(t.id)}>{t.id}</a>
            </td>
            <td dir="auto">{t.name}</td>
            <td class="mono">
              {shortTime(t.clock.now)}
              {t.clock.frozen ? <span class="pill warn"> frozen</span> : null}
            </td>
            <td>{t.scenario ?? <span class="muted">none</span>}</td>
            <td class="mono">{shortTime(t.createdAt)}</td>
          </tr>
        )}
      />
      <p class="row">
        {after ? <a href="/_sandbox">First page</a> : null}
        {next ? <a href={`/_sandbox?after=${encodeURIComponent(next)}`}>Next page →</a> : null}
      </p>
    </div>
  );
};

const CreateForm: FC = () => (
  <section class="card">
    <h2>New tenant</h2>
    <form class="inline" hx-post={`${dashboardBase}/tenants`} hx-target="#created" hx-swap="innerHTML">
      <input name="name" placeholder="name (optional)" maxlength={100} />
      <button type="submit">Create tenant</button>
    </form>
    <div id="created"></div>
  </section>
);

export function registerHome(app: Hono<AppEnv>, control: Control, options: DashboardOptions) {
  const list = (c: Context<AppEnv>) => {
    const after = c.req.query('after');
    return { after, page: control(c, 'GET', `/tenants?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`) as Promise<TenantPage> };
  };

  app.get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    const { after, page } = list(c);
    const answer = await page;
    return c.html(
      <Layout title="Tenants" signOut={options.locked}>
        <h1>Tenants</h1>
        {options.locked ? null : <p class="muted">This sandbox is open (no admin token): anyone who reaches it may use the dashboard.</p>}
        {mayCreate(c) ? <CreateForm /> : null}
        <section class="card">
          <TenantList page={answer} after={after} />
        </section>
      </Layout>,
      succeeded(answer) ? 200 : (answer.status as 400),
    );
  });

  app.get('/dashboard/tenants', async (c) => {
    const { after, page } = list(c);
    const answer = await page;
    return c.html(<TenantList page={answer} after={after} />, succeeded(answer) ? 200 : (answer.status as 400));
  });

  app.post('/dashboard/tenants', async (c) => {
    const form = await c.req.parseBody();
    const name = typeof form.name === 'string' ? form.name.trim() : '';
    const answer = await control<{ id: string }>(c, 'POST', '/tenants', name === '' ? {} : { name });
    if (!succeeded(answer)) return c.html(<Notice kind="error">{reasonOf(answer)}</Notice>, answer.status as 400);
    c.header('HX-Trigger', 'tenants-changed');
    return c.html(
      <Notice kind="done">
        <p>
          Created <a href={tenantHref(answer.body.id)}>{answer.body.id}</a>. Its credentials show in full only now:
        </p>
        <Json value={answer.body} />
      </Notice>,
      201,
    );
  });
}
