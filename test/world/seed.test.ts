// seedWorld: deterministic, idempotent, the right sizes, and every stored record valid and
// consistent with the records it names.
import { describe, expect, test } from 'vitest';
import {
  bankOfCard,
  ibanOf,
  isValidCardNumber,
  isValidCorporationCode,
  isValidDeposit,
  isValidFida,
  isValidJalaliDate,
  isValidMobile,
  isValidNationalCode,
  isValidPostalCode,
  loadFixtures,
  seedWorld,
  worldSeedKey,
  type Corporation,
} from '../../src/core/world/index.js';
import { worldSize } from '../../src/core/world/generate.js';
import { dumpWorld, rows, seededWorld } from './helpers.js';

const fx = loadFixtures();

describe('seedWorld', () => {
  test('the same seed gives identical tables in two fresh databases', () => {
    expect(dumpWorld(seededWorld('alpha').db)).toEqual(dumpWorld(seededWorld('alpha').db));
  });

  test('a different seed gives a different world, with the same fixtures', () => {
    const a = dumpWorld(seededWorld('alpha').db);
    const b = dumpWorld(seededWorld('beta').db);
    expect(a.world_persons).not.toEqual(b.world_persons);
    expect(a.world_cards).not.toEqual(b.world_cards);
    const demo = (d: typeof a) => d.world_persons!.find((p) => (p as { national_code: string }).national_code === '0123456789');
    expect(demo(a)).toEqual(demo(b));
  });

  test('a second call with the same seed changes nothing; another seed replaces the world', () => {
    const { db } = seededWorld('alpha');
    const before = dumpWorld(db);
    seedWorld(db, 'alpha');
    expect(dumpWorld(db)).toEqual(before);
    expect(rows(db, `SELECT value FROM meta WHERE key = '${worldSeedKey}'`)).toEqual([{ value: 'alpha' }]);

    seedWorld(db, 'beta');
    expect(dumpWorld(db)).toEqual(dumpWorld(seededWorld('beta').db));
    expect(rows(db, `SELECT value FROM meta WHERE key = '${worldSeedKey}'`)).toEqual([{ value: 'beta' }]);
  });

  test('stores the generated sizes plus the fixtures', () => {
    const { db } = seededWorld();
    const count = (table: string) => rows<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
    expect(count('world_persons')).toBe(worldSize.persons + fx.persons.length);
    expect(count('world_postal_codes')).toBe(worldSize.postalCodes + fx.postalCodes.length);
    expect(count('world_foreigners')).toBe(worldSize.foreigners + fx.foreigners.length);
    expect(count('world_corporations')).toBe(worldSize.corporations + fx.corporations.length);
    expect(count('world_cards')).toBeGreaterThanOrEqual(worldSize.persons + fx.cards.length);
    expect(count('world_deposits')).toBeGreaterThanOrEqual(worldSize.persons + fx.deposits.length);
  });
});

describe('every stored record', () => {
  const { db, world } = seededWorld();
  const all = <T>(table: string) => rows<T>(db, `SELECT * FROM ${table}`);

  test('persons: valid national code, mobile and birth date; military fits the gender; the line is theirs', () => {
    for (const p of all<{ national_code: string; mobile: string; birth_date: string; gender: string; military: string }>('world_persons')) {
      expect(isValidNationalCode(p.national_code), p.national_code).toBe(true);
      expect(isValidMobile(p.mobile), p.mobile).toBe(true);
      expect(isValidJalaliDate(p.birth_date), p.birth_date).toBe(true);
      expect(p.military === 'NOT_APPLICABLE_FEMALE', p.national_code).toBe(p.gender === 'FEMALE');
      const line = world.mobile(p.mobile)!;
      if (!line.blackListed) expect(line.nationalCode).toBe(p.national_code);
    }
  });

  test('generated persons were born between 1330 and 1385', () => {
    const generated = all<{ national_code: string; birth_date: string }>('world_persons').filter(
      (p) => !fx.persons.some((f) => f.nationalCode === p.national_code),
    );
    for (const p of generated) expect(Number(p.birth_date.slice(0, 4))).toBeGreaterThanOrEqual(1330);
    for (const p of generated) expect(Number(p.birth_date.slice(0, 4))).toBeLessThanOrEqual(1385);
  });

  test('cards: valid number of their bank, on an account at that bank the owner holds', () => {
    for (const c of all<{ number: string; bank: string; deposit_number: string; owner_national_code: string }>('world_cards')) {
      expect(isValidCardNumber(c.number), c.number).toBe(true);
      expect(bankOfCard(c.number)).toBe(c.bank);
      const card = world.card(c.number)!;
      const deposit = world.deposit(card.bank, card.depositNumber)!;
      expect(deposit.stored).toBe(true);
      if (deposit.ibanState !== 'OWNER_NOT_FOUND') expect(deposit.owners).toContain(card.ownerNationalCode);
      expect(world.person(card.ownerNationalCode)!.stored).toBe(true);
    }
  });

  test('accounts: in the bank format, IBAN derived from the number (but NOT_VALID), owners stored', () => {
    for (const d of all<{ bank: string; number: string; iban: string; iban_state: string; owners: string }>('world_deposits')) {
      expect(isValidDeposit(d.bank, d.number), `${d.bank} ${d.number}`).toBe(true);
      if (d.iban_state !== 'NOT_VALID') expect(d.iban).toBe(ibanOf(d.bank as 'MELLI', d.number));
      if (d.iban_state !== 'NOT_VALID') expect(world.depositByIban(d.iban)!.number).toBe(d.number);
      for (const owner of JSON.parse(d.owners) as string[]) expect(world.person(owner)!.stored).toBe(true);
    }
  });

  test('postal codes are valid and found ones lie inside Iran', () => {
    for (const p of all<{ code: string; state: string; latitude: number; longitude: number }>('world_postal_codes')) {
      expect(isValidPostalCode(p.code), p.code).toBe(true);
      if (p.state === 'NOT_FOUND') continue;
      expect(p.latitude).toBeGreaterThan(25);
      expect(p.latitude).toBeLessThan(39.8);
      expect(p.longitude).toBeGreaterThan(44);
      expect(p.longitude).toBeLessThan(63.3);
    }
  });

  test('FIDA and guild codes are valid; a licence holder and address agree with the world', () => {
    for (const f of all<{ fida: string }>('world_foreigners')) expect(isValidFida(f.fida), f.fida).toBe(true);
    for (const row of all<{ code: string }>('world_corporations')) {
      expect(isValidCorporationCode(row.code), row.code).toBe(true);
      const { info, state } = world.corporation(row.code) as Corporation;
      if (state === 'NOT_FOUND') continue;
      const holder = world.person(String(info.nationalCode))!;
      expect([holder.stored, holder.firstName, holder.lastName]).toEqual([true, info.firstName, info.lastName]);
      expect(world.mobile(String(info.mobile))!.nationalCode).toBe(holder.nationalCode);
      expect(world.postal(String(info.postalCode))!.address).toBe(info.address);
    }
  });
});
