// GET /v1/cards success answers: card inquiry, card to account and card to IBAN, whole bodies
// built from fixtures/world.json (spec/jibit.md §2.3, §2.5, §2.6).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { jibit, json, sandbox, signedIn } from '../../helpers.js';

interface Person { nationalCode: string; firstName: string; lastName: string }
interface Deposit { bank: string; number: string; owners: string[]; status?: string; ibanState?: string }
interface Card { number: string; bank: string; type?: string; state?: string; depositNumber: string; ownerNationalCode: string }
const fx = JSON.parse(readFileSync(new URL('../../../fixtures/world.json', import.meta.url), 'utf8')) as {
  persons: Person[];
  deposits: Deposit[];
  cards: Card[];
};

// Fields the fixture format lets a record leave out, with the defaults it documents.
const typeOf = (c: Card) => c.type ?? 'DEBIT';
const stateOf = (c: Card) => c.state ?? 'ACTIVE';
const personOf = (nc: string) => fx.persons.find((p) => p.nationalCode === nc)!;
const ownerName = (nc: string) => `${personOf(nc).firstName} ${personOf(nc).lastName}`;
const depositOf = (c: Card) => fx.deposits.find((d) => d.bank === c.bank && d.number === c.depositNumber)!;

/** The published IBAN bank codes (Central Bank of Iran) of the banks the fixtures use. */
const ibanBankCode: Record<string, string> = { MELLI: '017', MELLAT: '012', SAMAN: '056', PASARGAD: '057', KHAVARMIANEH: '078' };

/** IR + mod-97 check digits + bank code + the account's digits left-padded to 19. */
function expectedIban(bank: string, depositNumber: string): string {
  const code = ibanBankCode[bank];
  if (!code) throw new Error(`add the IBAN bank code of ${bank}`);
  const bban = code + depositNumber.replace(/\D/g, '').padStart(19, '0');
  const check = 98n - (BigInt(`${bban}182700`) % 97n);
  return `IR${String(check).padStart(2, '0')}${bban}`;
}

// Card inquiry and card to account answer for every card the network calls usable; the
// MATCHING_UNKNOWN state only matters to matching.
const answering = fx.cards.filter((c) => ['ACTIVE', 'MATCHING_UNKNOWN'].includes(stateOf(c)));
/** Card-to-IBAN is switched off at KHAVARMIANEH (fixture note) and needs a debit card on a convertible account. */
const convertible = answering.filter(
  (c) => typeOf(c) === 'DEBIT' && c.bank !== 'KHAVARMIANEH' && (depositOf(c).ibanState ?? 'OK') === 'OK',
);

const instance = sandbox();

async function getCards(query: Record<string, string>) {
  const session = await signedIn(instance);
  const trackId = randomUUID();
  const res = await jibit(instance, '/v1/cards', { query, token: session.token, headers: { 'X-TRACK-ID': trackId } });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-track-id')).toBe(trackId);
  return body;
}

const cardInquiry = (c: Card, number = c.number) => ({
  number,
  cardInfo: { bank: c.bank, type: typeOf(c), ownerName: ownerName(c.ownerNationalCode), depositNumber: c.depositNumber },
});

describe('card inquiry', () => {
  test.each(answering.map((c) => [c.number, c.bank, typeOf(c), c]))(
    'GET /v1/cards?number=%s answers its %s %s card, holder name and account',
    async (number, _bank, _type, card) => {
      expect(await getCards({ number })).toEqual(cardInquiry(card));
    },
  );

  test.each([
    ['Persian', '۰۱۲۳۴۵۶۷۸۹'],
    ['Arabic-Indic', '٠١٢٣٤٥٦٧٨٩'],
  ])('GET /v1/cards with the number in %s digits answers the card, number echoed in ASCII', async (_script, digits) => {
    const card = answering[0]!;
    const number = [...card.number].map((d) => digits[Number(d)]).join('');
    expect(await getCards({ number })).toEqual(cardInquiry(card));
  });

  test('GET /v1/cards with deposit=false and iban=false is still the card inquiry', async () => {
    const card = answering[0]!;
    expect(await getCards({ number: card.number, deposit: 'false', iban: 'false' })).toEqual(cardInquiry(card));
  });
});

describe('card to account', () => {
  test.each(answering.map((c) => [c.number, c.bank, c.depositNumber, c]))(
    'GET /v1/cards?number=%s&deposit=true answers type on top and the %s account %s',
    async (number, _bank, _deposit, card) => {
      expect(await getCards({ number, deposit: 'true' })).toEqual({
        number,
        type: typeOf(card),
        depositInfo: { bank: card.bank, depositNumber: card.depositNumber },
      });
    },
  );
});

describe('card to IBAN', () => {
  test.each(convertible.map((c) => [c.number, depositOf(c).status ?? 'ACTIVE', depositOf(c).owners.length, c]))(
    'GET /v1/cards?number=%s&iban=true answers the account IBAN, status %s and its %i owner(s)',
    async (number, status, _owners, card) => {
      const deposit = depositOf(card);
      expect(await getCards({ number, iban: 'true' })).toEqual({
        number,
        type: 'DEBIT',
        ibanInfo: {
          bank: card.bank,
          depositNumber: card.depositNumber,
          iban: expectedIban(card.bank, card.depositNumber),
          status,
          owners: deposit.owners.map((nc) => ({ firstName: personOf(nc).firstName, lastName: personOf(nc).lastName })),
        },
      });
    },
  );

  test('the fixtures cover every IBAN status and a joint account through card to IBAN', () => {
    const statuses = new Set(convertible.map((c) => depositOf(c).status ?? 'ACTIVE'));
    expect([...statuses].sort()).toEqual(['ACTIVE', 'BLOCK_WITHOUT_DEPOSIT', 'BLOCK_WITH_DEPOSIT', 'IDLE', 'UNKNOWN']);
    expect(convertible.some((c) => depositOf(c).owners.length > 1)).toBe(true);
  });
});

describe('cards whose other services fail', () => {
  // Each failure belongs to one service: the card itself still answers the others.
  test.each([
    ['a CREDIT card (card to IBAN refuses its type)', (c: Card) => typeOf(c) === 'CREDIT'],
    ['a card whose account has no IBAN conversion', (c: Card) => (depositOf(c).ibanState ?? 'OK') !== 'OK'],
    ['a card at a bank without card to IBAN', (c: Card) => c.bank === 'KHAVARMIANEH'],
    ['a card whose ownership matching is undecidable', (c: Card) => stateOf(c) === 'MATCHING_UNKNOWN'],
  ])('card inquiry and card to account of %s answer normally', async (_what, which) => {
    const cards = answering.filter(which);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(await getCards({ number: card.number })).toEqual(cardInquiry(card));
      expect(await getCards({ number: card.number, deposit: 'true' })).toEqual({
        number: card.number,
        type: typeOf(card),
        depositInfo: { bank: card.bank, depositNumber: card.depositNumber },
      });
    }
  });
});
