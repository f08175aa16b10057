/** @jsxImportSource hono/jsx */
// Each provider's panels on a tenant's page, drawn by the provider itself (its `dashboard` hook),
// and the one route their buttons post to: a call of the tenant's control API, then the panel again.
import type { Context, Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { AppDeps, AppEnv } from '../core/http.js';
import type { Provider } from '../core/provider.js';
import { clockOf, getTenant, type TenantRow } from '../core/tenants.js';
import { reasonOf, seg, succeeded, type Control } from './control.js';
import { Notice } from './layout.js';
import { dashboardBase } from '../sandbox/dashboard-session.js';

type Shown = { kind: 'done' | 'error'; text: string } | undefined;

export const ProviderPanel: FC<{ deps: AppDeps; provider: Provider; row: TenantRow; notice?: Shown }> = ({ deps, provider, row, notice }) => {
  const sections = provider.dashboard?.sections(deps, row, clockOf(row, deps.wall).now()) ?? [];
  return (
    <section
      class="card provider"
      id={`provider-${provider.id}`}
      hx-get={`${dashboardBase}/tenants/${seg(row.id)}/providers/${provider.id}`}
      hx-trigger="every 5s, clock-changed from:body"
      hx-swap="outerHTML"
    >
      <h2>{provider.dashboard?.title ?? provider.id}</h2>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {sections.map((s) => (
        <div class="part">
          <h3>{s.title}</h3>
          {s.body}
        </div>
      ))}
    </section>
  );
};

const methods = ['POST', 'PUT', 'PATCH', 'DELETE'];
/**
 * A path under the tenant's control routes: plain segments that never start with a dot and hold
 * no escapes, since a URL reads `%2e%2e` as `..` and would climb out to another tenant.
 */
const tenantSubpath = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;

export function registerProviderPanels(app: Hono<AppEnv>, control: Control) {
  /** The tenant, its due work done (the control API's tenant view does it), and the provider named. */
  async function panelOf(c: Context<AppEnv>, id: string, providerId: string) {
    const deps = c.get('deps');
    const provider = deps.providers.find((p) => p.id === providerId && p.dashboard);
    if (!provider) return { problem: `provider ${providerId}: none of ${deps.providers.map((p) => p.id).join(', ')}`, status: 404 as const };
    const shown = await control(c, 'GET', `/tenants/${seg(id)}`);
    if (!succeeded(shown)) return { problem: reasonOf(shown), status: shown.status as 404 };
    return { provider, row: getTenant(deps.db, id)! };
  }

  app.get('/dashboard/tenants/:id/providers/:provider', async (c) => {
    const found = await panelOf(c, c.req.param('id'), c.req.param('provider'));
    if ('problem' in found) return c.html(<Notice kind="error">{found.problem}</Notice>, found.status);
    return c.html(<ProviderPanel deps={c.get('deps')} provider={found.provider} row={found.row} />);
  });

  app.post('/dashboard/tenants/:id/act', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const [method, path, text] = [field('method'), field('path'), field('body')];
    const refuse = (problem: string) => c.html(<Notice kind="error">{problem}</Notice>, 400);
    if (!methods.includes(method)) return refuse(`method: ${method || '(none)'} is none of ${methods.join(', ')}`);
    if (!tenantSubpath.test(path)) return refuse(`path: ${path || '(none)'} is not a path under the tenant's control routes`);
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      return refuse('body: not JSON');
    }
    const answer = await control(c, method, `/tenants/${seg(id)}/${path}`, body);
    const found = await panelOf(c, id, field('provider'));
    if ('problem' in found) return c.html(<Notice kind="error">{succeeded(answer) ? found.problem : reasonOf(answer)}</Notice>, succeeded(answer) ? found.status : (answer.status as 400));
    // The call may have sent messages and made journal rows: the live parts look again.
    if (succeeded(answer)) c.header('HX-Trigger', 'tenant-changed');
    const notice: Shown = succeeded(answer) ? { kind: 'done', text: `Done: ${method} ${path}` } : { kind: 'error', text: reasonOf(answer) };
    return c.html(<ProviderPanel deps={c.get('deps')} provider={found.provider} row={found.row} notice={notice} />, succeeded(answer) ? 200 : (answer.status as 400));
  });
}
