// Success answers of the identity services: postal address and coordinates, civil-registry
// similarity, foreign nationals, guild licences, military service and Sana, whole bodies from
// fixtures/world.json (spec/jibit.md §2.16–§2.22).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { jibit, json, sandbox, signedIn } from '../../helpers.js';

interface Person {
  nationalCode: string; firstName: string; lastName: string; fatherName: string; birthDate: string; gender: string;
  mobile: string; military: string; registry?: string; blackListed?: boolean; sanaRegistered?: boolean;
}
interface Postal { code: string; state: string; province: string; district: string; street: string; no: string; floor: string; address: string; latitude: number; longitude: number }
const fx = JSON.parse(readFileSync(new URL('../../../fixtures/world.json', import.meta.url), 'utf8')) as {
  persons: Person[];
  mobiles: { mobile: string; blackListed: boolean }[];
  postalCodes: Postal[];
  foreigners: { fida: string; blackListed: boolean; info: Record<string, unknown> }[];
  corporations: { code: string; state: string; info: Record<string, string | number> }[];
};
const registered = fx.persons.filter((p) => (p.registry ?? 'FOUND') === 'FOUND');
const demo = registered[0]!;
const fa = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const arabicIndic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

const instance = sandbox();

/** GET sends the fields as a query string, POST as a JSON body; `tenant` is the caller's tenant settings. */
async function get<T = unknown>(path: string, fields: Record<string, string | boolean>, method: 'GET' | 'POST' = 'GET', tenant: Record<string, unknown> = {}): Promise<T> {
  const { token } = await signedIn(instance, tenant);
  const trackId = randomUUID();
  const headers = { 'X-TRACK-ID': trackId };
  const query = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  const res = await jibit(instance, path, method === 'GET' ? { query, token, headers } : { method, body: fields, token, headers });
  const body = await json(res);
  expect(res.status, `${method} ${path} ${JSON.stringify(fields)} → ${JSON.stringify(body)}`).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-track-id')).toBe(trackId);
  return body as T;
}

describe('postal code', () => {
  const found = fx.postalCodes.filter((p) => p.state === 'FOUND');
  const address = (p: Postal, code = p.code) => ({
    code,
    addressInfo: { postalCode: p.code, address: p.address, Province: p.province, district: p.district, street: p.street, no: p.no, floor: p.floor },
  });

  test.each(found.map((p) => [p.code, p]))('GET /v1/services/postal?code=%s answers the address with Province as printed', async (code, p) => {
    expect(await get('/v1/services/postal', { code })).toEqual(address(p));
  });

  test.each(found.map((p) => [p.code, p]))('GET /v1/services/postal/wgs?code=%s answers its coordinates', async (code, p) => {
    expect(await get('/v1/services/postal/wgs', { code })).toEqual({ code, wgsInfo: { postalCode: code, latitude: p.latitude, longitude: p.longitude } });
  });

  test('a postal code in Persian digits answers the same, echoed in ASCII', async () => {
    expect(await get('/v1/services/postal', { code: fa(found[0]!.code) })).toEqual(address(found[0]!));
  });

  test('an unstored postal code answers one stable address, inside Iran, that both services agree on', async () => {
    const code = '1357924680';
    expect(fx.postalCodes.map((p) => p.code)).not.toContain(code);
    type AddressAnswer = { addressInfo: Record<string, string> };
    const first = await get<AddressAnswer>('/v1/services/postal', { code });
    const text = expect.stringMatching(/\S/);
    expect(first).toEqual({ code, addressInfo: { postalCode: code, address: text, Province: text, district: text, street: text, no: text, floor: text } });
    const { address: full, Province, district, street } = first.addressInfo;
    for (const part of [Province, district, street]) expect(full).toContain(part);
    expect(await get('/v1/services/postal', { code })).toEqual(first);
    const wgs = await get<{ wgsInfo: { latitude: number; longitude: number } }>('/v1/services/postal/wgs', { code });
    expect(wgs).toEqual({ code, wgsInfo: { postalCode: code, latitude: expect.any(Number), longitude: expect.any(Number) } });
    expect(wgs.wgsInfo.latitude).toBeGreaterThan(25);
    expect(wgs.wgsInfo.latitude).toBeLessThan(40);
    expect(wgs.wgsInfo.longitude).toBeGreaterThan(44);
    expect(wgs.wgsInfo.longitude).toBeLessThan(64);
  });
});

describe('identity similarity', () => {
  const path = '/v1/services/identity/similarity';
  const base = { nationalCode: demo.nationalCode, birthDate: demo.birthDate };
  const allNames = { firstName: demo.firstName, lastName: demo.lastName, fullName: `${demo.firstName} ${demo.lastName}`, fatherName: demo.fatherName };
  /** The four percentages; a name not compared (null here) is left out of the answer. */
  const percentages = (first: unknown, last: unknown, full: unknown, father: unknown) =>
    Object.fromEntries(
      Object.entries({
        firstNameSimilarityPercentage: first,
        lastNameSimilarityPercentage: last,
        fullNameSimilarityPercentage: full,
        fatherNameSimilarityPercentage: father,
      }).filter(([, v]) => v !== null),
    );
  const slashed = `${demo.birthDate.slice(0, 4)}/${demo.birthDate.slice(4, 6)}/${demo.birthDate.slice(6)}`;

  test('the registry names answer 100 for each of the four', async () => {
    expect(await get(path, { ...base, ...allNames })).toEqual(percentages(100, 100, 100, 100));
  });

  // Lines 933–936 type the four as integers: a name not sent has no percentage, so its field is
  // left out rather than answered null or given a made-up number.
  test('names not sent, or sent empty, are left out of the answer', async () => {
    expect(await get(path, { ...base, lastName: demo.lastName, firstName: '' })).toEqual({ lastNameSimilarityPercentage: 100 });
  });

  test('a near miss answers a whole percentage below 100 and above 0', async () => {
    const body = await get<Record<string, number>>(path, { ...base, lastName: `${demo.lastName}ی` });
    expect(body).toEqual(percentages(null, expect.any(Number), null, null));
    expect(Number.isInteger(body.lastNameSimilarityPercentage)).toBe(true);
    expect(body.lastNameSimilarityPercentage).toBeGreaterThan(0);
    expect(body.lastNameSimilarityPercentage).toBeLessThan(100);
  });

  test('Arabic yeh and kaf, ZWNJ and extra spaces are not differences', async () => {
    const arabic = (s: string) => s.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    const names = { firstName: ` ${arabic(demo.firstName)} `, lastName: arabic(demo.lastName), fullName: `${demo.firstName}\u200c  ${demo.lastName}`, fatherName: arabic(demo.fatherName) };
    expect(await get(path, { ...base, ...names })).toEqual(percentages(100, 100, 100, 100));
  });

  test.each([
    ['birth date as yyyy/MM/dd', { birthDate: slashed }],
    ['national code and birth date in Persian digits', { nationalCode: fa(demo.nationalCode), birthDate: fa(demo.birthDate) }],
    ['national code and birth date in Arabic-Indic digits', { nationalCode: arabicIndic(demo.nationalCode), birthDate: arabicIndic(slashed) }],
    ['checkAliveness=true', { checkAliveness: 'true' }],
  ])('GET and POST with the %s answer a tenant reading inputs leniently as the plain GET does', async (_form, changes) => {
    const names = { firstName: demo.firstName, fullName: `${demo.lastName} ${demo.firstName}` };
    const plain = await get<Record<string, number>>(path, { ...base, ...names });
    expect(plain).toEqual(percentages(100, null, expect.any(Number), null));
    expect(plain.fullNameSimilarityPercentage).toBeLessThan(100);
    const lenient = { jibit: { inputs: 'lenient' } };
    expect(await get(path, { ...base, ...names, ...changes }, 'GET', lenient)).toEqual(plain);
    expect(await get(path, { ...base, ...names, ...changes }, 'POST', lenient)).toEqual(plain);
  });

  test('POST with checkAliveness as a JSON boolean answers as GET does', async () => {
    const names = { firstName: demo.firstName, lastName: `${demo.lastName}ی` };
    const plain = await get(path, { ...base, ...names, checkAliveness: 'true' });
    expect(plain).toEqual(percentages(100, expect.any(Number), null, null));
    expect(await get(path, { ...base, ...names, checkAliveness: true }, 'POST')).toEqual(plain);
  });
});

describe('foreign nationals and guild licences', () => {
  const foreigners = fx.foreigners.filter((f) => !f.blackListed);
  test.each(foreigners.map((f) => [f.fida, f]))('GET /v1/services/foreigners/identity?fida=%s answers the fixture record', async (fida, f) => {
    expect(await get('/v1/services/foreigners/identity', { fida })).toEqual({ fida, foreignerIdentityInfo: f.info });
    expect(await get('/v1/services/foreigners/identity', { fida: fa(fida) })).toEqual({ fida, foreignerIdentityInfo: f.info });
  });

  const guilds = fx.corporations.filter((c) => c.state === 'FOUND');
  test.each(guilds.map((c) => [c.code, c]))('GET /v1/services/corporation/identity?code=%s answers the fixture licence', async (code, c) => {
    expect(await get('/v1/services/corporation/identity', { code })).toEqual({ code, corporationIdentityInfo: c.info });
  });

  // The holder and the shop address are the world's own person and postal code.
  test.each([
    ['the fixture guild', guilds[0]!.code],
    ['an unstored guild code', '2468013579'],
  ])('%s names a holder and an address the other services confirm', async (_which, code) => {
    type Info = Record<string, string>;
    const { corporationIdentityInfo: info } = await get<{ corporationIdentityInfo: Info }>('/v1/services/corporation/identity', { code });
    expect(await get(`/v1/services/corporation/identity`, { code })).toEqual({ code, corporationIdentityInfo: info });
    const postal = await get<{ addressInfo: Info }>('/v1/services/postal', { code: info.postalCode! });
    expect(postal.addressInfo.address).toBe(info.address);
    expect(await get('/v1/services/matching', { nationalCode: info.nationalCode!, mobileNumber: info.mobile! })).toEqual({ matched: true });
    const names = { firstName: info.firstName!, lastName: info.lastName!, fatherName: info.fatherName! };
    // The guild answer writes the birth date yyyy/MM/dd, as the document's example does; similarity takes yyyyMMdd.
    const birthDate = info.birthDate!.replaceAll('/', '');
    expect(await get('/v1/services/identity/similarity', { nationalCode: info.nationalCode!, birthDate, ...names })).toEqual({
      firstNameSimilarityPercentage: 100,
      lastNameSimilarityPercentage: 100,
      fatherNameSimilarityPercentage: 100,
    });
  });
});

describe('military service', () => {
  // qualified: women, exemptions and end of service are cleared; an absent conscript is not (§2.21).
  const expected: Record<string, { qualified: boolean; description: string }> = {
    NOT_APPLICABLE_FEMALE: { qualified: true, description: 'بانوان مشمول قانون خدمت وظیفه عمومی نیستند' },
    EXEMPT: { qualified: true, description: 'دارای کارت معافیت دائم' },
    END_OF_SERVICE: { qualified: true, description: 'دارای کارت پایان خدمت' },
    STUDENT_DEFERRAL: { qualified: true, description: 'دارای معافیت تحصیلی' },
    NOT_YET_DUE: { qualified: true, description: 'هنوز به سن مشمولیت نرسیده است' },
    SERVING: { qualified: false, description: 'در حال انجام خدمت وظیفه' },
    ABSENT: { qualified: false, description: 'مشمول غایب' },
  };
  const answer = (nationalCode: string, military: string) => ({
    nationalCode,
    militaryServiceQualificationInfo: { nationalCode, ...expected[military], providerTrackerId: expect.stringMatching(/\S/) },
  });

  test.each(registered.map((p) => [p.nationalCode, p.military, expected[p.military]!.qualified]))(
    'GET /v1/services/social/msq?nationalCode=%s (%s) answers qualified:%s with its Persian description',
    async (nationalCode, military) => {
      expect(await get('/v1/services/social/msq', { nationalCode })).toEqual(answer(nationalCode, military));
    },
  );

  test('the fixtures cover women, exemption, end of service and an absent conscript', () => {
    const states = new Set(registered.map((p) => p.military));
    for (const s of ['NOT_APPLICABLE_FEMALE', 'EXEMPT', 'END_OF_SERVICE', 'ABSENT']) expect(states).toContain(s);
  });

  test('a national code in Persian digits answers the same, echoed in ASCII', async () => {
    expect(await get('/v1/services/social/msq', { nationalCode: fa(demo.nationalCode) })).toEqual(answer(demo.nationalCode, demo.military));
  });
});

describe('Sana', () => {
  const blockedLines = new Set(fx.mobiles.filter((m) => m.blackListed).map((m) => m.mobile));
  const people = fx.persons.filter((p) => !p.blackListed && !blockedLines.has(p.mobile));
  const sana = (p: Person, mobileNumber: string, matched: boolean) => ({
    nationalCode: p.nationalCode,
    mobileNumber,
    registered: p.sanaRegistered ?? true,
    matched,
  });

  test.each(people.map((p) => [p.nationalCode, p.sanaRegistered ?? true, p]))(
    'GET /v1/services/social/sana for %s and their own line answers registered:%s, matched:true',
    async (nationalCode, _registered, p) => {
      expect(await get('/v1/services/social/sana', { nationalCode, mobileNumber: p.mobile })).toEqual(sana(p, p.mobile, true));
    },
  );

  // Line 1169: when the line is not the person's, "the service will fail with an error". The
  // error is the one an unknown line gets, so it tells nothing of the person's Sana code.
  test.each(people.map((p) => [p.nationalCode, p.sanaRegistered ?? true]))(
    'GET /v1/services/social/sana for %s (registered:%s) with someone else’s line answers mobileNumber.not_valid, free of charge',
    async (nationalCode) => {
      const other = people.find((q) => q.nationalCode !== nationalCode)!;
      const session = await signedIn(instance);
      const res = await jibit(instance, '/v1/services/social/sana', { query: { nationalCode, mobileNumber: other.mobile }, token: session.token });
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual({ code: 'mobileNumber.not_valid', message: 'شماره موبایل معتبر نیست' });
      const balances = await jibit(instance, '/v1/balances', { token: session.token });
      expect(await json(balances)).toEqual({
        balances: [
          { balanceType: 'PRF', currency: 'IRR', amount: 1_000_000_000 },
          { balanceType: 'POF', currency: 'IRR', amount: 0 },
        ],
      });
    },
  );

  test('national code and mobile number in Persian digits answer the same, echoed in ASCII', async () => {
    expect(await get('/v1/services/social/sana', { nationalCode: fa(demo.nationalCode), mobileNumber: fa(demo.mobile) })).toEqual(sana(demo, demo.mobile, true));
  });

  test('the fixtures cover a person without a Sana code', () => {
    expect(people.some((p) => p.sanaRegistered === false)).toBe(true);
  });
});
