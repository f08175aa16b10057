// /v1/services/matching success answers: the seven services say matched:true for pieces of
// the same fixture person and matched:false for another real person, whatever form real
// clients send the input in (spec/jibit.md §2.9–§2.15, spec/jibit-clients.md).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { jibit, json, sandbox, signedIn } from '../../helpers.js';
import { withLuhnDigit } from './numbers.js';

interface Person { nationalCode: string; firstName: string; lastName: string; birthDate: string; mobile: string; registry?: string; blackListed?: boolean }
interface Deposit { bank: string; number: string; owners: string[]; ibanState?: string }
interface Card { number: string; bank: string; state?: string; depositNumber: string; ownerNationalCode: string }
const fx = JSON.parse(readFileSync(new URL('../../../fixtures/world.json', import.meta.url), 'utf8')) as {
  persons: Person[];
  deposits: Deposit[];
  cards: Card[];
};

const personOf = (nc: string) => fx.persons.find((p) => p.nationalCode === nc)!;
const fullName = (p: Person) => `${p.firstName} ${p.lastName}`;
const depositOf = (c: Card) => fx.deposits.find((d) => d.bank === c.bank && d.number === c.depositNumber)!;
const registered = fx.persons.filter((p) => (p.registry ?? 'FOUND') === 'FOUND' && !p.blackListed);

/** One active card per holder, on an account that converts to an IBAN. */
const holders = [
  ...new Map(
    fx.cards
      .filter((c) => (c.state ?? 'ACTIVE') === 'ACTIVE' && (depositOf(c).ibanState ?? 'OK') === 'OK')
      .map((c) => [c.ownerNationalCode, c] as const),
  ).values(),
];
const jointCard = holders.find((c) => depositOf(c).owners.length > 1) ?? fx.cards.find((c) => depositOf(c).owners.length > 1)!;
/** A registered person who owns nothing behind this card. */
const strangerTo = (c: Card) => registered.find((p) => !depositOf(c).owners.includes(p.nationalCode))!;


const instance = sandbox();

async function call(token: string, path: string, fields: Record<string, string>, method: 'GET' | 'POST' = 'GET') {
  const trackId = randomUUID();
  const headers = { 'X-TRACK-ID': trackId };
  const res = await jibit(instance, path, method === 'GET' ? { query: fields, token, headers } : { method, body: fields, token, headers });
  const body = await json(res);
  expect(res.status, `${method} ${path} ${JSON.stringify(fields)} → ${JSON.stringify(body)}`).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-track-id')).toBe(trackId);
  return body;
}
const match = (token: string, fields: Record<string, string>, method: 'GET' | 'POST' = 'GET') =>
  call(token, '/v1/services/matching', fields, method);

/** The IBAN of the card's account, as deposit to IBAN answers it. */
async function ibanOf(token: string, card: Card): Promise<string> {
  const body = (await call(token, '/v1/deposits', { bank: card.bank, number: card.depositNumber, iban: 'true' })) as { ibanInfo: { iban: string } };
  return body.ibanInfo.iban;
}

/** The request of each service about `card`'s account and the person `p`. */
function requests(card: Card, iban: string, p: Person): Record<string, Record<string, string>> {
  const { nationalCode, birthDate } = p;
  const account = { bank: card.bank, depositNumber: card.depositNumber };
  return {
    'match-card-nationalcode': { cardNumber: card.number, nationalCode, birthDate },
    'match-deposit-nationalcode': { ...account, nationalCode, birthDate },
    'match-iban-nationalcode': { iban, nationalCode, birthDate },
    'match-card-name': { cardNumber: card.number, name: fullName(p) },
    'match-deposit-name': { ...account, name: fullName(p) },
    'match-iban-name': { iban, name: fullName(p) },
    'match-nationalcode-mobile': { nationalCode: card.ownerNationalCode, mobileNumber: p.mobile },
  };
}
const services = Object.keys(requests(holders[0]!, '', registered[0]!));
const cases = holders.flatMap((card) => services.map((service) => [service, card.number, card] as const));

describe('true and false pairs', () => {
  test.each(cases)('%s with pieces of the holder of card %s answers matched:true', async (service, _number, card) => {
    const { token } = await signedIn(instance);
    const fields = requests(card, await ibanOf(token, card), personOf(card.ownerNationalCode))[service]!;
    expect(await match(token, fields)).toEqual({ matched: true });
  });

  test.each(cases)('%s with another real person than the holder of card %s answers matched:false', async (service, _number, card) => {
    const { token } = await signedIn(instance);
    const fields = requests(card, await ibanOf(token, card), strangerTo(card))[service]!;
    expect(await match(token, fields)).toEqual({ matched: false });
  });

  test.each(services.filter((s) => /deposit|iban/.test(s)).flatMap((s) => depositOf(jointCard).owners.map((nc) => [s, nc] as const)))(
    '%s on the joint account answers matched:true for its owner %s',
    async (service, nationalCode) => {
      const { token } = await signedIn(instance);
      const fields = requests(jointCard, await ibanOf(token, jointCard), personOf(nationalCode))[service]!;
      expect(await match(token, fields)).toEqual({ matched: true });
    },
  );
});

describe('input forms real clients send', () => {
  const card = holders[0]!;
  const me = personOf(card.ownerNationalCode);
  const slashed = `${me.birthDate.slice(0, 4)}/${me.birthDate.slice(4, 6)}/${me.birthDate.slice(6)}`;
  const inDigits = (s: string, zero: number) => s.replace(/\d/g, (d) => String.fromCharCode(zero + Number(d)));

  test.each([
    ['yyyyMMdd', me.birthDate],
    ['yyyy/MM/dd', slashed],
    ['Persian digits', inDigits(me.birthDate, 0x06f0)],
    ['Arabic-Indic digits with slashes', inDigits(slashed, 0x0660)],
  ])('card + national code matching with the birth date as %s answers matched:true to a tenant reading inputs leniently', async (_form, birthDate) => {
    const { token } = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    expect(await match(token, { cardNumber: card.number, nationalCode: me.nationalCode, birthDate })).toEqual({ matched: true });
  });

  test('card, national code and mobile number in Persian digits answer matched:true', async () => {
    const { token } = await signedIn(instance);
    const fa = (s: string) => inDigits(s, 0x06f0);
    expect(await match(token, { cardNumber: fa(card.number), nationalCode: fa(me.nationalCode), birthDate: fa(me.birthDate) })).toEqual({ matched: true });
    expect(await match(token, { nationalCode: fa(me.nationalCode), mobileNumber: fa(me.mobile) })).toEqual({ matched: true });
  });

  test.each([
    ['without IR', (iban: string) => iban.slice(2)],
    ['in lower case', (iban: string) => iban.toLowerCase()],
  ])('IBAN matching with the IBAN %s answers matched:true to a tenant reading inputs leniently', async (_form, write) => {
    const { token } = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    const iban = write(await ibanOf(token, card));
    expect(await match(token, { iban, nationalCode: me.nationalCode, birthDate: me.birthDate })).toEqual({ matched: true });
    expect(await match(token, { iban, name: fullName(me) })).toEqual({ matched: true });
  });

  test.each(services)('POST /v1/services/matching with a JSON body answers %s as GET does', async (service) => {
    const { token } = await signedIn(instance);
    const iban = await ibanOf(token, card);
    for (const [person, matched] of [[me, true], [strangerTo(card), false]] as const) {
      const fields = requests(card, iban, person)[service]!;
      expect(await match(token, fields, 'POST')).toEqual({ matched });
      expect(await match(token, fields, 'GET')).toEqual({ matched });
    }
  });
});

describe('name matching', () => {
  // Letter forms, ZWNJ and spacing are how a name is typed, not a different name.
  const arabic = (s: string) => s.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
  const withKaf = holders.find((c) => fullName(personOf(c.ownerNationalCode)).includes('ک')) ?? holders[0]!;
  const spellings: [string, (name: string) => string, boolean][] = [
    ['Arabic yeh and kaf', arabic, true],
    ['extra spaces around and between', (n) => `  ${n.replace(' ', '   ')} `, true],
    ['a ZWNJ between first and last name', (n) => n.replace(' ', '\u200c'), true],
    ['a ZWNJ next to the space', (n) => n.replace(' ', '\u200c '), true],
    ['the first name only', (n) => n.split(' ')[0]!, false],
    ['one letter more in the last name', (n) => `${n}ی`, false],
  ];

  test.each(spellings)('card, account and IBAN name matching with the holder name written with %s answers matched:%s', async (_how, write, matched) => {
    const { token } = await signedIn(instance);
    const name = write(fullName(personOf(withKaf.ownerNationalCode)));
    const iban = await ibanOf(token, withKaf);
    expect(await match(token, { cardNumber: withKaf.number, name })).toEqual({ matched });
    expect(await match(token, { bank: withKaf.bank, depositNumber: withKaf.depositNumber, name })).toEqual({ matched });
    expect(await match(token, { iban, name })).toEqual({ matched });
  });

  test('an unstored card matches the holder name its card inquiry gives, and not a fixture person', async () => {
    const { token } = await signedIn(instance);
    const number = withLuhnDigit('610433555511112'); // MELLAT issuer prefix
    expect(fx.cards.map((c) => c.number)).not.toContain(number);
    const inquiry = (await call(token, '/v1/cards', { number })) as { cardInfo: { bank: string; depositNumber: string; ownerName: string } };
    const toIban = (await call(token, '/v1/cards', { number, iban: 'true' })) as { ibanInfo: { iban: string } };
    const { bank, depositNumber, ownerName } = inquiry.cardInfo;
    for (const name of [ownerName, fullName(registered[0]!)]) {
      const matched = name === ownerName;
      expect(await match(token, { cardNumber: number, name })).toEqual({ matched });
      expect(await match(token, { bank, depositNumber, name })).toEqual({ matched });
      expect(await match(token, { iban: toIban.ibanInfo.iban, name })).toEqual({ matched });
    }
  });
});
