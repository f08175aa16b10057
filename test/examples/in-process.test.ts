import { afterAll, expect, test } from 'vitest';
import { createSandbox } from '../../src/index.js'; // in your project: from 'mahak'

const sandbox = createSandbox();
afterAll(() => sandbox.close());

test('my integration can look up a card', async () => {
  const { jibitUrl } = await sandbox.listen();
  const tokens = await fetch(`${jibitUrl}/v1/tokens/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(sandbox.credentials),
  }).then((res) => res.json());
  const res = await fetch(`${jibitUrl}/v1/cards?number=6037991234567893`, {
    headers: { Authorization: `Bearer ${tokens.accessToken}` },
  });
  expect(await res.json()).toEqual({
    number: '6037991234567893',
    cardInfo: { bank: 'MELLI', type: 'DEBIT', ownerName: 'علی محمدی', depositNumber: '1234567890123' },
  });
});

test('my integration can sign in to ICE and read its wallet', async () => {
  const { iceUrl } = await sandbox.listen();
  const { username, password } = sandbox.credentials.ice;
  const session = await fetch(`${iceUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: username, password }),
  }).then((res) => res.json());
  const res = await fetch(`${iceUrl}/api/v1/wallet`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
  expect(await res.json()).toEqual({ balanceRial: 10_000_000, lowBalance: false, reportPriceRial: 100_000 });
});
