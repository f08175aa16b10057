// The API onboarding's test values, sent as published and in order by the ready business, take it
// live: every step answers success, and the credentials come with the webhook URL's secret.
import { afterAll, expect, it } from 'vitest';
import { control, sandbox } from '../helpers.js';
import { ice, iceTenant, signIn } from './helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

interface Value {
  endpoint: string;
  outcome: string;
  request: { method: string; path: string; body?: unknown; headers?: Record<string, string> };
}

it('the api-* values of GET /_sandbox/test-values walk the ready business through the five steps to its credentials', async () => {
  const all = (await (await control(instance, 'GET', '/test-values?provider=ice')).json()) as Value[];
  const values = all.filter((v) => v.endpoint.startsWith('api-'));
  expect(values.map((v) => `${v.endpoint} ${v.outcome}`)).toEqual([
    'api-company-put saved',
    'api-contract-get viewed',
    'api-contract-accept accepted',
    'api-contract-get viewed',
    'api-contract-accept accepted',
    'api-invoice-pay pageOpened',
    'api-invoice-pay paid',
    'api-documents-put saved',
    'api-live goingLive',
    'api-live live',
    'api-credentials issued',
  ]);
  const tenant = await iceTenant(instance);
  const token = await signIn(instance, tenant);
  const vars: Record<string, string> = { token, tenantId: tenant.id };
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? `{{${name}}}`);
  let last: unknown;
  for (const v of values) {
    const path = fill(v.request.path);
    const res = path.startsWith('/_sandbox/')
      ? await control(instance, v.request.method, path.slice('/_sandbox'.length), v.request.body)
      : await ice(instance, path, { method: v.request.method, token, ...(v.request.body === undefined ? {} : { body: v.request.body }) });
    last = await res.json();
    expect([v.endpoint, v.outcome, res.status < 300]).toEqual([v.endpoint, v.outcome, true]);
    if (v.outcome === 'pageOpened') vars.chargeId = (last as { chargeId: string }).chargeId;
  }
  expect(last).toMatchObject({ clientId: expect.stringMatching(/^ice_ck_/), clientSecret: expect.stringMatching(/^ice_sk_/), webhook: { url: 'http://127.0.0.1:4000/hooks/ice', signingSecret: expect.stringMatching(/^whsec_/) } });
  const status = (await (await ice(instance, '/api/v1/api-access', { token })).json()) as { status: string };
  expect(status.status).toBe('live');
});
