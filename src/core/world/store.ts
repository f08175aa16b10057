// The stored world: writing generated and fixture records into the world tables, and
// reading them back through statements prepared once (lookups sit on the request path).
import type Database from 'better-sqlite3';
import type { WorldRecords } from './records.js';
import type { Card, Corporation, Deposit, Foreigner, MobileLine, Person, PostalRecord, World } from './types.js';

export const worldTableNames = [
  'world_persons', 'world_mobiles', 'world_deposits', 'world_cards', 'world_postal_codes', 'world_foreigners', 'world_corporations',
];

// Plain prepared statements rather than drizzle's insert builder: building SQL for ~1,700
// rows took ~120 ms, these take a few.
const inserts = {
  persons: `INSERT INTO world_persons (national_code, first_name, last_name, father_name, birth_date, gender, mobile,
    registry, black_listed, sana_registered, military) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  mobiles: 'INSERT INTO world_mobiles (mobile, national_code, black_listed) VALUES (?, ?, ?)',
  deposits: 'INSERT INTO world_deposits (bank, number, iban, status, iban_state, owners) VALUES (?, ?, ?, ?, ?, ?)',
  cards: `INSERT INTO world_cards (number, bank, type, state, deposit_number, owner_national_code) VALUES (?, ?, ?, ?, ?, ?)`,
  postalCodes: `INSERT INTO world_postal_codes (code, state, province, district, street, no, floor, address, latitude, longitude)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  foreigners: 'INSERT INTO world_foreigners (fida, black_listed, info) VALUES (?, ?, ?)',
  corporations: 'INSERT INTO world_corporations (code, state, info) VALUES (?, ?, ?)',
};

const flag = (b: boolean) => (b ? 1 : 0);

/**
 * Inserts the records; keys must not be taken already (generation steers clear of fixtures),
 * unless `replace` is set, as for a scenario's extra records.
 */
export function insertRecords(client: Database.Database, r: WorldRecords, replace = false): void {
  const run = (sql: string, rows: unknown[][]) => {
    const statement = client.prepare(replace ? sql.replace(/^INSERT/, 'INSERT OR REPLACE') : sql);
    for (const row of rows) statement.run(row);
  };
  run(inserts.persons, r.persons.map((p) => [
    p.nationalCode, p.firstName, p.lastName, p.fatherName, p.birthDate, p.gender, p.mobile,
    p.registry, flag(p.blackListed), flag(p.sanaRegistered), p.military,
  ]));
  run(inserts.mobiles, r.mobiles.map((m) => [m.mobile, m.nationalCode, flag(m.blackListed)]));
  run(inserts.deposits, r.deposits.map((d) => [d.bank, d.number, d.iban, d.status, d.ibanState, JSON.stringify(d.owners)]));
  run(inserts.cards, r.cards.map((c) => [c.number, c.bank, c.type, c.state, c.depositNumber, c.ownerNationalCode]));
  run(inserts.postalCodes, r.postalCodes.map((p) => [
    p.code, p.state, p.province, p.district, p.street, p.no, p.floor, p.address, p.latitude, p.longitude,
  ]));
  run(inserts.foreigners, r.foreigners.map((f) => [f.fida, flag(f.blackListed), JSON.stringify(f.info)]));
  run(inserts.corporations, r.corporations.map((c) => [c.code, c.state, JSON.stringify(c.info)]));
}

/** The same lookups as the World, answering only from the stored records. */
export type StoredWorld = Omit<World, 'cardToIbanAvailability'>;

type Flags<T, K extends keyof T> = Omit<T, K | 'stored'> & { [P in K]: number };
type DepositRow = Omit<Deposit, 'owners' | 'stored'> & { owners: string };
type JsonRow<T> = Omit<T, 'info' | 'blackListed'> & { info: string; blackListed?: number };

const depositColumns = 'bank, number, iban, status, iban_state AS ibanState, owners FROM world_deposits';

export function storedWorld(client: Database.Database): StoredWorld {
  const q = {
    card: client.prepare<[string], Omit<Card, 'stored'>>(
      'SELECT number, bank, type, state, deposit_number AS depositNumber, owner_national_code AS ownerNationalCode FROM world_cards WHERE number = ?',
    ),
    deposit: client.prepare<[string, string], DepositRow>(`SELECT ${depositColumns} WHERE bank = ? AND number = ?`),
    depositByIban: client.prepare<[string], DepositRow>(`SELECT ${depositColumns} WHERE iban = ?`),
    person: client.prepare<[string], Flags<Person, 'blackListed' | 'sanaRegistered'>>(
      `SELECT national_code AS nationalCode, first_name AS firstName, last_name AS lastName, father_name AS fatherName,
       birth_date AS birthDate, gender, mobile, registry, black_listed AS blackListed, sana_registered AS sanaRegistered,
       military FROM world_persons WHERE national_code = ?`,
    ),
    mobile: client.prepare<[string], Flags<MobileLine, 'blackListed'>>(
      'SELECT mobile, national_code AS nationalCode, black_listed AS blackListed FROM world_mobiles WHERE mobile = ?',
    ),
    postal: client.prepare<[string], PostalRecord>(
      'SELECT code, state, province, district, street, no, floor, address, latitude, longitude FROM world_postal_codes WHERE code = ?',
    ),
    foreigner: client.prepare<[string], JsonRow<Foreigner>>('SELECT fida, black_listed AS blackListed, info FROM world_foreigners WHERE fida = ?'),
    corporation: client.prepare<[string], JsonRow<Corporation>>('SELECT code, state, info FROM world_corporations WHERE code = ?'),
  };
  const toDeposit = (row: DepositRow | undefined): Deposit | undefined =>
    row && { ...row, owners: JSON.parse(row.owners) as string[], stored: true };
  return {
    card: (number) => {
      const row = q.card.get(number);
      return row && { ...row, stored: true };
    },
    deposit: (bank, number) => toDeposit(q.deposit.get(bank, number)),
    depositByIban: (iban) => toDeposit(q.depositByIban.get(iban)),
    person: (nationalCode) => {
      const row = q.person.get(nationalCode);
      return row && { ...row, blackListed: row.blackListed === 1, sanaRegistered: row.sanaRegistered === 1, stored: true };
    },
    mobile: (mobile) => {
      const row = q.mobile.get(mobile);
      return row && { ...row, blackListed: row.blackListed === 1 };
    },
    postal: (code) => q.postal.get(code),
    foreigner: (fida) => {
      const row = q.foreigner.get(fida);
      return row && { fida: row.fida, blackListed: row.blackListed === 1, info: JSON.parse(row.info) as Foreigner['info'] };
    },
    corporation: (code) => {
      const row = q.corporation.get(code);
      return row && { code: row.code, state: row.state, info: JSON.parse(row.info) as Corporation['info'] };
    },
  };
}
