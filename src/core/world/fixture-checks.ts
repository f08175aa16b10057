// Cross-record rules for fixtures/world.json: every card, account and licence must agree with
// the persons and accounts it names, as the generated world does.
import { bankOfCard, ibanOf, isValidDeposit, isValidIban } from './numbers.js';
import { depositKey } from './records.js';
import type { BankId, IbanState } from './types.js';

interface Shape {
  persons: { nationalCode: string; firstName: string; lastName: string; mobile: string }[];
  mobiles: { mobile: string; nationalCode: string }[];
  deposits: { bank: BankId; number: string; iban?: string | undefined; ibanState: IbanState; owners: string[] }[];
  cards: { number: string; bank: BankId; depositNumber: string; ownerNationalCode: string }[];
  postalCodes: { code: string }[];
  foreigners: { fida: string; info: { fida: string } }[];
  corporations: { code: string; state: string; info: Record<string, string | number> }[];
}

function duplicates(list: string[], what: string): string[] {
  const seen = new Set<string>();
  return list.filter((k) => (seen.has(k) ? true : (seen.add(k), false))).map((k) => `${what} ${k} appears twice`);
}

/** Each broken rule as one sentence; empty when the fixtures are consistent. */
export function fixtureProblems(fx: Shape): string[] {
  const persons = new Map(fx.persons.map((p) => [p.nationalCode, p]));
  const deposits = new Map(fx.deposits.map((d) => [depositKey(d.bank, d.number), d]));
  const problems = [
    ...duplicates(fx.persons.map((p) => p.nationalCode), 'person'),
    ...duplicates(fx.persons.map((p) => p.mobile), "person's mobile"),
    ...duplicates(fx.mobiles.map((m) => m.mobile), 'mobile line'),
    ...duplicates(fx.deposits.map((d) => depositKey(d.bank, d.number)), 'deposit'),
    ...duplicates(fx.cards.map((c) => c.number), 'card'),
    ...duplicates(fx.postalCodes.map((p) => p.code), 'postal code'),
    ...duplicates(fx.foreigners.map((f) => f.fida), 'FIDA'),
    ...duplicates(fx.corporations.map((c) => c.code), 'guild code'),
  ];
  const person = (nc: string, who: string) => (persons.has(nc) ? [] : [`${who}: ${nc} is not a fixture person`]);

  for (const m of fx.mobiles) problems.push(...person(m.nationalCode, `mobile ${m.mobile}`));
  for (const d of fx.deposits) {
    const who = `deposit ${d.bank} ${d.number}`;
    if (!isValidDeposit(d.bank, d.number)) problems.push(`${who}: not in the bank's account format`);
    d.owners.forEach((nc) => problems.push(...person(nc, who)));
    if ((d.ibanState === 'OWNER_NOT_FOUND') !== (d.owners.length === 0)) {
      problems.push(`${who}: owners must be empty exactly when ibanState is OWNER_NOT_FOUND`);
    }
    if (d.ibanState === 'NOT_VALID') {
      if (d.iban === undefined || isValidIban(d.iban)) problems.push(`${who}: ibanState NOT_VALID needs a deliberately invalid iban`);
    } else if (d.iban !== undefined && isValidDeposit(d.bank, d.number) && d.iban !== ibanOf(d.bank, d.number)) {
      problems.push(`${who}: iban must be left out (it is computed) unless ibanState is NOT_VALID`);
    }
  }
  for (const c of fx.cards) {
    const who = `card ${c.number}`;
    if (bankOfCard(c.number) !== c.bank) problems.push(`${who}: its prefix is not a ${c.bank} BIN`);
    problems.push(...person(c.ownerNationalCode, who));
    const deposit = deposits.get(depositKey(c.bank, c.depositNumber));
    if (!deposit) problems.push(`${who}: deposit ${c.bank} ${c.depositNumber} is not a fixture deposit`);
    else if (deposit.ibanState !== 'OWNER_NOT_FOUND' && !deposit.owners.includes(c.ownerNationalCode)) {
      problems.push(`${who}: its owner does not own deposit ${c.depositNumber}`);
    }
  }
  for (const f of fx.foreigners) if (f.info.fida !== f.fida) problems.push(`FIDA ${f.fida}: info.fida differs`);
  for (const c of fx.corporations) {
    if (c.state === 'NOT_FOUND') continue;
    const holder = persons.get(String(c.info.nationalCode));
    if (c.info.code !== c.code) problems.push(`guild ${c.code}: info.code differs`);
    if (!holder) problems.push(`guild ${c.code}: info.nationalCode is not a fixture person`);
    else if (holder.firstName !== c.info.firstName || holder.lastName !== c.info.lastName || holder.mobile !== c.info.mobile) {
      problems.push(`guild ${c.code}: holder name or mobile differs from person ${holder.nationalCode}`);
    }
  }
  return problems;
}
