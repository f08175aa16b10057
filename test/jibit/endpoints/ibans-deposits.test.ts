// GET /v1/ibans and GET /v1/deposits success answers, and the world's central promise: a card,
// its account, the account's IBAN and its owners agree on every endpoint, for fixture cards
// and for well-formed cards the world does not store (spec/jibit.md §2.3–§2.8, PRODUCT.md).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Instance } from '../../../src/instance.js';
import { jibit, json, sandbox, signedIn } from '../../helpers.js';
import { withLuhnDigit } from './numbers.js';

interface Person { nationalCode: string; firstName: string; lastName: string }
interface Deposit { bank: string; number: string; owners: string[]; status?: string; ibanState?: string }
interface Card { number: string; bank: string; type?: string; state?: string; depositNumber: string }
const fx = JSON.parse(readFileSync(new URL('../../../fixtures/world.json', import.meta.url), 'utf8')) as {
  persons: Person[];
  deposits: Deposit[];
  cards: Card[];
};

interface IbanInfo { bank: string; depositNumber: string; iban: string; status: string; owners: { firstName: string; lastName: string }[] }
interface CardInquiry { number: string; cardInfo: { bank: string; type: string; ownerName: string; depositNumber: string } }

const owner = (nc: string) => {
  const p = fx.persons.find((x) => x.nationalCode === nc)!;
  return { firstName: p.firstName, lastName: p.lastName };
};
const ibanStateOf = (d: Deposit) => d.ibanState ?? 'OK';
const depositOf = (c: Card) => fx.deposits.find((d) => d.bank === c.bank && d.number === c.depositNumber)!;

/** The published IBAN bank codes (Central Bank of Iran) of the banks used here. */
const ibanBankCode: Record<string, string> = { MELLI: '017', MELLAT: '012', SAMAN: '056', PASARGAD: '057', KHAVARMIANEH: '078' };

/** IR + ISO 7064 mod-97 check digits (02–98) + bank code + the account's digits left-padded to 19. */
function expectedIban(bank: string, depositNumber: string): string {
  const bban = ibanBankCode[bank]! + depositNumber.replace(/\D/g, '').padStart(19, '0');
  const check = 98n - (BigInt(`${bban}182700`) % 97n);
  return `IR${String(check).padStart(2, '0')}${bban}`;
}


const instance = sandbox();

async function get<T>(on: Instance, token: string, path: string, query: Record<string, string>): Promise<T> {
  const trackId = randomUUID();
  const res = await jibit(on, path, { query, token, headers: { 'X-TRACK-ID': trackId } });
  const body = await json(res);
  expect(res.status, `${path} ${JSON.stringify(query)} → ${JSON.stringify(body)}`).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-track-id')).toBe(trackId);
  return body as T;
}

const convertibleDeposits = fx.deposits.filter((d) => ibanStateOf(d) === 'OK');
const ibanInfoOf = (d: Deposit) => ({
  bank: d.bank,
  depositNumber: d.number,
  iban: expectedIban(d.bank, d.number),
  status: d.status ?? 'ACTIVE',
  owners: d.owners.map(owner),
});

describe('deposit to IBAN and IBAN inquiry of the fixture accounts', () => {
  test.each(convertibleDeposits.map((d) => [d.bank, d.number, d]))(
    'GET /v1/deposits?bank=%s&number=%s&iban=true answers its IBAN, status and owners twice over',
    async (bank, number, deposit) => {
      const { token } = await signedIn(instance);
      const info = ibanInfoOf(deposit);
      expect(await get(instance, token, '/v1/deposits', { bank, number, iban: 'true' })).toEqual({
        number,
        depositToIBANInfo: { bank, iban: info.iban },
        ibanInfo: info,
      });
    },
  );

  test.each(convertibleDeposits.map((d) => [expectedIban(d.bank, d.number), d.bank, d.number, d]))(
    'GET /v1/ibans?value=%s answers the %s account %s with its owners',
    async (value, _bank, _number, deposit) => {
      const { token } = await signedIn(instance);
      expect(await get(instance, token, '/v1/ibans', { value })).toEqual({ value, ibanInfo: ibanInfoOf(deposit) });
    },
  );

  test('GET /v1/ibans of an account whose card-to-IBAN conversion fails still answers the IBAN', async () => {
    const deposit = fx.deposits.find((d) => ibanStateOf(d) === 'CONVERSION_FAILED')!;
    const { token } = await signedIn(instance);
    const value = expectedIban(deposit.bank, deposit.number);
    expect(await get(instance, token, '/v1/ibans', { value })).toEqual({ value, ibanInfo: ibanInfoOf(deposit) });
  });
});

describe('input forms real clients send', () => {
  const deposit = convertibleDeposits[0]!;
  const iban = expectedIban(deposit.bank, deposit.number);
  const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

  test.each([
    ['with IR', iban, iban],
    ['without IR', iban.slice(2), iban.slice(2)],
    ['in lower case', iban.toLowerCase(), iban.toLowerCase()],
    ['in Persian digits', persian(iban), iban],
  ])('GET /v1/ibans with the IBAN %s answers a tenant reading inputs leniently the same account, echoing the value sent', async (_form, value, echoed) => {
    const { token } = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    expect(await get(instance, token, '/v1/ibans', { value })).toEqual({ value: echoed, ibanInfo: ibanInfoOf(deposit) });
  });

  test('GET /v1/deposits with the account number in Persian digits answers it in ASCII', async () => {
    const { token } = await signedIn(instance);
    const body = await get(instance, token, '/v1/deposits', { bank: deposit.bank, number: persian(deposit.number), iban: 'true' });
    expect(body).toEqual({ number: deposit.number, depositToIBANInfo: { bank: deposit.bank, iban }, ibanInfo: ibanInfoOf(deposit) });
  });
});

/** Every answer about one card, each later call keyed by what the earlier ones said. */
async function cardStory(on: Instance, number: string) {
  const { token } = await signedIn(on);
  const inquiry = await get<CardInquiry>(on, token, '/v1/cards', { number });
  const toDeposit = await get<unknown>(on, token, '/v1/cards', { number, deposit: 'true' });
  const toIban = await get<{ ibanInfo: IbanInfo }>(on, token, '/v1/cards', { number, iban: 'true' });
  const { bank, depositNumber, iban } = toIban.ibanInfo;
  const deposit = await get<unknown>(on, token, '/v1/deposits', { bank, number: depositNumber, iban: 'true' });
  const ibanInquiry = await get<unknown>(on, token, '/v1/ibans', { value: iban });
  return { inquiry, toDeposit, toIban, deposit, ibanInquiry };
}

function expectConsistent(number: string, story: Awaited<ReturnType<typeof cardStory>>) {
  const { bank, type, ownerName, depositNumber } = story.inquiry.cardInfo;
  const info = story.toIban.ibanInfo;
  expect(story.toDeposit).toEqual({ number, type, depositInfo: { bank, depositNumber } });
  expect(story.toIban).toEqual({ number, type: 'DEBIT', ibanInfo: { ...info, bank, depositNumber } });
  expect(info.iban).toBe(expectedIban(bank, depositNumber));
  expect(story.deposit).toEqual({ number: depositNumber, depositToIBANInfo: { bank, iban: info.iban }, ibanInfo: info });
  expect(story.ibanInquiry).toEqual({ value: info.iban, ibanInfo: info });
  expect(info.owners.map((o) => `${o.firstName} ${o.lastName}`)).toContain(ownerName);
}

describe('one card, every endpoint', () => {
  const cards = fx.cards.filter(
    (c) => (c.state ?? 'ACTIVE') === 'ACTIVE' && (c.type ?? 'DEBIT') === 'DEBIT' && c.bank !== 'KHAVARMIANEH' && ibanStateOf(depositOf(c)) === 'OK',
  );
  test.each(cards.map((c) => [c.number]))(
    'fixture card %s: card inquiry, card to account, card to IBAN, deposit to IBAN and IBAN inquiry agree',
    async (number) => {
      expectConsistent(number, await cardStory(instance, number));
    },
  );

  // Unstored cards: valid Luhn digit on a real issuer prefix, numbers no fixture uses.
  const accountShape = (bank: string) => {
    const sample = fx.deposits.find((d) => d.bank === bank)!.number;
    return new RegExp(`^${sample.replace(/\d/g, '\\d').replace(/\./g, '\\.')}$`);
  };
  test.each([
    ['610433', 'MELLAT'],
    ['603799', 'MELLI'],
    ['621986', 'SAMAN'],
  ])('an unstored card at issuer prefix %s is a %s card whose answers agree everywhere', async (prefix, bank) => {
    const number = withLuhnDigit(`${prefix}987654321`);
    expect(fx.cards.map((c) => c.number)).not.toContain(number);
    const story = await cardStory(instance, number);
    expectConsistent(number, story);
    expect(story.inquiry.cardInfo.bank).toBe(bank);
    expect(story.inquiry.cardInfo.depositNumber).toMatch(accountShape(bank));
  });

  test('an unstored card answers the same on every call, for every tenant and in every sandbox of the same seed', async () => {
    const number = withLuhnDigit('610433123450987');
    const first = await cardStory(instance, number);
    expect(await cardStory(instance, number)).toEqual(first);
    const other = sandbox();
    try {
      expect(await cardStory(other, number)).toEqual(first);
    } finally {
      other.close();
    }
  });

  test('an unstored account number converts to its IBAN, and that IBAN names the same account and owners', async () => {
    const { token } = await signedIn(instance);
    const number = '5432109876';
    expect(fx.deposits.map((d) => d.number)).not.toContain(number);
    const answer = await get<{ ibanInfo: IbanInfo }>(instance, token, '/v1/deposits', { bank: 'MELLAT', number, iban: 'true' });
    const iban = expectedIban('MELLAT', number);
    expect(answer).toEqual({ number, depositToIBANInfo: { bank: 'MELLAT', iban }, ibanInfo: { ...answer.ibanInfo, bank: 'MELLAT', depositNumber: number, iban } });
    expect(answer.ibanInfo.owners.length).toBeGreaterThan(0);
    expect(await get(instance, token, '/v1/ibans', { value: iban })).toEqual({ value: iban, ibanInfo: answer.ibanInfo });
  });
});
