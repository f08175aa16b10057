// Jibit test values: for every endpoint a documented input that succeeds and one for each
// error the input decides, the way payment providers publish test card numbers. Served by
// GET /_sandbox/test-values and tabled in the README; the test suite runs every one.
//
// Requests to authenticated endpoints carry `Authorization: Bearer {{accessToken}}` unless
// `headers.Authorization` says otherwise (an empty value sends no header). Placeholders
// {{apiKey}}, {{secretKey}}, {{accessToken}} and {{refreshToken}} stand for the caller's
// tenant credentials and a freshly generated token pair. A query value given as a list is
// sent as a repeated parameter; a string body is sent as it is.
import { loadFixtures, type Fixtures } from '../../../core/world/fixtures.js';
import { cardStates } from '../../../core/world/types.js';
import { trackIdMaxLength } from '../pipeline.js';
import { keyMaxLength } from '../routes/token-generate.js';
import { cardStateCodes } from '../answers.js';
import { picks } from './picks.js';
import type { TestRequest, TestValue } from '../../../core/provider.js';

export type { TestRequest, TestValue };

const get = (path: string, query?: Record<string, string | string[]>): TestRequest => ({ method: 'GET', path, ...(query ? { query } : {}) });
const post = (path: string, body: unknown): TestRequest => ({ method: 'POST', path, body });
/** The same number with its check digit changed: well formed, never valid. */
const breakCheckDigit = (n: string) => n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10);
const failingCardStates = cardStates.filter((s) => cardStateCodes[s]);

export function jibitTestValues(fx: Fixtures = loadFixtures()): TestValue[] {
  const p = picks(fx);
  const out: TestValue[] = [];
  const add = (endpoint: string, outcome: string, request: TestRequest, note?: string) =>
    out.push({ provider: 'jibit', endpoint, outcome, request, ...(note ? { note } : {}) });

  const card = p.demoCard.number;
  const me = p.demoPerson;
  const badCard = breakCheckDigit(card);
  const badCode = breakCheckDigit(me.nationalCode);

  // Tokens
  const generate = (body: unknown, outcome: string, note?: string) => add('token-generate', outcome, post('/v1/tokens/generate', body), note);
  generate({ apiKey: '{{apiKey}}', secretKey: '{{secretKey}}' }, 'success');
  generate('{"apiKey": ', 'invalid.request_body', 'body is not JSON');
  generate({ secretKey: '{{secretKey}}' }, 'apiKey.is_required');
  generate({ apiKey: 'k'.repeat(keyMaxLength + 1), secretKey: '{{secretKey}}' }, 'apiKey.length_exceeded', `longer than ${keyMaxLength}`);
  generate({ apiKey: '{{apiKey}}', apiSecret: '{{secretKey}}' }, 'secretKey.is_required', 'the old apiSecret field name');
  generate({ apiKey: '{{apiKey}}', secretKey: 's'.repeat(keyMaxLength + 1) }, 'secretKey.length_exceeded', `longer than ${keyMaxLength}`);
  generate({ apiKey: '{{apiKey}}', secretKey: 'wrong-secret' }, 'invalid.credentials');
  const refresh = (body: unknown, outcome: string, note?: string) => add('token-refresh', outcome, post('/v1/tokens/refresh', body), note);
  refresh({ accessToken: '{{accessToken}}', refreshToken: '{{refreshToken}}' }, 'success');
  refresh({ refreshToken: '{{refreshToken}}' }, 'accessToken.is_required', 'refresh token alone: served only with inputs: lenient');
  refresh('[]', 'invalid.request_body', 'body is not a JSON object');
  refresh({ accessToken: '', refreshToken: '{{refreshToken}}' }, 'accessToken.is_required', 'accessToken sent empty');
  refresh({ accessToken: '{{accessToken}}' }, 'refreshToken.is_required');
  refresh({ accessToken: '{{accessToken}}', refreshToken: 'not-a-token' }, 'refreshToken.not_valid');
  refresh({ accessToken: '{{refreshToken}}', refreshToken: '{{refreshToken}}' }, 'invalid.tokens_pair', 'accessToken is not the access token of that pair');

  // Cards: inquiry, to deposit, to IBAN
  const modes = [
    ['card-inquiry', {}],
    ['card-to-deposit', { deposit: 'true' }],
    ['card-to-iban', { iban: 'true' }],
  ] as const;
  for (const [endpoint, flag] of modes) {
    const cards = (number: string | string[] | undefined, extra: Record<string, string> = {}) =>
      get('/v1/cards', { ...(number === undefined ? {} : { number }), ...flag, ...extra });
    add(endpoint, 'success', cards(card));
    add(endpoint, 'invalid.request_body', cards([card, card]), 'number sent twice');
    add(endpoint, 'card.is_required', cards(undefined));
    add(endpoint, 'card.not_valid', cards(badCard), 'wrong check digit');
    add(endpoint, 'parameters.not_acceptable', cards(card, { nationalCode: 'true' }), 'the undocumented nationalCode flag');
    for (const state of failingCardStates) add(endpoint, cardStateCodes[state]!, cards(p.cardIn(state).number));
  }
  add('card-inquiry', 'card.not_valid', get('/v1/cards', { number: '1234123412341234' }), "the document's example card number, a placeholder");
  const toIban = (number: string) => get('/v1/cards', { number, iban: 'true' });
  add('card-to-iban', 'card_type.not_supported', toIban(p.creditCard.number), `a ${p.creditCard.type} card`);
  add('card-to-iban', 'iban.not_found', toIban(p.cardWithIban('NOT_FOUND').number));
  add('card-to-iban', 'iban.not_valid', toIban(p.cardWithIban('NOT_VALID').number));
  add('card-to-iban', 'iban.owner_not_found', toIban(p.cardWithIban('OWNER_NOT_FOUND').number));
  add('card-to-iban', 'conversion.failed', toIban(p.cardWithIban('CONVERSION_FAILED').number));
  add('card-to-iban', 'providers.not_available', toIban(p.unavailableBankCard.number), 'its bank reports NOT_AVAILABLE');
  add('card-to-iban-availability', 'success', get('/v1/services/availability', { cardToIBAN: 'true' }));
  add('card-to-iban-availability', 'invalid.request_body', get('/v1/services/availability', { cardToIBAN: 'false' }));

  // IBANs and deposits
  const iban = p.demoDeposit.iban;
  add('iban-inquiry', 'success', get('/v1/ibans', { value: iban }));
  add('iban-inquiry', 'invalid.request_body', get('/v1/ibans', { value: [iban, iban] }), 'value sent twice');
  add('iban-inquiry', 'iban.is_required', get('/v1/ibans'));
  add('iban-inquiry', 'iban.not_valid', get('/v1/ibans', { value: 'IR1234567891012345678910' }), "the document's example IBAN, a placeholder");
  add('iban-inquiry', 'iban.not_valid', get('/v1/ibans', { value: iban.slice(2) }), 'without IR: served only with inputs: lenient');
  add('iban-inquiry', 'iban.not_found', get('/v1/ibans', { value: p.depositWithIban('NOT_FOUND').iban }));
  add('iban-inquiry', 'iban.owner_not_found', get('/v1/ibans', { value: p.depositWithIban('OWNER_NOT_FOUND').iban }));
  const deposits = (bank: string, number: string | undefined, ibanFlag = 'true') =>
    get('/v1/deposits', { bank, ...(number === undefined ? {} : { number }), iban: ibanFlag });
  const { bank, number: account } = p.demoDeposit;
  add('deposit-to-iban', 'success', deposits(bank, account));
  add('deposit-to-iban', 'invalid.request_body', deposits(bank, account, 'false'));
  add('deposit-to-iban', 'bank.not_valid', deposits(bank.toLowerCase(), account), 'bank identifier in lower case');
  add('deposit-to-iban', 'bank.not_valid', get('/v1/deposits', { bank: 'BANK', number: '123456789', iban: 'true' }), "the document's example, BANK a placeholder for a bank identifier");
  add('deposit-to-iban', 'deposit.is_required', deposits(bank, undefined));
  add('deposit-to-iban', 'deposit.not_valid', deposits(bank, '123'), `not in ${bank}'s account format`);
  add('deposit-to-iban', 'iban.not_found', deposits(p.depositWithIban('NOT_FOUND').bank, p.depositWithIban('NOT_FOUND').number));
  add('deposit-to-iban', 'iban.owner_not_found', deposits(p.depositWithIban('OWNER_NOT_FOUND').bank, p.depositWithIban('OWNER_NOT_FOUND').number));
  add('deposit-to-iban', 'iban.provided', deposits(bank, iban));
  add('deposit-to-iban', 'card_number.provided', deposits(bank, card));

  addMatching(add, p, { card, badCard, badCode });
  addOthers(add, p, { badCode });

  // Every authenticated endpoint refuses a token it did not issue.
  const successes = out.filter((v) => v.outcome === 'success' && !v.endpoint.startsWith('token-'));
  for (const endpoint of new Set(successes.map((v) => v.endpoint))) {
    const base = successes.find((v) => v.endpoint === endpoint)!;
    add(endpoint, 'forbidden', { ...base.request, headers: { Authorization: 'Bearer not-a-token-of-this-sandbox' } });
  }
  return out;
}

type Add = (endpoint: string, outcome: string, request: TestRequest, note?: string) => void;

function addMatching(add: Add, p: ReturnType<typeof picks>, v: { card: string; badCard: string; badCode: string }) {
  const match = (query: Record<string, string | string[]>) => get('/v1/services/matching', query);
  const me = p.demoPerson;
  const mine = { nationalCode: me.nationalCode, birthDate: me.birthDate };
  const dep = p.demoDeposit;
  const fullName = `${me.firstName} ${me.lastName}`;
  /** The service's own parameters, one of them sent twice: routed to it, then refused. */
  const twice = (query: Record<string, string>) => {
    const [first] = Object.keys(query);
    return match({ ...query, [first!]: [query[first!]!, query[first!]!] });
  };

  add('match-card-nationalcode', 'success', match({ cardNumber: v.card, ...mine }), 'matched: true');
  add('match-card-nationalcode', 'success', match({ cardNumber: v.card, nationalCode: p.otherPerson.nationalCode, birthDate: p.otherPerson.birthDate }), "matched: false (another person's code)");
  add('match-card-nationalcode', 'invalid.request_body', twice({ cardNumber: v.card, ...mine }), 'a parameter sent twice');
  add('match-card-nationalcode', 'card.not_valid', match({ cardNumber: v.badCard, ...mine }));
  for (const [state, code] of Object.entries(cardCodes)) add('match-card-nationalcode', code, match({ cardNumber: p.cardIn(state as never).number, ...mine }));
  add('match-card-nationalcode', 'identity_info.not_found', match({ cardNumber: v.card, nationalCode: p.unregistered.nationalCode, birthDate: p.unregistered.birthDate }), 'the registry has no such person');
  add('match-card-nationalcode', 'matching.unknown', match({ cardNumber: p.cardIn('MATCHING_UNKNOWN').number, ...mine }));
  add('match-card-nationalcode', 'handler.not_found', match({ cardNumber: v.card, nationalCode: me.nationalCode }), 'birthDate missing: no service takes this set');

  const depNc = (bank: string, depositNumber: string, extra: Record<string, string> = mine) => match({ bank, depositNumber, ...extra });
  const special = (state: 'NOT_FOUND' | 'NOT_VALID' | 'OWNER_NOT_FOUND') => p.depositWithIban(state);
  add('match-deposit-nationalcode', 'success', depNc(dep.bank, dep.number), 'matched: true');
  add('match-deposit-nationalcode', 'invalid.request_body', twice({ bank: dep.bank, depositNumber: dep.number, ...mine }), 'a parameter sent twice');
  add('match-deposit-nationalcode', 'bank.not_valid', depNc('NOT_A_BANK', dep.number));
  add('match-deposit-nationalcode', 'deposit.not_valid', depNc(dep.bank, '123'));
  add('match-deposit-nationalcode', 'card_number.provided', depNc(dep.bank, v.card));
  add('match-deposit-nationalcode', 'Iban.provided', depNc(dep.bank, dep.iban));
  add('match-deposit-nationalcode', 'Iban.not_found', depNc(special('NOT_FOUND').bank, special('NOT_FOUND').number));
  add('match-deposit-nationalcode', 'Iban.not_valid', depNc(special('NOT_VALID').bank, special('NOT_VALID').number));
  add('match-deposit-nationalcode', 'Iban.owner_not_found', depNc(special('OWNER_NOT_FOUND').bank, special('OWNER_NOT_FOUND').number));
  add('match-deposit-nationalcode', 'birthDate.not_valid', depNc(dep.bank, dep.number, { nationalCode: me.nationalCode, birthDate: '13601340' }));
  add('match-deposit-nationalcode', 'identity_info.not_found', depNc(dep.bank, dep.number, { nationalCode: me.nationalCode, birthDate: '13000101' }), 'wrong birth date for the code');
  add('match-deposit-nationalcode', 'nationalCode.not_valid', depNc(dep.bank, dep.number, { nationalCode: v.badCode, birthDate: me.birthDate }));
  add('match-deposit-nationalcode', 'handler.not_found', depNc(dep.bank, dep.number, { ...mine, mobileNumber: me.mobile }), 'an extra mobileNumber');

  add('match-iban-nationalcode', 'success', match({ iban: dep.iban, ...mine }), 'matched: true');
  add('match-iban-nationalcode', 'invalid.request_body', twice({ iban: dep.iban, ...mine }), 'a parameter sent twice');
  add('match-iban-nationalcode', 'iban.is_required', match({ iban: '', ...mine }), 'iban sent empty');
  add('match-iban-nationalcode', 'iban.not_valid', match({ iban: 'IR1234567891012345678910', ...mine }));
  add('match-iban-nationalcode', 'identity_info.not_found', match({ iban: dep.iban, nationalCode: p.unregistered.nationalCode, birthDate: p.unregistered.birthDate }));
  add('match-iban-nationalcode', 'handler.not_found', match({ iban: dep.iban, nationalCode: me.nationalCode }), 'birthDate missing');

  add('match-card-name', 'success', match({ cardNumber: v.card, name: fullName }), 'matched: true');
  add('match-card-name', 'invalid.request_body', twice({ cardNumber: v.card, name: fullName }), 'a parameter sent twice');
  add('match-card-name', 'card.not_valid', match({ cardNumber: v.badCard, name: fullName }));
  for (const [state, code] of Object.entries(cardCodes)) add('match-card-name', code, match({ cardNumber: p.cardIn(state as never).number, name: fullName }));
  add('match-card-name', 'handler.not_found', match({ cardNumber: v.card, name: fullName, mobileNumber: me.mobile }), 'an extra mobileNumber');

  add('match-deposit-name', 'success', match({ bank: dep.bank, depositNumber: dep.number, name: fullName }), 'matched: true');
  add('match-deposit-name', 'invalid.request_body', twice({ bank: dep.bank, depositNumber: dep.number, name: fullName }), 'a parameter sent twice');
  add('match-deposit-name', 'deposit.not_valid', match({ bank: dep.bank, depositNumber: '123', name: fullName }));
  add('match-deposit-name', 'handler.not_found', match({ bank: dep.bank, depositNumber: dep.number, name: fullName, mobileNumber: me.mobile }), 'an extra mobileNumber');

  add('match-iban-name', 'success', match({ iban: dep.iban, name: fullName }), 'matched: true');
  add('match-iban-name', 'invalid.request_body', twice({ iban: dep.iban, name: fullName }), 'a parameter sent twice');
  add('match-iban-name', 'iban.not_valid', match({ iban: 'IR1234567891012345678910', name: fullName }));
  add('match-iban-name', 'iban.not_found', match({ iban: special('NOT_FOUND').iban, name: fullName }));
  add('match-iban-name', 'iban.owner_not_found', match({ iban: special('OWNER_NOT_FOUND').iban, name: fullName }));
  add('match-iban-name', 'handler.not_found', match({ iban: dep.iban, name: fullName, mobileNumber: me.mobile }), 'an extra mobileNumber');

  add('match-nationalcode-mobile', 'success', match({ nationalCode: me.nationalCode, mobileNumber: me.mobile }), 'matched: true');
  add('match-nationalcode-mobile', 'success', match({ nationalCode: p.otherPerson.nationalCode, mobileNumber: me.mobile }), "matched: false (someone else's line)");
  add('match-nationalcode-mobile', 'invalid.request_body', twice({ nationalCode: me.nationalCode, mobileNumber: me.mobile }), 'a parameter sent twice');
  add('match-nationalcode-mobile', 'nationalCode.not_valid', match({ nationalCode: v.badCode, mobileNumber: me.mobile }));
  add('match-nationalcode-mobile', 'mobileNumber.not_valid', match({ nationalCode: me.nationalCode, mobileNumber: '0912345' }));
  add('match-nationalcode-mobile', 'handler.not_found', match({ nationalCode: me.nationalCode, mobileNumber: me.mobile, name: 'x' }), 'an extra name');
}

const cardCodes = Object.fromEntries(failingCardStates.map((s) => [s, cardStateCodes[s]!]));

function addOthers(add: Add, p: ReturnType<typeof picks>, v: { badCode: string }) {
  const me = p.demoPerson;
  for (const [endpoint, path] of [['postal-code-address', '/v1/services/postal'], ['postal-code-wgs', '/v1/services/postal/wgs']] as const) {
    add(endpoint, 'success', get(path, { code: p.postal.code }));
    add(endpoint, 'invalid.request_body', get(path, { code: [p.postal.code, p.postal.code] }), 'code sent twice');
    add(endpoint, 'postalCode.not_valid', get(path, { code: '0123456789' }), 'starts with 0');
    add(endpoint, 'postalCode.not_found', get(path, { code: p.unknownPostal.code }));
  }

  const similarity = (query: Record<string, string>) => get('/v1/services/identity/similarity', query);
  const names = { firstName: me.firstName, lastName: me.lastName, fullName: `${me.firstName} ${me.lastName}`, fatherName: me.fatherName };
  add('identity-similarity', 'success', similarity({ nationalCode: me.nationalCode, birthDate: me.birthDate, ...names }), 'all four at 100');
  add('identity-similarity', 'invalid.request_body', post('/v1/services/identity/similarity', '{"nationalCode": '), 'POST body is not JSON');
  add('identity-similarity', 'nationalCode.is_required', similarity({ birthDate: me.birthDate, ...names }));
  add('identity-similarity', 'nationalCode.not_valid', similarity({ nationalCode: v.badCode, birthDate: me.birthDate, ...names }));
  add('identity-similarity', 'birthDate.is_required', similarity({ nationalCode: me.nationalCode, ...names }));
  add('identity-similarity', 'birthDate.not_valid', similarity({ nationalCode: me.nationalCode, birthDate: '13601340', ...names }));
  const slashed = `${me.birthDate.slice(0, 4)}/${me.birthDate.slice(4, 6)}/${me.birthDate.slice(6)}`;
  add('identity-similarity', 'birthDate.not_valid', similarity({ nationalCode: me.nationalCode, birthDate: slashed, ...names }), 'yyyy/MM/dd: served only with inputs: lenient');
  add('identity-similarity', 'query_parameters.not_provided', similarity({ nationalCode: me.nationalCode, birthDate: me.birthDate }), 'no name to compare');
  add('identity-similarity', 'identity_info.not_found', similarity({ nationalCode: p.unregistered.nationalCode, birthDate: p.unregistered.birthDate, ...names }));

  const foreigners = (fida?: string | string[]) => get('/v1/services/foreigners/identity', fida === undefined ? {} : { fida });
  add('foreigner-identity', 'success', foreigners(p.foreigner.fida));
  add('foreigner-identity', 'invalid.request_body', foreigners([p.foreigner.fida, p.foreigner.fida]), 'fida sent twice');
  add('foreigner-identity', 'fida.is_required', foreigners());
  add('foreigner-identity', 'fida.not_valid', foreigners('12ab'));
  add('foreigner-identity', 'fida.black_listed', foreigners(p.blackListedForeigner.fida));

  const noToken = { Authorization: '' };
  const corp = (code?: string | string[]) => get('/v1/services/corporation/identity', code === undefined ? {} : { code });
  add('corporation-identity', 'success', corp(p.corporation.code), "a person's licence: no companyNationalCode, no expiry letter");
  add('corporation-identity', 'success', corp(p.legalCorporation.code), 'a legal entity\'s licence with an expiry letter: every documented field');
  add('corporation-identity', 'invalid.request_body', corp([p.corporation.code, p.corporation.code]), 'code sent twice');
  add('corporation-identity', 'token.is_required', { ...corp(p.corporation.code), headers: noToken }, 'no Authorization header');
  add('corporation-identity', 'corporation_code.is_required', corp());
  add('corporation-identity', 'corporation_code.not_valid', corp('12345'));
  add('corporation-identity', 'corporation_identity_info.not_found', corp(p.unknownCorporation.code));

  const msq = (nationalCode?: string | string[]) => get('/v1/services/social/msq', nationalCode === undefined ? {} : { nationalCode });
  add('military-service-status', 'success', msq(me.nationalCode), `qualified: ${['ABSENT', 'SERVING'].includes(me.military) ? 'false' : 'true'}`);
  add('military-service-status', 'success', msq(p.absentConscript.nationalCode), 'qualified: false (absent conscript)');
  add('military-service-status', 'invalid.request_body', msq([me.nationalCode, me.nationalCode]), 'nationalCode sent twice');
  add('military-service-status', 'token.is_required', { ...msq(me.nationalCode), headers: noToken }, 'no Authorization header');
  add('military-service-status', 'nationalCode.is_required', msq());
  add('military-service-status', 'nationalCode.not_valid', msq(v.badCode));

  const sana = (query: Record<string, string | string[]>) => get('/v1/services/social/sana', query);
  const mine = { nationalCode: me.nationalCode, mobileNumber: me.mobile };
  add('sana-status', 'success', sana(mine));
  add('sana-status', 'invalid.request_body', sana({ ...mine, mobileNumber: [me.mobile, me.mobile] }), 'mobileNumber sent twice');
  add('sana-status', 'token.is_required', { ...sana(mine), headers: noToken }, 'no Authorization header');
  add('sana-status', 'nationalCode.is_required', sana({ mobileNumber: me.mobile }));
  add('sana-status', 'nationalCode.not_valid', sana({ ...mine, nationalCode: v.badCode }));
  add('sana-status', 'nationalCode.black_listed', sana({ nationalCode: p.blackListedPerson.nationalCode, mobileNumber: p.blackListedPerson.mobile }));
  add('sana-status', 'mobileNumber.is_required', sana({ nationalCode: me.nationalCode }));
  add('sana-status', 'mobileNumber.not_valid', sana({ ...mine, mobileNumber: '0912345' }));
  add('sana-status', 'mobileNumber.not_valid', sana({ ...mine, mobileNumber: p.otherPerson.mobile }), "someone else's line: the service fails rather than answer matched: false");
  add('sana-status', 'mobile Number. black_listed', sana({ ...mine, mobileNumber: p.blackListedMobile.mobile }));

  add('balances', 'success', get('/v1/balances'));
  add('balances', 'invalid.request_body', { ...get('/v1/balances'), headers: { 'X-TRACK-ID': 't'.repeat(trackIdMaxLength + 1) } }, `X-TRACK-ID over ${trackIdMaxLength} characters`);
  add('daily-report', 'success', get('/v1/reports/daily', { yearMonthDay: '000708' }), 'the calls billed on 1400/07/08: set the tenant clock to that day and call first, or the list is empty');
  add('daily-report', 'invalid.request_body', get('/v1/reports/daily', { yearMonthDay: '13' }), 'not yyMMdd');
}
