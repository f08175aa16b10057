// The hand-written special records of fixtures/world.json: read and validated once, so a
// bad file stops start-up with its path and the reason, never a request.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fixtureProblems } from './fixture-checks.js';
import { packagePath } from '../../package-root.js';
import {
  ibanOf,
  isValidCardNumber,
  isValidCorporationCode,
  isValidFida,
  isValidJalaliDate,
  isValidMobile,
  isValidNationalCode,
  isValidPostalCode,
} from './numbers.js';
import type { WorldRecords } from './records.js';
import { bankIds, cardStates, cardTypes, ibanStates, ibanStatuses, militaryStates } from './types.js';

const note = z.string().min(1);
const name = z.string().min(1);
const nationalCode = z.string().refine(isValidNationalCode, 'not a valid national code (10 digits, check digit)');
const mobile = z.string().refine(isValidMobile, 'not a valid mobile number (09xxxxxxxxx)');
const bank = z.enum(bankIds).refine((id) => id !== 'UNKNOWN', 'UNKNOWN is not a bank of the world');

const Person = z.strictObject({
  note,
  nationalCode,
  firstName: name,
  lastName: name,
  fatherName: name,
  birthDate: z.string().refine(isValidJalaliDate, 'not a Jalali yyyyMMdd date'),
  gender: z.enum(['MALE', 'FEMALE']),
  mobile,
  registry: z.enum(['FOUND', 'NOT_FOUND']).default('FOUND'),
  blackListed: z.boolean().default(false),
  sanaRegistered: z.boolean().default(true),
  military: z.enum(militaryStates),
});

const MobileLine = z.strictObject({ note, mobile, nationalCode, blackListed: z.boolean() });

const Deposit = z.strictObject({
  note,
  bank,
  number: z.string().min(1),
  /** Left out to take ibanOf(bank, number); given only for a deliberately invalid IBAN. */
  iban: z.string().optional(),
  status: z.enum(ibanStatuses).default('ACTIVE'),
  ibanState: z.enum(ibanStates).default('OK'),
  owners: z.array(nationalCode),
});

const Card = z.strictObject({
  note,
  number: z.string().refine(isValidCardNumber, 'not a valid card number (16 digits, Luhn check digit)'),
  bank,
  type: z.enum(cardTypes).default('DEBIT'),
  state: z.enum(cardStates).default('ACTIVE'),
  depositNumber: z.string().min(1),
  ownerNationalCode: nationalCode,
});

const PostalRecord = z.strictObject({
  note,
  code: z.string().refine(isValidPostalCode, 'not a valid postal code (10 digits, not starting with 0)'),
  state: z.enum(['FOUND', 'NOT_FOUND']),
  province: z.string(),
  district: z.string(),
  street: z.string(),
  no: z.string(),
  floor: z.string(),
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
});

const Document = z.strictObject({ type: name, code: name, issueDate: name, expirationDate: name });
const Foreigner = z.strictObject({
  note,
  fida: z.string().refine(isValidFida, 'not a valid FIDA (10 to 12 digits)'),
  blackListed: z.boolean(),
  info: z.strictObject({
    fida: z.string(),
    firstName: name,
    lastName: name,
    fatherName: name,
    birthDate: name,
    ancestorName: name,
    gender: z.enum(['MALE', 'FEMALE', 'UNKNOWN']),
    birthPlaceCountry: name,
    birthPlaceCity: name,
    nationality: name,
    identificationDocuments: z.array(Document),
  }),
});

const Corporation = z.strictObject({
  note,
  code: z.string().refine(isValidCorporationCode, 'not a valid guild code (10 digits)'),
  state: z.enum(['FOUND', 'NOT_FOUND']),
  info: z.record(z.string(), z.union([z.string(), z.number()])),
});

const FixturesFile = z.strictObject({
  persons: z.array(Person),
  mobiles: z.array(MobileLine),
  deposits: z.array(Deposit),
  cards: z.array(Card),
  postalCodes: z.array(PostalRecord),
  foreigners: z.array(Foreigner),
  corporations: z.array(Corporation),
});

type FixturesFile = z.infer<typeof FixturesFile>;

/** Extra records in the same shape, every section optional: a scenario's `fixtures`. */
export const FixturesPatch = FixturesFile.partial();
export type FixturesPatch = z.infer<typeof FixturesPatch>;
/** The parsed fixtures; every deposit has its IBAN filled in. */
export type Fixtures = Omit<FixturesFile, 'deposits'> & { deposits: (FixturesFile['deposits'][number] & { iban: string })[] };

/** Validates fixture JSON; throws an Error that starts with `source` and says what is wrong. */
export function parseFixtures(json: unknown, source: string): Fixtures {
  const parsed = FixturesFile.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${source}: ${issues.join('; ')}`);
  }
  const problems = fixtureProblems(parsed.data);
  if (problems.length > 0) throw new Error(`${source}: ${problems.slice(0, 5).join('; ')}`);
  const deposits = parsed.data.deposits.map((d) => ({ ...d, iban: d.iban ?? ibanOf(d.bank, d.number) }));
  return { ...parsed.data, deposits };
}

export const defaultFixturesPath = packagePath('fixtures', 'world.json');
const cache = new Map<string, Fixtures>();

/** The fixtures at `path` (fixtures/world.json by default), parsed once per path. */
export function loadFixtures(path = defaultFixturesPath): Fixtures {
  const cached = cache.get(path);
  if (cached) return cached;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const fixtures = parseFixtures(json, path);
  cache.set(path, fixtures);
  return fixtures;
}

/** The fixtures as records to store; a person's own mobile is a line they own unless listed otherwise. */
export function fixtureRecords(fx: Fixtures): WorldRecords {
  const strip = <T extends { note: string }>({ note: _, ...rest }: T) => rest;
  const listed = new Set(fx.mobiles.map((m) => m.mobile));
  const ownLines = fx.persons.filter((p) => !listed.has(p.mobile)).map((p) => ({ mobile: p.mobile, nationalCode: p.nationalCode, blackListed: false }));
  return {
    persons: fx.persons.map(strip),
    mobiles: [...ownLines, ...fx.mobiles.map(strip)],
    deposits: fx.deposits.map(strip),
    cards: fx.cards.map(strip),
    postalCodes: fx.postalCodes.map(strip),
    foreigners: fx.foreigners.map(strip),
    corporations: fx.corporations.map(strip),
  };
}

const sections = ['persons', 'mobiles', 'deposits', 'cards', 'postalCodes', 'foreigners', 'corporations'] as const;

/**
 * Extra records as world records to store, checked together with the base fixtures they may
 * refer to (a card of a fixture person, say). A record with the key of a base one replaces it.
 * Throws an Error that starts with `source` when a record breaks a rule.
 */
export function extraFixtureRecords(patch: FixturesPatch, source: string, base: Fixtures = loadFixtures()): WorldRecords {
  const key: { [K in (typeof sections)[number]]: (r: FixturesFile[K][number]) => string } = {
    persons: (r) => r.nationalCode,
    mobiles: (r) => r.mobile,
    deposits: (r) => `${r.bank}:${r.number}`,
    cards: (r) => r.number,
    postalCodes: (r) => r.code,
    foreigners: (r) => r.fida,
    corporations: (r) => r.code,
  };
  const extra = Object.fromEntries(sections.map((s) => [s, patch[s] ?? []])) as unknown as FixturesFile;
  const merged = Object.fromEntries(
    sections.map((s) => {
      const keyOf = key[s] as (r: unknown) => string;
      const replaced = new Set((extra[s] as unknown[]).map(keyOf));
      return [s, [...(base[s] as unknown[]).filter((r) => !replaced.has(keyOf(r))), ...(extra[s] as unknown[])]];
    }),
  ) as unknown as FixturesFile;
  const problems = fixtureProblems(merged);
  if (problems.length > 0) throw new Error(`${source}: ${problems.slice(0, 5).join('; ')}`);
  const deposits = extra.deposits.map((d) => ({ ...d, iban: d.iban ?? ibanOf(d.bank, d.number) }));
  return fixtureRecords({ ...extra, deposits });
}
