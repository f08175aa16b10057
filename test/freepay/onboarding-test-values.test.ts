// The merchant onboarding's test values, sent as published: the demo person signs up, passes the
// identity check and adds the first bank account and site; the other national code is rejected;
// a fixed-code mobile's code is the one published.
import { afterAll, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { documentsForm, lastCode, sendDocuments } from './onboarding-helpers.js';

const app = sandbox();
afterAll(() => app.close());

interface Value {
  endpoint: string;
  outcome: string;
  request: { method: string; path: string; body: Record<string, string>; headers?: Record<string, string> };
}

const published = async () => {
  const all = (await json(await control(app, 'GET', '/test-values?provider=freepay'))) as Value[];
  return new Map(all.filter((v) => v.endpoint.startsWith('panel-')).map((v) => [`${v.endpoint} ${v.outcome}`, v]));
};

/** Sends a form value as published, its {{names}} filled in. */
async function send(v: Value, vars: Record<string, string>) {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name]!);
  const headers = Object.fromEntries(Object.entries(v.request.headers ?? {}).filter(([h]) => h !== 'Content-Type').map(([h, value]) => [h, fill(value)]));
  const res = await freepayForm(app, fill(v.request.path), v.request.body, headers);
  return { status: res.status, body: (await json(res)) as Record<string, unknown> };
}

it('lists seven onboarding values, and the demo person walks them to an active merchant with a bank account and a site', async () => {
  const values = await published();
  expect([...values.keys()]).toEqual([
    'panel-signup codeSent',
    'panel-signup fixedCode',
    'panel-signup-verify verified',
    'panel-documents approved',
    'panel-documents rejected',
    'panel-bank-account-add added',
    'panel-site-add added',
  ]);
  const m = await merchant(app);
  const vars: Record<string, string> = { tenantId: m.id };
  const started = await send(values.get('panel-signup codeSent')!, vars);
  expect(started.status).toBe(201);
  vars.signupId = started.body.signup_id as string;
  const verify = values.get('panel-signup-verify verified')!;
  const verified = await send({ ...verify, request: { ...verify.request, body: { code: await lastCode(app, m.id, '09123456789') } } }, vars);
  expect(verified.status).toBe(201);
  vars.session = verified.body.access_token as string;
  const docs = values.get('panel-documents approved')!.request.body;
  const approved = await sendDocuments(app, vars.session, documentsForm(Object.fromEntries(Object.entries(docs).filter(([k]) => k !== 'document'))));
  expect(approved.status).toBe(200);
  expect(await json(approved)).toMatchObject({ status: 1, account: { account_status: 'active', api_key: expect.stringMatching(/^fpk_/) } });
  expect(await send(values.get('panel-bank-account-add added')!, vars)).toMatchObject({ status: 201, body: { status: 1 } });
  expect(await send(values.get('panel-site-add added')!, vars)).toMatchObject({ status: 201, body: { status: 1 } });
});

it('the rejected value is rejected, and the fixed-code mobile verifies with the published code', async () => {
  const values = await published();
  const m = await merchant(app);
  const vars: Record<string, string> = { tenantId: m.id };
  const started = await send(values.get('panel-signup fixedCode')!, vars);
  expect(started.status).toBe(201);
  vars.signupId = started.body.signup_id as string;
  const verified = await send(values.get('panel-signup-verify verified')!, vars);
  expect(verified.status).toBe(201);
  const docs = values.get('panel-documents rejected')!.request.body;
  const rejected = await sendDocuments(app, verified.body.access_token as string, documentsForm(Object.fromEntries(Object.entries(docs).filter(([k]) => k !== 'document'))));
  expect(await json(rejected)).toMatchObject({ account: { account_status: 'rejected', rejection_reason: expect.any(String) } });
});
