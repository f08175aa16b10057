/** @jsxImportSource hono/jsx */
// A tenant's active scenario on the dashboard: which one is on, a switch to any loaded scenario,
// and off (PUT and DELETE /_sandbox/tenants/{id}/scenario of the control API).
import type { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { AppEnv } from '../core/http.js';
import { reasonOf, seg, succeeded, type Control } from './control.js';
import { Notice } from './layout.js';
import { dashboardBase } from '../sandbox/dashboard-session.js';

export interface ScenarioSummary {
  name: string;
  description?: string | undefined;
}

interface Props {
  tenantId: string;
  active: string | null;
  scenarios: readonly ScenarioSummary[];
  notice?: { kind: 'done' | 'error'; text: string } | undefined;
}

export const ScenarioCard: FC<Props> = ({ tenantId, active, scenarios, notice }) => {
  const post = { 'hx-post': `${dashboardBase}/tenants/${seg(tenantId)}/scenario`, 'hx-target': '#scenario', 'hx-swap': 'outerHTML' };
  const current = scenarios.find((s) => s.name === active);
  return (
    <section class="card" id="scenario">
      <h2>Scenario</h2>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <p>
        Active: <strong id="scenario-active">{active ?? 'none'}</strong>
        {current?.description ? <span class="muted">{` — ${current.description}`}</span> : null}
      </p>
      {scenarios.length === 0 ? null : (
        <form class="inline" {...post}>
          <label for="scenario-name">Switch to</label>
          <select id="scenario-name" name="name">
            {scenarios.map((s) => (
              <option value={s.name} selected={s.name === active}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="submit">Switch on</button>
        </form>
      )}
      {active ? (
        <form class="inline" {...post}>
          <input type="hidden" name="name" value="" />
          <button class="plain" type="submit">
            Switch off
          </button>
        </form>
      ) : null}
      {scenarios.length === 0 ? <p class="muted">No scenario is loaded (MAHAK_SCENARIOS, or POST /_sandbox/scenarios).</p> : null}
    </section>
  );
};

export function registerScenario(app: Hono<AppEnv>, control: Control) {
  app.post('/dashboard/tenants/:id/scenario', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const name = typeof form.name === 'string' ? form.name.trim() : '';
    const path = `/tenants/${seg(id)}/scenario`;
    const answer = await (name === '' ? control(c, 'DELETE', path) : control(c, 'PUT', path, { name }));
    const [tenant, list] = await Promise.all([
      control<{ scenario: string | null }>(c, 'GET', `/tenants/${seg(id)}`),
      control<{ scenarios: ScenarioSummary[] }>(c, 'GET', '/scenarios'),
    ]);
    if (!succeeded(tenant)) return c.html(<Notice kind="error">{reasonOf(tenant)}</Notice>, tenant.status as 404);
    const scenarios = succeeded(list) ? list.body.scenarios : [];
    const notice = succeeded(answer)
      ? { kind: 'done' as const, text: name === '' ? 'Scenario switched off.' : `Scenario ${name} switched on.` }
      : { kind: 'error' as const, text: reasonOf(answer) };
    if (succeeded(answer)) c.header('HX-Trigger', 'tenant-changed');
    return c.html(<ScenarioCard tenantId={id} active={tenant.body.scenario} scenarios={scenarios} notice={notice} />, succeeded(answer) ? 200 : (answer.status as 400));
  });
}
