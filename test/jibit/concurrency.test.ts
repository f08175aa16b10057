// Money and limits under concurrent load: many calls at once never pass a daily limit,
// never overspend a prepaid wallet and never charge twice, over a real socket and in-process.
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import world from '../../fixtures/world.json' with { type: 'json' };
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { jibitBasePath } from '../../src/providers/jibit/index.js';
import { control, json, newTenant, sandbox } from '../helpers.js';

const instance = sandbox();
let server: ServerType;
let baseUrl = '';

beforeAll(async () => {
  baseUrl = await new Promise<string>((resolve) => {
    server = serve({ fetch: instance.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  instance.close();
});

interface FixtureCard { number: string; bank: string; state?: string; type?: string; depositNumber: string; ownerNationalCode: string }
const demoCard = (world.cards as FixtureCard[]).find((c) => !c.state && !c.type && c.bank === 'MELLI')!;
const owner = world.persons.find((p) => p.nationalCode === demoCard.ownerNationalCode)!;
const postal = world.postalCodes.find((p) => p.state === 'FOUND')!;

const endpoint = (id: string) => catalogEndpoints.find((e) => e.id === id)!;
const limitReached = (id: string) => ({ code: 'daily_limit.reached', message: endpoint(id).errors.find((e) => e.code === 'daily_limit.reached')!.messageFa });
const notEnough = { code: 'balance.not_enough', message: 'موجودی کیف پول برای فراخوانی این سرویس کافی نیست' };
const cardAnswer = {
  number: demoCard.number,
  cardInfo: { bank: demoCard.bank, type: 'DEBIT', ownerName: `${owner.firstName} ${owner.lastName}`, depositNumber: demoCard.depositNumber },
};
const wgsAnswer = { code: postal.code, wgsInfo: { postalCode: postal.code, latitude: postal.latitude, longitude: postal.longitude } };
const cardPath = `/v1/cards?number=${demoCard.number}`;
const wgsPath = `/v1/services/postal/wgs?code=${postal.code}`;

/** Sends a Jibit request, over the socket or in-process. */
type Send = (path: string, init?: RequestInit) => Promise<Response>;
const transports: [string, Send][] = [
  ['a real listener on 127.0.0.1', (path, init) => fetch(`${baseUrl}${jibitBasePath}${path}`, init)],
  ['app.request', (path, init) => Promise.resolve(instance.app.request(`${jibitBasePath}${path}`, init))],
];

interface Outcome { status: number; type: string | null; body: unknown }
const outcome = async (res: Response): Promise<Outcome> => ({ status: res.status, type: res.headers.get('content-type'), body: await json(res) });

/** How many responses had each (status, content type, body). */
function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = JSON.stringify(o);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
const withoutZeros = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
const as = (status: number, body: unknown) => JSON.stringify({ status, type: 'application/json', body });

async function session(send: Send, jibitOverrides: Record<string, unknown>) {
  const creds = await newTenant(instance, { jibit: jibitOverrides });
  const res = await send('/v1/tokens/generate', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey: creds.apiKey, secretKey: creds.secretKey }),
  });
  expect(res.status).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const authorized = { headers: { Authorization: `Bearer ${accessToken}` } };
  /** `n` requests to `path`, all started before any is answered. */
  const burst = async (n: number, path: string) => Promise.all(Array.from({ length: n }, () => send(path, authorized).then(outcome)));
  const wallets = async () => outcome(await send('/v1/balances', authorized));
  const usedToday = async () => ((await json(await control(instance, 'GET', `/tenants/${creds.id}`))) as { jibit: { usedToday: unknown } }).jibit.usedToday;
  return { burst, wallets, usedToday };
}

const balancesAnswer = (PRF: number, POF: number) => ({
  status: 200,
  type: 'application/json',
  body: { balances: [{ balanceType: 'PRF', currency: 'IRR', amount: PRF }, { balanceType: 'POF', currency: 'IRR', amount: POF }] },
});

describe.each(transports)('concurrent calls through %s', (_name, send) => {
  test('40 GET /v1/cards at once with a daily limit of 10: exactly 10 answer 200, 30 answer 429, PRF debited 10 × price', async () => {
    const s = await session(send, { dailyLimits: { 'card-inquiry': 10 }, prices: { 'card-inquiry': 1_500 }, balances: { PRF: 1_000_000, POF: 0 } });
    expect(tally(await s.burst(40, cardPath))).toEqual({ [as(200, cardAnswer)]: 10, [as(429, limitReached('card-inquiry'))]: 30 });
    expect(await s.wallets()).toEqual(balancesAnswer(1_000_000 - 10 * 1_500, 0));
    expect(await s.usedToday()).toEqual({ 'card-inquiry': 10 });
  });

  test('40 GET /v1/cards at once with PRF covering exactly 7: 7 answer 200, 33 answer 402, PRF ends at exactly 0', async () => {
    const s = await session(send, { prices: { 'card-inquiry': 1_500 }, balances: { PRF: 7 * 1_500, POF: 0 } });
    expect(tally(await s.burst(40, cardPath))).toEqual({ [as(200, cardAnswer)]: 7, [as(402, notEnough)]: 33 });
    expect(await s.wallets()).toEqual(balancesAnswer(0, 0));
    expect(await s.usedToday()).toEqual({ 'card-inquiry': 7 });
  });

  test('two services drawing on one PRF at once: exactly 5 calls in all are served and PRF ends at 0', async () => {
    const s = await session(send, { prices: { 'card-inquiry': 1_000, 'postal-code-wgs': 1_000 }, balances: { PRF: 5_000, POF: 0 } });
    const [cards, postals] = await Promise.all([s.burst(20, cardPath), s.burst(20, wgsPath)]);
    const served = (outcomes: Outcome[]) => outcomes.filter((o) => o.status === 200).length;
    expect(served(cards) + served(postals)).toBe(5);
    expect(tally(cards)).toEqual(withoutZeros({ [as(200, cardAnswer)]: served(cards), [as(402, notEnough)]: 20 - served(cards) }));
    expect(tally(postals)).toEqual(withoutZeros({ [as(200, wgsAnswer)]: served(postals), [as(402, notEnough)]: 20 - served(postals) }));
    expect(await s.wallets()).toEqual(balancesAnswer(0, 0));
    expect(await s.usedToday()).toEqual(withoutZeros({ 'card-inquiry': served(cards), 'postal-code-wgs': served(postals) }));
  });

  test('40 postpaid GET /v1/cards at once with a limit of 25: exactly 25 served and POF debited exactly 25 × price', async () => {
    const s = await session(send, { billing: 'postpaid', dailyLimits: { 'card-inquiry': 25 }, prices: { 'card-inquiry': 1_500 }, balances: { PRF: 0, POF: 0 } });
    expect(tally(await s.burst(40, cardPath))).toEqual({ [as(200, cardAnswer)]: 25, [as(429, limitReached('card-inquiry'))]: 15 });
    expect(await s.wallets()).toEqual(balancesAnswer(0, -25 * 1_500));
  });
});
