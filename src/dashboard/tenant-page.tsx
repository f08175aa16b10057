/** @jsxImportSource hono/jsx */
// One tenant's page: clock, scenario, the live journal, the outbox and each provider's panels,
// with reset and delete (each asks first); everything read and done through the control API.
import type { Hono } from 'hono';
import type { AppEnv } from '../core/http.js';
import { getTenant } from '../core/tenants.js';
import { ClockCard, type ClockView } from './clock.js';
import { reasonOf, seg, succeeded, type Control, type DashboardOptions } from './control.js';
import { tenantHref } from './home.js';
import { JournalCard } from './journal.js';
import { Layout, Notice } from './layout.js';
import { OutboxCard } from './outbox.js';
import { ProviderPanel } from './providers.js';
import { ScenarioCard, type ScenarioSummary } from './scenario.js';
import { dashboardBase, dashboardHome } from '../sandbox/dashboard-session.js';

interface TenantView {
  id: string;
  name: string;
  createdAt: string;
  clock: ClockView;
  scenario: string | null;
}

/** The default tenant is every fresh sandbox's own: the control API refuses to delete it. */
const defaultTenantId = 'ten_default';

export function registerTenantPage(app: Hono<AppEnv>, control: Control, options: DashboardOptions) {
  app.get('/dashboard/tenants/:id', async (c) => {
    const id = c.req.param('id');
    const deps = c.get('deps');
    const [tenant, list] = await Promise.all([control<TenantView>(c, 'GET', `/tenants/${seg(id)}`), control<{ scenarios: ScenarioSummary[] }>(c, 'GET', '/scenarios')]);
    if (!succeeded(tenant)) {
      return c.html(
        <Layout title="No such tenant" signOut={options.locked}>
          <Notice kind="error">{reasonOf(tenant)}</Notice>
          <p>
            <a href={dashboardHome}>Every tenant</a>
          </p>
        </Layout>,
        tenant.status as 404,
      );
    }
    const t = tenant.body;
    const row = getTenant(deps.db, id)!;
    const tenantPath = `${dashboardBase}/tenants/${seg(id)}`;
    return c.html(
      <Layout title={t.name} signOut={options.locked}>
        <p class="muted">
          <a href={dashboardHome}>Tenants</a> / {t.id}
        </p>
        <div class="row">
          <h1 dir="auto">{`${t.name} `}</h1>
          <span class="mono muted">{t.id}</span>
          <span class="spacer"></span>
          <form class="inline" hx-post={`${tenantPath}/reset`} hx-confirm={`Reset tenant ${t.id}? Its journal, outbox, wallets, clock and scenario go back to how it was created.`} hx-target="#tenant-notice">
            <button class="plain" type="submit">
              Reset
            </button>
          </form>
          {t.id === defaultTenantId ? null : (
            <form class="inline" hx-post={`${tenantPath}/delete`} hx-confirm={`Delete tenant ${t.id} and everything it holds? This cannot be undone.`} hx-target="#tenant-notice">
              <button class="danger" type="submit">
                Delete
              </button>
            </form>
          )}
        </div>
        <div id="tenant-notice"></div>
        <div class="grid">
          <ClockCard tenantId={id} clock={t.clock} />
          <ScenarioCard tenantId={id} active={t.scenario} scenarios={succeeded(list) ? list.body.scenarios : []} />
        </div>
        <JournalCard tenantId={id} providers={deps.providers.map((p) => p.id)} />
        <OutboxCard tenantId={id} />
        {deps.providers.filter((p) => p.dashboard).map((p) => (
          <ProviderPanel deps={deps} provider={p} row={row} />
        ))}
      </Layout>,
    );
  });

  app.post('/dashboard/tenants/:id/reset', async (c) => {
    const id = c.req.param('id');
    const answer = await control(c, 'POST', `/tenants/${seg(id)}/reset`);
    if (!succeeded(answer)) return c.html(<Notice kind="error">{reasonOf(answer)}</Notice>, answer.status as 404);
    // Every part of the page changed: it is drawn again whole.
    c.header('HX-Refresh', 'true');
    return c.html(<Notice kind="done">{`Tenant ${id} reset.`}</Notice>);
  });

  app.post('/dashboard/tenants/:id/delete', async (c) => {
    const id = c.req.param('id');
    const answer = await control(c, 'DELETE', `/tenants/${seg(id)}`);
    if (!succeeded(answer)) return c.html(<Notice kind="error">{reasonOf(answer)}</Notice>, answer.status as 404);
    c.header('HX-Redirect', dashboardHome);
    return c.html(<Notice kind="done">{`Tenant ${id} deleted.`}</Notice>);
  });
}

export { tenantHref };
