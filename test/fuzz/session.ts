// The tenant a property run owns: created fresh (Jibit keys, a token pair, the Freepay key), a
// scratch tenant the control API may change at will, a payment for the gateway page, and ICE's
// signed-in business with its report, charge, sign-up and reset (ice-session.ts).
import { iceVars } from './ice-session.js';
import type { Vars } from './text.js';

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;

export function caller(request: (path: string, init: RequestInit) => Response | Promise<Response>): Call {
  return async (method, path, body, headers = {}) => {
    const isForm = headers['Content-Type']?.startsWith('application/x-www-form-urlencoded');
    const text = body === undefined ? undefined : isForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    return request(path, { method, headers: body === undefined || isForm ? headers : { 'Content-Type': 'application/json', ...headers }, body: text });
  };
}

async function ok<T>(res: Response | Promise<Response>, status: number, what: string): Promise<T> {
  const answer = await res;
  const text = await answer.text();
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface Session {
  tenantId: string;
  vars: Vars;
}

/** A new tenant; the scratch tenant, the token pair and the payment only when `uses` names them. */
export async function newSession(call: Call, uses: (name: string) => boolean): Promise<Session> {
  await clearBlacklist(call);
  const tenant = await ok<{ id: string; jibit: { apiKey: string; secretKey: string }; freepay: { apiKey: string } }>(call('POST', '/_sandbox/tenants', {}), 201, 'tenant creation');
  const vars: Vars = { tenantId: tenant.id, apiKey: tenant.jibit.apiKey, secretKey: tenant.jibit.secretKey, freepayKey: tenant.freepay.apiKey };
  if (uses('scratchId')) vars.scratchId = (await ok<{ id: string }>(call('POST', '/_sandbox/tenants', {}), 201, 'scratch tenant creation')).id;
  if (uses('accessToken') || uses('refreshToken')) {
    const pair = await ok<{ accessToken: string; refreshToken: string }>(
      call('POST', '/jibit/ide/v1/tokens/generate', { apiKey: tenant.jibit.apiKey, secretKey: tenant.jibit.secretKey }),
      200,
      'token generation',
    );
    Object.assign(vars, pair);
  }
  if (uses('authority') || uses('captcha')) {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const payment = await ok<{ authority: string }>(
      call('POST', '/freepay/payment/request', { api: tenant.freepay.apiKey, amount: '150000', callback: 'http://localhost:3000/back' }, form),
      200,
      'payment request',
    );
    const page = await call('GET', `/freepay/payment/gateway:${payment.authority}`);
    await page.text();
    Object.assign(vars, { authority: payment.authority, captcha: page.headers.get('x-sandbox-captcha') ?? '' });
  }
  // A run with both a Freepay and an ICE page keeps Freepay's captcha.
  for (const [name, value] of Object.entries(await iceVars(call, tenant.id, uses))) vars[name] ??= value;
  return { tenantId: tenant.id, vars };
}

/** Drops the run's tenants, so that a long run does not grow the database without end. */
export async function endSession(call: Call, session: Session): Promise<void> {
  for (const id of [session.tenantId, session.vars.scratchId]) if (id) await (await call('DELETE', `/_sandbox/tenants/${id}`)).text();
}

/**
 * Shaparak's blacklist is one per instance and stops every merchant of a listed identity, every
 * tenant's default merchant included: an earlier run's listing must not refuse this run's payments.
 */
async function clearBlacklist(call: Call): Promise<void> {
  const { entries } = await ok<{ entries: { identity: string }[] }>(call('GET', '/_sandbox/freepay/blacklist'), 200, 'blacklist');
  for (const { identity } of entries) await (await call('DELETE', `/_sandbox/freepay/blacklist/${identity}`)).text();
}
