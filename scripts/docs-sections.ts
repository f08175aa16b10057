// Sections of the README and its reference pages (docs/jibit.md, docs/freepay.md, docs/ice.md)
// generated from the code, so they say exactly what the sandbox does: the Jibit test values and
// the HTTP status of every code, Freepay's codes and cards, and ICE's routes, codes, test values,
// report test codes, rank bands and settings. `npm run docs` rewrites them; a test fails when the
// documents and the code disagree.
import { catalogEndpoints } from '../src/providers/jibit/catalog.js';
import { extraMessages, statusForCode } from '../src/providers/jibit/errors.js';
import { jibitTestValues, type TestRequest } from '../src/providers/jibit/test-values/index.js';
import { failureClassOf, freepayCodes, freepayEndpointIds, freepayEndpoints, testCards, type FailureReason, type FreepayCodeName } from '../src/providers/freepay/catalog.js';
import { failedPaymentCode } from '../src/providers/freepay/failures.js';
import type { AppDeps } from '../src/core/http.js';
import { createIceApp } from '../src/providers/ice/index.js';
import { createInstance } from '../src/instance.js';
import { iceCodes, iceEndpointIds, iceEndpoints, type IceCodeName, type IceEndpointId } from '../src/providers/ice/catalog.js';
import { iceTestValues } from '../src/providers/ice/test-values.js';
import { reportTestCodes } from '../src/providers/ice/report/test-codes.js';
import { bands } from '../src/providers/ice/report/bands.js';
import { defaultIceSettings, type IceSettings } from '../src/providers/ice/settings.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function requestLine(r: TestRequest): string {
  const query = Object.entries(r.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${k}=${encodeURIComponent(one)}`))
    .join('&');
  const parts = [`\`${r.method} ${r.path}${query ? `?${query}` : ''}\``];
  if (r.body !== undefined) parts.push(`body \`${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}\``);
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    const shown = value.length > 40 ? `${value.slice(0, 12)}… (${value.length} characters)` : value;
    parts.push(value === '' ? `no \`${name}\` header` : `header \`${name}: ${shown}\``);
  }
  return parts.join(', ');
}

export function testValuesTable(): string {
  const rows = jibitTestValues().map((v) => {
    const body = v.request.body;
    const long = typeof body === 'object' && body !== null && JSON.stringify(body).length > 200;
    const request = long ? `\`${v.request.method} ${v.request.path}\` (long body)` : requestLine(v.request);
    return `| ${v.endpoint} | ${cell(v.outcome)} | ${cell(request)} | ${cell(v.note ?? '')} |`;
  });
  return ['| endpoint | outcome | request | note |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function statusTable(): string {
  const codes = [...new Set([...catalogEndpoints.flatMap((e) => e.errors.map((er) => er.code)), ...Object.keys(extraMessages)])];
  const byStatus = new Map<number, string[]>();
  for (const code of codes) byStatus.set(statusForCode(code), [...(byStatus.get(statusForCode(code)) ?? []), code]);
  const rows = [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) => `| ${status} | ${list.map((c) => `\`${c}\``).join(', ')} |`);
  return ['| HTTP status | codes |', '| --- | --- |', ...rows].join('\n');
}

const answeredBy: Partial<Record<FreepayCodeName, string>> = { ok: 'every success but the page', alreadyVerified: 'payment-verify', notFound: 'any other path under /freepay' };

export function freepayCodesTable(): string {
  const used = (name: FreepayCodeName) => freepayEndpointIds.filter((id) => (freepayEndpoints[id] as readonly string[]).includes(name)).join(', ');
  const rows = (Object.entries(freepayCodes) as [FreepayCodeName, (typeof freepayCodes)[FreepayCodeName]][]).map(
    ([name, code]) => `| \`${code.status}\` | ${name} | ${code.http} | ${code.message} | ${cell(code.meaning)} | ${answeredBy[name] ?? used(name)} |`,
  );
  return ['| status | name | HTTP | message | when | answered by |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function freepayCardsTable(): string {
  // A failing card's class (seed 002 lines 173–177) and the code verify answers for it.
  const failing = (outcome: string) => {
    if (!(outcome in failureClassOf)) return '| |';
    const code = failedPaymentCode(outcome);
    return `${failureClassOf[outcome as FailureReason]} | \`${freepayCodes[code].status}\` ${code} |`;
  };
  const rows = testCards.map((card) => `| \`${card.number}\` | ${card.bank} | ${card.outcome} | ${failing(card.outcome)} ${cell(card.note)} |`);
  return ['| card | bank | outcome | class | verify | what happens |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

interface IceRoute {
  method: string;
  path: string;
  endpointId: IceEndpointId;
  signedIn: boolean;
  status: string;
  summary: string;
}

/** ICE's routes as /openapi.json documents them, in the catalog's order of endpoints. */
export function iceRoutes(): IceRoute[] {
  // The routes are read from a real (in-memory) sandbox's ICE app: making the app binds its
  // webhook forwarding to the sandbox's database, and no route is called.
  const instance = createInstance({ db: ':memory:' });
  const app = createIceApp(instance.deps);
  instance.close();
  const routes = app.openAPIRegistry.definitions.flatMap((d) => {
    if (d.type !== 'route') return [];
    const endpointId = /Endpoint id `([^`]+)`/.exec(d.route.description ?? '')?.[1] as IceEndpointId | undefined;
    if (!endpointId || !iceEndpointIds.includes(endpointId)) throw new Error(`ICE route ${d.route.method} ${d.route.path} names no endpoint id of the catalog`);
    const status = Object.keys(d.route.responses).find((s) => /^(200|201|202|303)$/.test(s)) ?? '200';
    return [{ method: d.route.method.toUpperCase(), path: d.route.path, endpointId, signedIn: d.route.security !== undefined, status, summary: d.route.summary ?? '' }];
  });
  return routes.sort((a, b) => iceEndpointIds.indexOf(a.endpointId) - iceEndpointIds.indexOf(b.endpointId));
}

export function iceRoutesTable(): string {
  const rows = iceRoutes().map((r) => `| \`${r.method} /ice${r.path}\` | ${r.endpointId} | ${r.signedIn ? 'bearer' : ''} | ${r.status} | ${cell(r.summary)} |`);
  return ['| route | endpoint id | token | answer | what it does |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const iceAnsweredBy: Partial<Record<IceCodeName, string>> = {
  payloadTooLarge: 'every JSON route past 64 KiB; legal-put past 20 MiB + 64 KiB',
  notFound: 'any other path under /ice',
};

/** The endpoints that answer a code, in words where they are a whole group. */
function iceEndpointsAnswering(name: IceCodeName): string {
  const answering = iceEndpointIds.filter((id) => (iceEndpoints[id] as readonly string[]).includes(name));
  const json = iceEndpointIds.filter((id) => (iceEndpoints[id] as readonly string[]).includes('invalidInput'));
  const signedIn = iceEndpointIds.filter((id) => (iceEndpoints[id] as readonly string[]).includes('unauthorized'));
  const same = (group: IceEndpointId[]) => group.length === answering.length && group.every((id) => answering.includes(id));
  if (same(iceEndpointIds)) return 'every route, pages included';
  if (same(json)) return 'every JSON route';
  if (same(signedIn)) return 'every route that needs a token';
  return answering.join(', ');
}

export function iceCodesTable(): string {
  const rows = (Object.entries(iceCodes) as [IceCodeName, (typeof iceCodes)[IceCodeName]][]).map(
    ([name, code]) => `| \`${name}\` | ${code.http} | ${code.message} | ${cell(code.meaning)} | ${iceAnsweredBy[name] ?? iceEndpointsAnswering(name)} |`,
  );
  return ['| code | HTTP | message | when | answered by |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function iceTestValuesTable(): string {
  const rows = iceTestValues().map((v) => `| ${v.endpoint} | ${cell(v.outcome)} | ${cell(requestLine(v.request))} | ${cell(v.note ?? '')} |`);
  return ['| endpoint | outcome | request | note |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function iceReportCodesTable(): string {
  const rows = reportTestCodes.map((t) => {
    const subject = t.subject.personType === 'natural' ? `natural, code \`${t.subject.nationalCode}\`` : `legal, ID \`${t.subject.nationalId}\``;
    return `| ${subject} | ${t.outcome} | ${t.rank ?? '—'} | ${t.score ?? '—'} | ${t.bouncedCheques} | ${t.currentContract ? 'yes' : 'no'} | ${cell(t.note)} |`;
  });
  return ['| person | outcome | rank | score | bounced cheques | current contract | note |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function iceBandsTable(): string {
  const rows = bands.map((b) => {
    const [min, max] = b.lateness.instalments;
    const late = max === 0 ? 'none late' : `${min === max ? min : `${min}–${max}`} instalment${max === 1 ? '' : 's'} late`;
    return `| ${b.rank} | ${b.minScore}–${b.maxScore} | ${b.description} | ${b.label} | ${b.lateness.status}, ${late} |`;
  });
  return ['| rank | score | rankDescription | in English | worst current facility |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** What each ICE setting does; a setting added without a line here fails the type check. */
const iceSettingNotes: Record<keyof IceSettings, string> & Record<string, string> = {
  reportPriceRial: 'the report price before VAT, Rial',
  vatRial: "the VAT added to it; the two make a request's price",
  consentLifetimeMinutes: 'how long the person may answer before the request expires (and a wallet-paid one is refunded)',
  viewableHours: 'how long an approved report is readable before it is archived',
  legalReview: '`decision` `approve`, `reject` (with `reason`) or `manual` (only the control API decides), after `afterSeconds` of tenant time',
  codeLifetimeSeconds: "a sign-up or password-reset SMS code's lifetime, and the resend countdown",
  maxCodeTries: 'wrong codes taken before the code is void',
  chargeMinRial: 'the smallest wallet charge',
  chargeMaxRial: 'the largest wallet charge',
  bankPageLifetimeMinutes: 'how long a bank page may be paid after the charge is made',
  issuerTimeoutMs: 'how long a bank page waits on the test card whose issuer never answers, before the payment fails',
  apiInvoiceRial: "the API onboarding's pro-forma invoice: one month's web-service fee (step 3)",
  liveDelayMinutes: 'how long the API onboarding\'s move to live (step 5) takes on the tenant clock (the seed: two hours to one working day)',
};

export function iceSettingsTable(): string {
  const rows = (Object.keys(defaultIceSettings) as (keyof IceSettings)[]).map((key) => `| \`${key}\` | \`${JSON.stringify(defaultIceSettings[key])}\` | ${cell(iceSettingNotes[key])} |`);
  return ['| setting | default | what it does |', '| --- | --- | --- |', ...rows].join('\n');
}

export const sections = {
  'test-values': testValuesTable,
  'status-table': statusTable,
  'freepay-codes': freepayCodesTable,
  'freepay-cards': freepayCardsTable,
  'ice-routes': iceRoutesTable,
  'ice-codes': iceCodesTable,
  'ice-test-values': iceTestValuesTable,
  'ice-report-codes': iceReportCodesTable,
  'ice-bands': iceBandsTable,
  'ice-settings': iceSettingsTable,
} as const;

/** The files that hold generated sections: the README and the reference pages it links. */
export const docFiles = ['README.md', 'docs/jibit.md', 'docs/freepay.md', 'docs/ice.md'] as const;

const markers = (name: string) => new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`, 'g');

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` for each section the text holds. */
export function renderDoc(text: string): string {
  let out = text;
  for (const [name, build] of Object.entries(sections)) {
    if (markers(name).test(out)) out = out.replace(markers(name), (_, start: string, end: string) => `${start}${build()}\n${end}`);
  }
  return out;
}

/**
 * Every file of docFiles as `npm run docs` writes it, read through `read` (a path relative to the
 * project folder). Each section must sit in exactly one file, once: a section moved away or copied
 * would otherwise go stale unnoticed.
 */
export function renderDocFiles(read: (path: string) => string): { path: string; content: string }[] {
  const files = docFiles.map((path) => ({ path, text: read(path) }));
  for (const name of Object.keys(sections)) {
    const holders = files.flatMap((f) => Array.from({ length: f.text.match(markers(name))?.length ?? 0 }, () => f.path));
    if (holders.length !== 1) throw new Error(`the generated section ${name} must appear once in ${docFiles.join(', ')}; found in: ${holders.join(', ') || 'none'}`);
  }
  return files.map((f) => ({ path: f.path, content: renderDoc(f.text) }));
}
