// fixtures/world.json: it loads, it holds every special case the providers need, a bad file
// fails naming itself and the reason, and docs/world.md lists every fixture number.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  cardStates,
  defaultFixturesPath,
  ibanStates,
  ibanStatuses,
  isValidIban,
  loadFixtures,
  militaryStates,
  parseFixtures,
} from '../../src/core/world/index.js';

const fx = loadFixtures();
const depositOf = (card: { bank: string; depositNumber: string }) =>
  fx.deposits.find((d) => d.bank === card.bank && d.number === card.depositNumber)!;

describe('fixtures/world.json holds', () => {
  test('the demo person with a DEBIT card and an account at MELLI', () => {
    const demo = fx.persons.find((p) => p.nationalCode === '0123456789')!;
    expect(demo).toMatchObject({ birthDate: '13600331', mobile: '09123456789', registry: 'FOUND' });
    const card = fx.cards.find((c) => c.ownerNationalCode === demo.nationalCode)!;
    expect(card).toMatchObject({ bank: 'MELLI', type: 'DEBIT', state: 'ACTIVE' });
    expect(depositOf(card)).toMatchObject({ bank: 'MELLI', status: 'ACTIVE', ibanState: 'OK', owners: ['0123456789'] });
  });

  test.each(cardStates.filter((s) => s !== 'ACTIVE'))('a card in state %s', (state) => {
    expect(fx.cards.filter((c) => c.state === state)).toHaveLength(1);
  });

  test('an ACTIVE CREDIT card', () => {
    expect(fx.cards.some((c) => c.type === 'CREDIT' && c.state === 'ACTIVE')).toBe(true);
  });

  test.each(ibanStates.filter((s) => s !== 'OK'))('a card whose account has ibanState %s', (ibanState) => {
    const card = fx.cards.find((c) => depositOf(c).ibanState === ibanState && c.state === 'ACTIVE')!;
    const deposit = depositOf(card);
    if (ibanState === 'NOT_VALID') expect(isValidIban(deposit.iban)).toBe(false);
    if (ibanState === 'OWNER_NOT_FOUND') expect(deposit.owners).toEqual([]);
  });

  test.each(ibanStatuses)('an account with status %s behind an ACTIVE card', (status) => {
    expect(fx.cards.some((c) => c.state === 'ACTIVE' && depositOf(c).status === status)).toBe(true);
  });

  test('a card at KHAVARMIANEH and a joint account', () => {
    expect(fx.cards.some((c) => c.bank === 'KHAVARMIANEH')).toBe(true);
    expect(fx.deposits.some((d) => d.owners.length === 2)).toBe(true);
  });

  test.each(militaryStates)('a person with military state %s', (military) => {
    expect(fx.persons.some((p) => p.military === military)).toBe(true);
  });

  test('persons: female, NOT_FOUND in the registry, black-listed; a black-listed mobile line', () => {
    expect(fx.persons.some((p) => p.gender === 'FEMALE')).toBe(true);
    expect(fx.persons.some((p) => p.registry === 'NOT_FOUND')).toBe(true);
    expect(fx.persons.some((p) => p.blackListed)).toBe(true);
    expect(fx.mobiles.some((m) => m.blackListed)).toBe(true);
  });

  test('postal codes, FIDA and guild codes, found and not', () => {
    expect(fx.postalCodes.map((p) => [p.code, p.state])).toEqual([['1234567890', 'FOUND'], ['1111111111', 'NOT_FOUND']]);
    expect(fx.foreigners.map((f) => [f.fida, f.blackListed])).toEqual([['0123456789', false], ['1111111111', true]]);
    expect(fx.corporations.map((c) => [c.code, c.state])).toEqual([['0123456789', 'FOUND'], ['0987654321', 'FOUND'], ['1111111111', 'NOT_FOUND']]);
  });
});

type Json = Record<string, Record<string, unknown>[]>;

const breakages: [string, (j: Json) => void, RegExp][] = [
  ['a card with a wrong check digit', (j) => (j.cards![0]!.number = '6037991234567890'), /cards\.0\.number: not a valid card number/],
  ['a card prefix of another bank', (j) => (j.cards![0]!.bank = 'MELLAT'), /card 6037991234567893: its prefix is not a MELLAT BIN/],
  ['a card owner who does not own the account', (j) => (j.cards![0]!.ownerNationalCode = '0010000011'), /does not own deposit/],
  ['an unknown field', (j) => (j.persons![0]!.nickname = 'x'), /persons\.0/],
  ['a NOT_VALID account with a valid IBAN', (j) => (j.deposits!.find((d) => d.ibanState === 'NOT_VALID')!.iban = 'IR340120000000001000000032'), /needs a deliberately invalid iban/],
  ['a duplicated person', (j) => j.persons!.push({ ...j.persons![1]!, mobile: '09129999999' }), /person 0010000011 appears twice/],
  ['an account number out of the bank format', (j) => (j.deposits![0]!.number = '12345'), /not in the bank's account format/],
];

describe('a bad fixtures file fails with its name and the reason', () => {
  test.each(breakages)('%s', (_, change, reason) => {
    const json = JSON.parse(readFileSync(defaultFixturesPath, 'utf8')) as Json;
    change(json);
    expect(() => parseFixtures(json, 'fixtures/bad.json')).toThrow(/^fixtures\/bad\.json: /);
    expect(() => parseFixtures(json, 'fixtures/bad.json')).toThrow(reason);
  });

  test('a file that is not JSON, or missing, is named in the error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mahak-world-'));
    const file = join(dir, 'world.json');
    writeFileSync(file, '{ not json');
    expect(() => loadFixtures(file)).toThrow(file);
    expect(() => loadFixtures(join(dir, 'missing.json'))).toThrow(join(dir, 'missing.json'));
  });
});

test('docs/world.md lists every fixture number', () => {
  const doc = readFileSync(resolve(defaultFixturesPath, '../../docs/world.md'), 'utf8');
  const numbers = [
    ...fx.persons.flatMap((p) => [p.nationalCode, p.mobile]),
    ...fx.mobiles.map((m) => m.mobile),
    ...fx.deposits.flatMap((d) => [d.number, d.iban]),
    ...fx.cards.map((c) => c.number),
    ...fx.postalCodes.map((p) => p.code),
    ...fx.foreigners.map((f) => f.fida),
    ...fx.corporations.map((c) => c.code),
  ];
  expect(numbers.filter((n) => !doc.includes(n))).toEqual([]);
});
