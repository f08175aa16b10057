/** @jsxImportSource hono/jsx */
// A button a provider's dashboard panel shows: it posts one call of the tenant's control API
// (POST /_sandbox/dashboard/tenants/{id}/act), which then draws the provider's panel again.
import type { FC } from 'hono/jsx';
import { seg } from './control.js';
import { dashboardBase } from '../sandbox/dashboard-session.js';

export interface ActionProps {
  tenantId: string;
  /** The provider whose panel shows the result. */
  provider: string;
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The control API path under /_sandbox/tenants/{id}/, e.g. `ice/reports/4815162342/approve`. */
  path: string;
  body?: unknown;
  label: string;
  /** Asked before the call, for what cannot be undone. */
  confirm?: string;
  look?: 'plain' | 'danger';
}

export const ActionButton: FC<ActionProps> = ({ tenantId, provider, method = 'POST', path, body, label, confirm, look }) => (
  <form
    class="inline action"
    hx-post={`${dashboardBase}/tenants/${seg(tenantId)}/act`}
    hx-target={`#provider-${provider}`}
    hx-swap="outerHTML"
    {...(confirm ? { 'hx-confirm': confirm } : {})}
  >
    <input type="hidden" name="provider" value={provider} />
    <input type="hidden" name="method" value={method} />
    <input type="hidden" name="path" value={path} />
    {body === undefined ? null : <input type="hidden" name="body" value={JSON.stringify(body)} />}
    <button type="submit" class={look ?? ''}>
      {label}
    </button>
  </form>
);
