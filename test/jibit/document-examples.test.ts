// The document's own example requests use placeholders (a card number, an IBAN and a bank that
// are not valid): copied as they are, each is refused with the code the README's table names,
// and the valid equivalents the README gives beside them are served.
import { expect, test } from 'vitest';
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { jibit, json, sandbox, signedIn } from '../helpers.js';

const instance = sandbox();
const documented = (id: string, code: string) => ({ code, message: catalogEndpoints.find((e) => e.id === id)!.errors.find((e) => e.code === code)!.messageFa });
const person = { nationalCode: '0123456789', birthDate: '13600331' };

test.each([
  ['the card number of line 176', 'card-inquiry', '/v1/cards', { number: '1234123412341234' }, { number: '6037991234567893' }, 'card.not_valid'],
  ['the IBAN of line 229', 'iban-inquiry', '/v1/ibans', { value: 'IR1234567891012345678910' }, { value: 'IR120170000001234567890123' }, 'iban.not_valid'],
  ['bank=BANK of line 446', 'deposit-to-iban', '/v1/deposits', { bank: 'BANK', number: '123456789', iban: 'true' }, { bank: 'MELLI', number: '1234567890123', iban: 'true' }, 'bank.not_valid'],
  ['the spaced national code of account matching', 'match-deposit-nationalcode', '/v1/services/matching', { bank: 'MELLI', depositNumber: '1234567890123', ...person, nationalCode: '0123 456789' }, { bank: 'MELLI', depositNumber: '1234567890123', ...person }, 'nationalCode.not_valid'],
])('%s answers %s as the document writes it, and its README equivalent is served', async (_what, endpoint, path, placeholder, valid, code) => {
  const { token } = await signedIn(instance);
  const refused = await jibit(instance, path, { query: placeholder, token });
  expect({ status: refused.status, body: await json(refused) }).toEqual({ status: 400, body: documented(endpoint, code) });
  expect((await jibit(instance, path, { query: valid, token })).status).toBe(200);
});
