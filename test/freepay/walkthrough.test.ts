// The README's Freepay walk-through, run on the default tenant: pasted into bash against a sandbox
// on a free port it prints what it shows, and in process its answers are checked whole (authority,
// ref_id, paid_at and the captcha aside), with the default merchant's sites it states.
import { afterAll, expect, test } from 'vitest';
import { control, freepayForm, json, sandbox } from '../helpers.js';
import { defaultMerchant } from '../../src/providers/freepay/merchant.js';
import { createSandbox } from '../../src/index.js';
import { readme as readmeText, runShell, shellBlock, shownBeside } from '../readme-shell.js';

const app = sandbox();
afterAll(() => app.close());

const readme = readmeText();
const section = readme.slice(readme.indexOf('### Freepay walk-through'), readme.indexOf('### ICE walk-through'));
const block = shellBlock('### Freepay walk-through');

/** The JSON answers the block shows, one per `# {` comment (continued on `#  ` lines). */
const shown = block
  .split('\n# {')
  .slice(1)
  .map((rest) => {
    const lines = rest.split('\n');
    const end = lines.findIndex((line, i) => i > 0 && !/^# {2}"/.test(line));
    return JSON.parse(`{${lines.slice(0, end).map((line) => line.replace(/^# {2}/, '')).join('')}`) as Record<string, unknown>;
  });

/** An answer with the values that differ on every run replaced by the README's. */
const asShown = (body: Record<string, unknown>, readmeBody: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, ['authority', 'ref_id', 'paid_at', 'redirect'].includes(k) ? readmeBody[k] : v]));

test("the README states the default merchant's registered sites and key as they are", () => {
  expect(section).toContain(`has two registered sites, \`${defaultMerchant.sites[0]}\` and \`${defaultMerchant.sites[1]}\``);
  expect(defaultMerchant.sites).toHaveLength(2);
  expect(section).toContain(`national code \`${defaultMerchant.nationalCode}\` and its settlement account \`${defaultMerchant.settlementIban}\``);
});

test("the README's Freepay walk-through answers as it shows: request, page, pay as the buyer, verify, a failed card", async () => {
  expect(shown).toHaveLength(5);
  const key = 'mahak-default-freepay-key';
  const [requested, paid, verified, refused, failed] = shown as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
  const res = await freepayForm(app, '/payment/request', { api: key, amount: '150000', callback: 'http://localhost:3000/callback', order_id: 'A-7' });
  const body = (await json(res)) as Record<string, unknown>;
  expect(asShown(body, requested)).toEqual(requested);
  const authority = body.authority as string;
  const page = await app.app.request(`/freepay/payment/gateway:${authority}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('x-sandbox-captcha')).toMatch(/^\d{5}$/);
  const pay = await control(app, 'POST', `/tenants/ten_default/freepay/payments/${authority}/pay`, { card: '6037990000010013' });
  const payBody = (await json(pay)) as Record<string, unknown>;
  expect(payBody).toEqual({ redirect: `http://localhost:3000/callback?authority=${authority}&status=OK` });
  expect(asShown(payBody, paid)).toEqual(paid);
  const v = (await json(await freepayForm(app, '/payment/verify', { api: key, authority, amount: '150000' }))) as Record<string, unknown>;
  expect(asShown(v, verified)).toEqual(verified);

  const second = ((await json(await freepayForm(app, '/payment/request', { api: key, amount: '150000', callback: 'http://localhost:3000/callback' }))) as { authority: string }).authority;
  const refusedPay = await control(app, 'POST', `/tenants/ten_default/freepay/payments/${second}/pay`, { card: '6277600000110114' });
  const refusedBody = (await json(refusedPay)) as Record<string, unknown>;
  expect(refusedBody).toEqual({ redirect: `http://localhost:3000/callback?authority=${second}&status=FAILED` });
  expect(asShown(refusedBody, refused)).toEqual(refused);
  const f = (await json(await freepayForm(app, '/payment/verify', { api: key, authority: second, amount: '150000' }))) as Record<string, unknown>;
  expect(asShown(f, failed)).toEqual(failed);
});

test("the README's Freepay walk-through prints what it shows when pasted into bash", async () => {
  const server = createSandbox();
  try {
    const { port } = await server.listen();
    const beside = shownBeside(await runShell(block, port));
    expect(beside.map((b) => b.shown!.slice(0, 12))).toEqual(['{"status":1,', `http://local`, 'x-sandbox-ca', '{"redirect":', '{"status":1,', '{"redirect":', '{"status":-1']);
    expect(beside).toEqual(beside.map((b) => ({ ...b, fits: true })));
  } finally {
    await server.close();
  }
}, 120_000);
