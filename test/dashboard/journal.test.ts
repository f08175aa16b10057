// The live journal of a tenant's dashboard page: the table htmx polls, its filters (provider,
// path, status, time), one call's request and response as the journal stores them (masked),
// and a clear 400 for a bad filter; reset empties it.
import { afterAll, describe, expect, test } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { control, jibit, json, signedIn } from '../helpers.js';
import { byId, get, post, rows, tenantPage, text } from './helpers.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(Date.parse('2026-03-25T08:00:00Z')) });
afterAll(() => instance.close());

const card = '6037991234567893';
const journal = (id: string, query = '') => get(instance, `${tenantPage(id)}/journal${query}`);

/** A tenant with three calls: a token, a card inquiry (200) and a card inquiry without a number (400). */
async function busyTenant() {
  const t = await signedIn(instance);
  expect((await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } })).status).toBe(200);
  expect((await jibit(instance, '/v1/cards', { token: t.token })).status).toBe(400);
  return t;
}

describe('GET /_sandbox/dashboard/tenants/{id}/journal', () => {
  test('the page polls the table every 2 s with the filters included', async () => {
    const t = await signedIn(instance);
    const card = byId((await get(instance, tenantPage(t.id))).html, 'journal')!;
    expect(card).toContain(`hx-get="/_sandbox/dashboard/tenants/${t.id}/journal" hx-trigger="load, every 2s, input changed delay:400ms from:#journal-filters, tenant-changed from:body" hx-include="#journal-filters"`);
  });

  test('lists the tenant’s calls newest first, each opening its request and response', async () => {
    const t = await busyTenant();
    const res = await journal(t.id);
    expect(res.status).toBe(200);
    const table = rows(res.html).map(([id, ...rest]) => [Number(id), ...rest]);
    expect(table.map((r) => r.slice(1))).toEqual([
      ['2026-03-25 08:00:00Z', 'jibit', 'GET /v1/cards', '400', 'card.is_required', '', expect.stringMatching(/^\d+$/)],
      ['2026-03-25 08:00:00Z', 'jibit', `GET /v1/cards`, '200', '', '15000', expect.stringMatching(/^\d+$/)],
      ['2026-03-25 08:00:00Z', 'jibit', 'POST /v1/tokens/generate', '200', '', '', expect.stringMatching(/^\d+$/)],
    ]);
    const first = table[0]![0] as number;
    expect(res.html).toContain(`hx-get="/_sandbox/dashboard/tenants/${t.id}/journal/${first}" hx-target="#journal-entry"`);
  });

  test.each([
    ['?provider=jibit&path=tokens', ['POST /v1/tokens/generate']],
    ['?provider=ice', []],
    ['?status=400', ['GET /v1/cards']],
    ['?status=2xx&path=cards', ['GET /v1/cards']],
    ['?status=4XX', ['GET /v1/cards']],
    ['?since=2026-03-25T08:00:01Z', []],
    ['?since=2026-03-25T11:30:00%2B03:30', ['GET /v1/cards', 'GET /v1/cards', 'POST /v1/tokens/generate']],
    ['?since=2026-03-25T11:30:01+03:30', []],
    ['?provider=&path=&status=&since=', ['GET /v1/cards', 'GET /v1/cards', 'POST /v1/tokens/generate']],
  ])('%s filters the table', async (query, calls) => {
    const t = await busyTenant();
    const res = await journal(t.id, query);
    expect(res.status).toBe(200);
    expect(rows(res.html).map((r) => r[3])).toEqual(calls);
    if (calls.length === 0) expect(text(res.html)).toContain('No calls match.');
  });

  test.each([
    ['?provider=stripe', 'provider: stripe is none of jibit, freepay, ice'],
    ['?status=ok', 'status: "ok" is neither a status (200) nor a class (4xx)'],
    ['?status=600', 'status: "600" is neither a status (200) nor a class (4xx)'],
    ['?since=yesterday', 'since: "yesterday" is not an ISO-8601 date-time with a zone, like 2026-03-20T20:30:00+03:30 or 2026-03-20T17:00:00Z'],
    ['?since=2026-03-25T08:00:00', 'since: "2026-03-25T08:00:00" is not an ISO-8601 date-time with a zone, like 2026-03-20T20:30:00+03:30 or 2026-03-20T17:00:00Z'],
    ['?since=2026-02-30T08:00:00Z', 'since: Invalid ISO datetime'],
  ])('a bad filter %s answers 400 with the reason where the table goes', async (query, reason) => {
    const t = await signedIn(instance);
    const res = await journal(t.id, query);
    expect({ status: res.status, html: res.html.replace(/>.*</, '><'), reason: text(res.html) }).toEqual({ status: 400, html: '<div class="notice error" role="alert"></div>', reason });
  });

  test('the journal of a tenant that does not exist answers 404', async () => {
    const res = await journal('ten_nobody');
    expect({ status: res.status, html: res.html }).toEqual({ status: 404, html: '<div class="notice error" role="alert">tenant ten_nobody does not exist</div>' });
  });
});

describe('GET /_sandbox/dashboard/tenants/{id}/journal/{entry}', () => {
  test('shows the request and the response as the journal stores them, the token masked', async () => {
    const t = await busyTenant();
    const [entry] = ((await json(await control(instance, 'GET', `/tenants/${t.id}/journal?limit=1&status=200&endpoint=card-inquiry`))) as { entries: Record<string, unknown>[] }).entries;
    const res = await get(instance, `${tenantPage(t.id)}/journal/${entry!.id}`);
    expect(res.status).toBe(200);
    const blocks = [...res.html.matchAll(/<pre dir="auto">([\s\S]*?)<\/pre>/g)].map((m) => (text(m[1]!) === '(none)' ? '(none)' : (JSON.parse(text(m[1]!)) as unknown)));
    // Query, headers, body (none for a GET), response.
    expect(blocks).toEqual([{ number: card }, entry!.headers, '(none)', entry!.responseBody]);
    expect(JSON.stringify(blocks)).not.toContain(t.token);
    expect(text(res.html)).toContain(`Request #${String(entry!.id)}: GET /v1/cards`);
    expect(text(res.html)).toContain('Response: 200');
  });

  test.each([
    ['999999', 404, 'journal entry 999999 is not among tenant {id}\'s newest 1000 calls'],
    ['abc', 400, 'journal entry abc: not an entry number'],
  ])('entry %s answers %i with the reason', async (entry, status, reason) => {
    const t = await signedIn(instance);
    const res = await get(instance, `${tenantPage(t.id)}/journal/${entry}`);
    expect({ status: res.status, html: res.html }).toEqual({ status, html: `<div class="notice error" role="alert">${reason.replace('{id}', t.id).replace("'", '&#39;')}</div>` });
  });
});

describe('POST /_sandbox/dashboard/tenants/{id}/reset', () => {
  test('empties the journal and tells the page to reload', async () => {
    const t = await busyTenant();
    expect(rows((await journal(t.id)).html)).toHaveLength(3);
    const res = await post(instance, `${tenantPage(t.id)}/reset`, {});
    expect({ status: res.status, refresh: res.headers.get('hx-refresh'), html: res.html }).toEqual({
      status: 200,
      refresh: 'true',
      html: `<div class="notice done" role="status">Tenant ${t.id} reset.</div>`,
    });
    expect(rows((await journal(t.id)).html)).toEqual([]);
  });
});
