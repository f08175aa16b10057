// What every ICE call goes through: its tenant found (X-Sandbox-Tenant before login, the
// token after), its JSON body read once under the limit with credentials left out of the
// journal, then the active scenario's rules and X-Sandbox-Error before the endpoint's work.
import type { z } from '@hono/zod-openapi';
import { BodyTooLarge, readBody, type BodyUnreadable } from '../../core/body-limit.js';
import { header, identify, type AppContext } from '../../core/http.js';
import { beforeProviderWork } from '../../core/scenarios/before-work.js';
import { getTenant, type TenantRow } from '../../core/tenants.js';
import { defaultTenant } from '../../sandbox/tenant-config.js';
import { documentedIceCode, iceCodes, iceEndpoints, type IceCodeName, type IceEndpointId } from './catalog.js';
import { IceError, invalidFields } from './errors.js';

/** JSON bodies are a handful of fields; 64 KiB is far past any real one (README "Limits"). */
export const iceBodyBytes = 64 * 1024;

export const iceBodyRefused = (error: BodyTooLarge | BodyUnreadable) =>
  error instanceof BodyTooLarge ? new IceError('payloadTooLarge', { limitBytes: error.limitBytes }) : new IceError('invalidInput', {}, `${iceCodes.invalidInput.message} (بدنه ناقص رسید)`);

/** The tenant a call before login belongs to: X-Sandbox-Tenant, else the default tenant. */
export function publicTenant(c: AppContext): TenantRow {
  const named = header(c, 'x-sandbox-tenant')?.trim();
  const tenant = getTenant(c.get('deps').db, named || defaultTenant.id);
  if (!tenant) throw new IceError('unknownTenant', { tenant: named });
  identify(c, tenant);
  return tenant;
}

/** Fields whose values never reach the journal: passwords, SMS codes, tokens, API client secrets. */
const leftOut = new Set(['password', 'currentpassword', 'newpassword', 'code', 'accesstoken', 'consenttoken', 'paymenttoken', 'clientsecret']);

/** ICE bodies are flat: an object nested deeper than this is left out whole rather than walked, so no body exhausts the stack. */
const journalSafeDepth = 8;

/** A copy of a body for the journal, with every credential left out (in nested objects too, down to journalSafeDepth). */
export function journalSafe(body: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (leftOut.has(key.toLowerCase())) out[key] = '(left out)';
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = depth < journalSafeDepth ? journalSafe(value as Record<string, unknown>, depth + 1) : '(left out)';
    else out[key] = value;
  }
  return out;
}

/** The call's JSON object body (an empty body reads as {}); anything else is invalidInput. */
export async function readJsonObject(c: AppContext): Promise<Record<string, unknown>> {
  const text = await readBody(c, iceBodyBytes).catch((error: BodyTooLarge | BodyUnreadable) => {
    throw iceBodyRefused(error);
  });
  if (text.trim() === '') return {};
  if (!/^application\/(.+\+)?json\b/i.test(header(c, 'content-type') ?? '')) {
    throw new IceError('invalidInput', {}, `${iceCodes.invalidInput.message} (بدنه باید JSON با Content-Type: application/json باشد)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new IceError('invalidInput', {}, `${iceCodes.invalidInput.message} (JSON نامعتبر)`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new IceError('invalidInput', {}, `${iceCodes.invalidInput.message} (بدنه باید یک شیء JSON باشد)`);
  c.set('jsonBody', journalSafe(value as Record<string, unknown>));
  return value as Record<string, unknown>;
}

/** Persian reasons by zod issue, so a refused field says what is wrong in the panel's language. */
function reasonOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'این فیلد الزامی است' : 'نوع مقدار نادرست است';
    case 'too_small':
      return issue.origin === 'string' ? `حداقل ${issue.minimum} نویسه` : `حداقل ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `حداکثر ${issue.maximum} نویسه` : `حداکثر ${issue.maximum}`;
    case 'invalid_format':
      return 'قالب مقدار نادرست است';
    case 'invalid_value':
      return `یکی از این مقادیر: ${issue.values.map(String).join('، ')}`;
    case 'unrecognized_keys':
      return 'فیلد ناشناخته';
    default:
      return issue.message;
  }
}

/** `value` parsed by `schema`, or invalidInput naming each field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')) : [issue.path.join('.') || '(body)'];
    for (const key of keys) errors[key] ??= reasonOf(issue);
  }
  throw invalidFields(errors);
}

/** Scenario rules, then X-Sandbox-Error, then `work`, with ICE's errors. */
export function beforeWork(c: AppContext, endpointId: IceEndpointId, body: Record<string, unknown> | undefined, work: () => Promise<Response>): Promise<Response> {
  return beforeProviderWork(c, { id: 'ice', documentedCode: documentedIceCode }, endpointId, body, {
    documented: (code) => new IceError(code as IceCodeName),
    undocumented: (wanted) =>
      new IceError('invalidInput', { documented: iceEndpoints[endpointId] }, `X-Sandbox-Error "${wanted}" is not a code of ${endpointId}; its codes: ${iceEndpoints[endpointId].join(', ')}`),
    unknownScenario: (named, known) => new IceError('invalidInput', {}, `X-Sandbox-Scenario "${named}" is not a loaded scenario; known scenarios: ${known.join(', ') || '(none)'}`),
    ruleError: (code, message) => new IceError(documentedIceCode(endpointId, code) ?? 'serviceUnavailable', {}, message),
  }, work);
}
