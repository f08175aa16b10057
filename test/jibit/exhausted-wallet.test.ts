// What a spent prepaid wallet answers is the tenant's choice (exhaustedWallet): the sandbox's
// balance.not_enough by default (not in the document), or the document's forbidden.
import { describe, expect, test } from 'vitest';
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { jibitTestValues } from '../../src/providers/jibit/test-values/index.js';
import { control, json, sandbox, signedIn } from '../helpers.js';
import { sendTestValue } from './send-test-value.js';

const instance = sandbox();
const values = jibitTestValues();
const documented = (id: string, code: string) => ({ code, message: catalogEndpoints.find((e) => e.id === id)!.errors.find((e) => e.code === code)!.messageFa });
const successOf = (endpoint: string) => values.find((v) => v.endpoint === endpoint && v.outcome === 'success')!;
const patch = (id: string, body: unknown) => control(instance, 'PATCH', `/tenants/${id}/jibit`, body);
const view = async (id: string) => (await json(await control(instance, 'GET', `/tenants/${id}`))) as { jibit: { balances: unknown; usedToday: unknown } };

async function expectAnswer(res: Response, status: number, body: unknown) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status, type: 'application/json', body });
}

describe('an exhausted prepaid wallet', () => {
  const card = successOf('card-inquiry');
  const notEnough = { code: 'balance.not_enough', message: 'موجودی کیف پول برای فراخوانی این سرویس کافی نیست' };

  test('answers 402 balance.not_enough by default', async () => {
    const session = await signedIn(instance, { jibit: { balances: { PRF: 0 } } });
    await expectAnswer(await sendTestValue(instance, card, session), 402, notEnough);
  });

  test.each(['card-inquiry', 'sana-status', 'identity-similarity'])(
    '%s answers 403 forbidden with its own message when the tenant chose exhaustedWallet: forbidden, and charges nothing',
    async (endpoint) => {
      const session = await signedIn(instance, { jibit: { balances: { PRF: 0 }, exhaustedWallet: 'forbidden' } });
      await expectAnswer(await sendTestValue(instance, successOf(endpoint), session), 403, documented(endpoint, 'forbidden'));
      expect((await view(session.id)).jibit).toMatchObject({ balances: { PRF: 0, POF: 0 }, usedToday: {} });
    },
  );

  test('the choice applies only while the wallet cannot pay: topped up, the call is served', async () => {
    const session = await signedIn(instance, { jibit: { balances: { PRF: 0 }, exhaustedWallet: 'forbidden', prices: { 'card-inquiry': 1_000 } } });
    await expectAnswer(await sendTestValue(instance, card, session), 403, documented('card-inquiry', 'forbidden'));
    await patch(session.id, { balances: { PRF: 1_000 } });
    expect((await sendTestValue(instance, card, session)).status).toBe(200);
    expect((await view(session.id)).jibit).toMatchObject({ balances: { PRF: 0, POF: 0 }, usedToday: { 'card-inquiry': 1 } });
  });
});
