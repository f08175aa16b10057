// How an onboarding or panel-section call runs: its endpoint id, its form (credentials left out
// of the journal), its tenant (X-Sandbox-Tenant before login, else the session or API key), the
// scenario rules and X-Sandbox-Error, then the work, answered as {status: 1, ...}.
import { header, identify, type AppContext } from '../../../core/http.js';
import { getTenant, type TenantRow } from '../../../core/tenants.js';
import { defaultTenant } from '../../../sandbox/tenant-config.js';
import { freepayCodes, type FreepayEndpointId } from '../catalog.js';
import { FreepayError } from '../errors.js';
import { beforeWork, readForm } from '../pipeline.js';

/** Form fields whose values never reach the journal. */
const leftOut = new Set(['password', 'current_password', 'new_password', 'code']);

/** The call's form, with its credentials left out of the journal's copy. */
export async function readAccountForm(c: AppContext): Promise<Record<string, string>> {
  const fields = await readForm(c);
  c.set('jsonBody', Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, leftOut.has(k) ? '(left out)' : v])));
  return fields;
}

/** The tenant a call before login belongs to: X-Sandbox-Tenant, else the default tenant. */
export function publicTenant(c: AppContext): TenantRow {
  const named = header(c, 'x-sandbox-tenant')?.trim();
  const tenant = getTenant(c.get('deps').db, named || defaultTenant.id);
  if (!tenant) throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (X-Sandbox-Tenant: ${named})`);
  identify(c, tenant);
  return tenant;
}

/** Runs the rules and X-Sandbox-Error, then `work`; answers `{status: 1, ...}` with `httpStatus`. */
export function accountCall(c: AppContext, endpointId: FreepayEndpointId, body: Record<string, unknown> | undefined, work: (nowMs: number) => Promise<{ httpStatus?: 200 | 201; body: object }> | { httpStatus?: 200 | 201; body: object }) {
  return beforeWork(c, endpointId, body, async () => {
    const result = await work(c.get('clock')!.now());
    const answerBody = { status: freepayCodes.ok.status, ...result.body };
    // The session token is a credential: the journal keeps a mark of it, not the token.
    c.set('answerBody', 'access_token' in answerBody ? { ...answerBody, access_token: '(left out)' } : answerBody);
    return c.json(answerBody, result.httpStatus ?? 200);
  });
}

/** invalidInput naming the field at fault (and why, in Persian, when it helps). */
export const badField = (field: string, reason?: string) =>
  new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${field}${reason ? `: ${reason}` : ''})`);

/** A required form field, trimmed. */
export function required(fields: Record<string, string>, name: string): string {
  const value = fields[name]?.trim();
  if (!value) throw badField(name);
  return value;
}
