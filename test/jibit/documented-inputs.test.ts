// Inputs as the document writes them (inputs: "documented", the default): a birth date is
// yyyyMMdd (lines 529, 576, 618), an IBAN starts with IR in upper case, and a refresh sends both
// tokens (lines 148, 164). A tenant set to inputs: "lenient" also takes the forms some clients
// send. Matching and identity similarity answer POST with a JSON body under either setting.
import { describe, expect, test } from 'vitest';
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { loadFixtures } from '../../src/core/world/fixtures.js';
import { picks } from '../../src/providers/jibit/test-values/picks.js';
import { jibit, json, sandbox, signedIn, tokens } from '../helpers.js';

const instance = sandbox();
const p = picks(loadFixtures());
const me = p.demoPerson;
const dep = p.demoDeposit;
const fullName = `${me.firstName} ${me.lastName}`;
const slashed = `${me.birthDate.slice(0, 4)}/${me.birthDate.slice(4, 6)}/${me.birthDate.slice(6)}`;
const documented = (id: string, code: string) => ({ code, message: catalogEndpoints.find((e) => e.id === id)!.errors.find((e) => e.code === code)!.messageFa });
const similarity = { firstNameSimilarityPercentage: 100 };

type Method = 'GET' | 'POST';
async function call(token: string, method: Method, path: string, fields: Record<string, string>) {
  const res = await jibit(instance, path, method === 'GET' ? { query: fields, token } : { method, body: fields, token });
  return { status: res.status, body: await json(res) };
}

/** [what, endpoint, path, fields, the documented refusal, the lenient answer] */
const loose: [string, string, string, Record<string, string>, string, unknown][] = [
  ['a birth date as yyyy/MM/dd on card matching', 'match-card-nationalcode', '/v1/services/matching', { cardNumber: p.demoCard.number, nationalCode: me.nationalCode, birthDate: slashed }, 'identity_info.not_found', { matched: true }],
  ['a birth date as yyyy/MM/dd on account matching', 'match-deposit-nationalcode', '/v1/services/matching', { bank: dep.bank, depositNumber: dep.number, nationalCode: me.nationalCode, birthDate: slashed }, 'birthDate.not_valid', { matched: true }],
  ['a birth date as yyyy/MM/dd on IBAN matching', 'match-iban-nationalcode', '/v1/services/matching', { iban: dep.iban, nationalCode: me.nationalCode, birthDate: slashed }, 'identity_info.not_found', { matched: true }],
  ['a birth date as yyyy/MM/dd on similarity', 'identity-similarity', '/v1/services/identity/similarity', { nationalCode: me.nationalCode, birthDate: slashed, firstName: me.firstName }, 'birthDate.not_valid', similarity],
  ['a birth date as yyyy-MM-dd on similarity', 'identity-similarity', '/v1/services/identity/similarity', { nationalCode: me.nationalCode, birthDate: slashed.replaceAll('/', '-'), firstName: me.firstName }, 'birthDate.not_valid', 'refused'],
  ['an IBAN without IR on IBAN inquiry', 'iban-inquiry', '/v1/ibans', { value: dep.iban.slice(2) }, 'iban.not_valid', 'served'],
  ['an IBAN in lower case on IBAN inquiry', 'iban-inquiry', '/v1/ibans', { value: dep.iban.toLowerCase() }, 'iban.not_valid', 'served'],
  ['an IBAN without IR on IBAN matching', 'match-iban-nationalcode', '/v1/services/matching', { iban: dep.iban.slice(2), nationalCode: me.nationalCode, birthDate: me.birthDate }, 'iban.not_valid', { matched: true }],
  ['an IBAN in lower case on IBAN and name matching', 'match-iban-name', '/v1/services/matching', { iban: dep.iban.toLowerCase(), name: fullName }, 'iban.not_valid', { matched: true }],
];
const methodsOf = (path: string): Method[] => (path === '/v1/ibans' ? ['GET'] : ['GET', 'POST']);
const cases = loose.flatMap(([what, endpoint, path, fields, code, lenient]) => methodsOf(path).map((m) => [what, m, endpoint, path, fields, code, lenient] as const));

describe('inputs: documented (the default)', () => {
  test.each(cases)('%s (%s) answers the endpoint’s documented refusal', async (_what, method, endpoint, path, fields, code) => {
    const { token } = await signedIn(instance);
    const answer = await call(token, method, path, fields);
    expect(answer).toEqual({ status: code === 'identity_info.not_found' ? 404 : 400, body: documented(endpoint, code) });
  });

  test.each([
    ['card matching', { cardNumber: p.demoCard.number, nationalCode: me.nationalCode, birthDate: me.birthDate }, { matched: true }],
    ['identity similarity', { nationalCode: me.nationalCode, birthDate: me.birthDate, firstName: me.firstName }, similarity],
  ])('%s by GET and by POST with a JSON body answers the same', async (what, fields, expected) => {
    const { token } = await signedIn(instance);
    const path = what === 'card matching' ? '/v1/services/matching' : '/v1/services/identity/similarity';
    expect(await call(token, 'GET', path, fields)).toEqual({ status: 200, body: expected });
    expect(await call(token, 'POST', path, fields)).toEqual({ status: 200, body: expected });
  });

  test('POST /v1/tokens/refresh with refreshToken alone answers 400 accessToken.is_required', async () => {
    const session = await signedIn(instance);
    const res = await jibit(instance, '/v1/tokens/refresh', { method: 'POST', body: { refreshToken: session.refreshToken } });
    expect({ status: res.status, body: await json(res) }).toEqual({ status: 400, body: documented('token-refresh', 'accessToken.is_required') });
  });

  test('POST /v1/tokens/refresh with both tokens still answers a new pair', async () => {
    const session = await signedIn(instance);
    const res = await jibit(instance, '/v1/tokens/refresh', { method: 'POST', body: { accessToken: session.accessToken, refreshToken: session.refreshToken } });
    expect({ status: res.status, body: await json(res) }).toEqual({ status: 200, body: { accessToken: expect.stringMatching(/^ey/), refreshToken: expect.stringMatching(/^ey/) } });
  });
});

describe('inputs: lenient', () => {
  test.each(cases.filter((c) => c[6] !== 'refused'))('%s (%s) is served', async (_what, method, _endpoint, path, fields, _code, lenient) => {
    const { token } = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    const answer = await call(token, method, path, fields);
    expect(answer).toEqual({ status: 200, body: lenient === 'served' ? expect.objectContaining({ value: fields.value, ibanInfo: expect.objectContaining({ iban: dep.iban }) }) : lenient });
  });

  test('a birth date as yyyy-MM-dd is refused all the same: lenient is the forms clients send, not any form', async () => {
    const { token } = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    const fields = { nationalCode: me.nationalCode, birthDate: slashed.replaceAll('/', '-'), firstName: me.firstName };
    expect(await call(token, 'GET', '/v1/services/identity/similarity', fields)).toEqual({ status: 400, body: documented('identity-similarity', 'birthDate.not_valid') });
  });

  test('POST /v1/tokens/refresh with refreshToken alone answers a new pair', async () => {
    const session = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    const res = await jibit(instance, '/v1/tokens/refresh', { method: 'POST', body: { refreshToken: session.refreshToken } });
    expect({ status: res.status, body: await json(res) }).toEqual({ status: 200, body: { accessToken: expect.stringMatching(/^ey/), refreshToken: expect.stringMatching(/^ey/) } });
  });

  test('an empty accessToken is accessToken.is_required even then', async () => {
    const creds = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    const pair = await tokens(instance, creds);
    const res = await jibit(instance, '/v1/tokens/refresh', { method: 'POST', body: { accessToken: '', refreshToken: pair.refreshToken } });
    expect({ status: res.status, body: await json(res) }).toEqual({ status: 400, body: documented('token-refresh', 'accessToken.is_required') });
  });
});
