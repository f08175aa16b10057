// README sections generated from the code, so the README says exactly what the sandbox does:
// the Jibit test values and the HTTP status of every code. `npm run docs` rewrites them;
// a test fails when the README and the code disagree.
import { catalogEndpoints } from '../src/providers/jibit/catalog.js';
import { extraMessages, statusForCode } from '../src/providers/jibit/errors.js';
import { jibitTestValues, type TestRequest } from '../src/providers/jibit/test-values/index.js';
import { freepayCodes, freepayEndpointIds, freepayEndpoints, testCards, type FreepayCodeName } from '../src/providers/freepay/catalog.js';

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
  const rows = testCards.map((card) => `| \`${card.number}\` | ${card.bank} | ${card.outcome} | ${cell(card.note)} |`);
  return ['| card | bank | outcome | what happens |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export const sections = {
  'test-values': testValuesTable,
  'status-table': statusTable,
  'freepay-codes': freepayCodesTable,
  'freepay-cards': freepayCardsTable,
} as const;

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` for each section. */
export function renderReadme(readme: string): string {
  let out = readme;
  for (const [name, build] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no ${name} section markers`);
    out = out.replace(pattern, (_, start: string, end: string) => `${start}${build()}\n${end}`);
  }
  return out;
}
