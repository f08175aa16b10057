// The seven matching services behind /v1/services/matching (§2.9–§2.15): each reads its own
// parameter set and answers whether the pieces belong to the same person.
import { z } from '@hono/zod-openapi';
import type { BankId, World } from '../../../core/world/types.js';
import { convertibleDeposit, fullName, registeredPerson, usableCard, person } from '../answers.js';
import { checks } from '../checks.js';
import { jibitError } from '../errors.js';
import * as p from '../params.js';
import { asciiDigits } from '../validation.js';
import { sameName } from './names.js';

type Input = Record<string, string>;
interface MatchingService {
  schema: z.ZodObject;
  match(world: World, input: Input): boolean;
}

const clean = (v: string) => asciiDigits(v.trim());
const birth = (v: string) => checks.normalizeBirthDate(clean(v))!;

function depositOf(world: World, input: Input) {
  const bank = input.bank!.trim() as BankId;
  const number = clean(input.depositNumber!);
  if (!checks.deposit(bank, number)) throw jibitError('deposit.not_valid');
  return convertibleDeposit(world.deposit(bank, number));
}

const ibanDeposit = (world: World, iban: string) => convertibleDeposit(world.depositByIban(clean(iban)), ['CONVERSION_FAILED']);

function ownerName(world: World, nationalCode: string | undefined): string {
  const owner = nationalCode ? world.person(nationalCode) : undefined;
  return owner ? fullName(owner) : '';
}

export const matchingServices: Record<string, MatchingService> = {
  'match-card-nationalcode': {
    schema: z.object({ cardNumber: p.cardNumber, nationalCode: p.nationalCode, birthDate: p.birthDate }),
    match(world, input) {
      const card = usableCard(world, clean(input.cardNumber!));
      if (card.state === 'MATCHING_UNKNOWN') throw jibitError('matching.unknown');
      const nationalCode = clean(input.nationalCode!);
      registeredPerson(world, nationalCode, birth(input.birthDate!));
      return card.ownerNationalCode === nationalCode;
    },
  },
  'match-deposit-nationalcode': {
    schema: z.object({ bank: p.bank, depositNumber: p.depositNumber, nationalCode: p.nationalCode, birthDate: p.birthDate }),
    match(world, input) {
      const deposit = depositOf(world, input);
      const nationalCode = clean(input.nationalCode!);
      registeredPerson(world, nationalCode, birth(input.birthDate!));
      return deposit.owners.includes(nationalCode);
    },
  },
  'match-iban-nationalcode': {
    schema: z.object({ iban: p.iban, nationalCode: p.nationalCode, birthDate: p.birthDate }),
    match(world, input) {
      const deposit = ibanDeposit(world, input.iban!);
      const nationalCode = clean(input.nationalCode!);
      registeredPerson(world, nationalCode, birth(input.birthDate!));
      return deposit.owners.includes(nationalCode);
    },
  },
  'match-card-name': {
    schema: z.object({ cardNumber: p.cardNumber, name: p.name }),
    match(world, input) {
      const card = usableCard(world, clean(input.cardNumber!));
      return sameName(input.name!, ownerName(world, card.ownerNationalCode));
    },
  },
  'match-deposit-name': {
    schema: z.object({ bank: p.bank, depositNumber: p.depositNumber, name: p.name }),
    match(world, input) {
      const deposit = depositOf(world, input);
      return deposit.owners.some((nc) => sameName(input.name!, ownerName(world, nc)));
    },
  },
  'match-iban-name': {
    schema: z.object({ iban: p.iban, name: p.name }),
    match(world, input) {
      const deposit = ibanDeposit(world, input.iban!);
      return deposit.owners.some((nc) => sameName(input.name!, ownerName(world, nc)));
    },
  },
  'match-nationalcode-mobile': {
    schema: z.object({ nationalCode: p.nationalCode, mobileNumber: p.mobileNumber }),
    match(world, input) {
      const nationalCode = person(world, clean(input.nationalCode!)).nationalCode;
      return world.mobile(clean(input.mobileNumber!))?.nationalCode === nationalCode;
    },
  },
};
