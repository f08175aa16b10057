// The synthetic world: people, accounts, cards, addresses and businesses that the
// inquiry providers answer about. Generated deterministically from a seed, plus the
// hand-written records in fixtures/world.json.
import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const persons = sqliteTable('world_persons', {
  nationalCode: text('national_code').primaryKey(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  fatherName: text('father_name').notNull(),
  /** Jalali yyyyMMdd. */
  birthDate: text('birth_date').notNull(),
  gender: text('gender', { enum: ['MALE', 'FEMALE'] }).notNull(),
  mobile: text('mobile').notNull(),
  /** NOT_FOUND: a valid national code the civil registry has no record of. */
  registry: text('registry', { enum: ['FOUND', 'NOT_FOUND'] }).notNull(),
  blackListed: integer('black_listed', { mode: 'boolean' }).notNull(),
  sanaRegistered: integer('sana_registered', { mode: 'boolean' }).notNull(),
  military: text('military').notNull(),
});

export const mobiles = sqliteTable('world_mobiles', {
  mobile: text('mobile').primaryKey(),
  nationalCode: text('national_code').notNull(),
  blackListed: integer('black_listed', { mode: 'boolean' }).notNull(),
});

export const deposits = sqliteTable(
  'world_deposits',
  {
    bank: text('bank').notNull(),
    number: text('number').notNull(),
    iban: text('iban').notNull().unique(),
    status: text('status').notNull(),
    ibanState: text('iban_state').notNull(),
    /** JSON: national codes of the owners, first is the main owner. */
    owners: text('owners').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bank, t.number] })],
);

export const cards = sqliteTable('world_cards', {
  number: text('number').primaryKey(),
  bank: text('bank').notNull(),
  type: text('type').notNull(),
  state: text('state').notNull(),
  depositNumber: text('deposit_number').notNull(),
  ownerNationalCode: text('owner_national_code').notNull(),
});

export const postalCodes = sqliteTable('world_postal_codes', {
  code: text('code').primaryKey(),
  state: text('state', { enum: ['FOUND', 'NOT_FOUND'] }).notNull(),
  province: text('province').notNull(),
  district: text('district').notNull(),
  street: text('street').notNull(),
  no: text('no').notNull(),
  floor: text('floor').notNull(),
  address: text('address').notNull(),
  latitude: real('latitude').notNull(),
  longitude: real('longitude').notNull(),
});

export const foreigners = sqliteTable('world_foreigners', {
  fida: text('fida').primaryKey(),
  blackListed: integer('black_listed', { mode: 'boolean' }).notNull(),
  /** JSON: the ForeignerIdentityInfo object as served. */
  info: text('info').notNull(),
});

export const corporations = sqliteTable('world_corporations', {
  code: text('code').primaryKey(),
  state: text('state', { enum: ['FOUND', 'NOT_FOUND'] }).notNull(),
  /** JSON: the CorporationIdentityInfo object as served. */
  info: text('info').notNull(),
});
