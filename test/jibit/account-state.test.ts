// The tenant's account state: an inactive account (accountActive: false) is refused
// forbidden on every endpoint that takes a token, while tokens are still issued.
import { describe, expect, test } from 'vitest';
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { jibitTestValues } from '../../src/providers/jibit/test-values/index.js';
import { control, jibit, json, sandbox, signedIn } from '../helpers.js';
import { sendTestValue } from './send-test-value.js';

const instance = sandbox();
const values = jibitTestValues();
const documented = (id: string, code: string) => ({ code, message: catalogEndpoints.find((e) => e.id === id)!.errors.find((e) => e.code === code)!.messageFa });
const successOf = (endpoint: string) => values.find((v) => v.endpoint === endpoint && v.outcome === 'success')!;
const authenticated = catalogEndpoints.map((e) => e.id).filter((id) => !id.startsWith('token-'));
const patch = (id: string, body: unknown) => control(instance, 'PATCH', `/tenants/${id}/jibit`, body);
const view = async (id: string) => (await json(await control(instance, 'GET', `/tenants/${id}`))) as { jibit: { balances: unknown; usedToday: unknown } };

async function expectAnswer(res: Response, status: number, body: unknown) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status, type: 'application/json', body });
}

describe('an inactive account', () => {
  test.each(authenticated)('%s answers 403 forbidden with its own message, even to X-Sandbox-Error, and charges nothing', async (endpoint) => {
    const session = await signedIn(instance);
    expect((await patch(session.id, { accountActive: false })).status).toBe(200);
    await expectAnswer(await sendTestValue(instance, successOf(endpoint), session), 403, documented(endpoint, 'forbidden'));
    await expectAnswer(await sendTestValue(instance, successOf(endpoint), session, { 'X-Sandbox-Error': 'server.error' }), 403, documented(endpoint, 'forbidden'));
    expect((await view(session.id)).jibit).toMatchObject({ balances: { PRF: 1_000_000_000, POF: 0 }, usedToday: {} });
  });

  test('token generation and refresh still answer a pair, whose access token is refused until the account is active again', async () => {
    const session = await signedIn(instance);
    await patch(session.id, { accountActive: false });
    const generated = await jibit(instance, '/v1/tokens/generate', { method: 'POST', body: { apiKey: session.apiKey, secretKey: session.secretKey } });
    const pair = (await json(generated)) as { accessToken: string; refreshToken: string };
    expect({ status: generated.status, pair }).toEqual({ status: 200, pair: { accessToken: expect.stringMatching(/^ey/), refreshToken: expect.stringMatching(/^ey/) } });
    const refreshed = await jibit(instance, '/v1/tokens/refresh', { method: 'POST', body: pair });
    const second = (await json(refreshed)) as { accessToken: string };
    expect({ status: refreshed.status, second }).toEqual({ status: 200, second: { accessToken: expect.stringMatching(/^ey/), refreshToken: expect.stringMatching(/^ey/) } });
    await expectAnswer(await jibit(instance, '/v1/balances', { token: second.accessToken }), 403, documented('balances', 'forbidden'));

    await patch(session.id, { accountActive: true });
    await expectAnswer(await jibit(instance, '/v1/balances', { token: second.accessToken }), 200, {
      balances: [
        { balanceType: 'PRF', currency: 'IRR', amount: 1_000_000_000 },
        { balanceType: 'POF', currency: 'IRR', amount: 0 },
      ],
    });
  });

  test('a tenant created inactive is refused from its first call', async () => {
    const session = await signedIn(instance, { jibit: { accountActive: false } });
    await expectAnswer(await sendTestValue(instance, successOf('card-inquiry'), session), 403, documented('card-inquiry', 'forbidden'));
  });
});
