// The clock card of a tenant's dashboard page: advance, set and freeze through the form change
// the clock the control API shows; a bad value or an unknown tenant answers 4xx with the reason.
import { afterAll, describe, expect, test } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { control, json, newTenant } from '../helpers.js';
import { byId, get, post, tenantPage, text } from './helpers.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(Date.parse('2026-03-25T08:00:00Z')) });
afterAll(() => instance.close());

const clockOf = async (id: string) => ((await json(await control(instance, 'GET', `/tenants/${id}`))) as { clock: unknown }).clock;
const clockPost = (id: string, fields: Record<string, string>) => post(instance, `${tenantPage(id)}/clock`, fields);

describe('POST /_sandbox/dashboard/tenants/{id}/clock', () => {
  test('the page shows the clock with its Tehran day and state', async () => {
    const { id } = await newTenant(instance);
    const card = byId((await get(instance, tenantPage(id))).html, 'clock')!;
    expect(text(byId(card, 'clock-now')!)).toBe('2026-03-25 08:00:00Z');
    expect(text(card)).toContain('Tehran day 1405/01/05');
    expect(text(byId(card, 'clock-state')!)).toBe('running');
  });

  test('advance moves the tenant clock as the control API shows it, and redraws the card', async () => {
    const { id } = await newTenant(instance);
    const res = await clockPost(id, { advanceSeconds: '3600' });
    expect({ status: res.status, trigger: res.headers.get('hx-trigger') }).toEqual({ status: 200, trigger: 'clock-changed' });
    expect(await clockOf(id)).toEqual({ now: '2026-03-25T09:00:00.000Z', frozen: false, tehranDay: '14050105' });
    expect(res.html.startsWith('<section class="card" id="clock">')).toBe(true);
    expect(text(byId(res.html, 'clock-now')!)).toBe('2026-03-25 09:00:00Z');
    expect(text(res.html)).toContain('Clock changed.');
  });

  test('set puts the clock at a time with a zone; freeze and unfreeze toggle it', async () => {
    const { id } = await newTenant(instance);
    expect((await clockPost(id, { set: '2026-03-20T20:29:59+03:30' })).status).toBe(200);
    expect(await clockOf(id)).toEqual({ now: '2026-03-20T16:59:59.000Z', frozen: false, tehranDay: '14041229' });
    const frozen = await clockPost(id, { freeze: 'true' });
    expect(text(byId(frozen.html, 'clock-state')!)).toBe('frozen');
    expect(frozen.html).toContain('<input type="hidden" name="freeze" value="false"/>');
    expect(await clockOf(id)).toEqual({ now: '2026-03-20T16:59:59.000Z', frozen: true, tehranDay: '14041229' });
    expect((await clockPost(id, { freeze: 'false' })).status).toBe(200);
    expect(((await clockOf(id)) as { frozen: boolean }).frozen).toBe(false);
  });

  test.each([
    [{ advanceSeconds: 'soon' }, 'advance: "soon" is not a number of seconds'],
    [{ advanceSeconds: '' }, 'advance: an empty value is not a number of seconds'],
    [{ advanceSeconds: '1e3' }, 'advance: "1e3" is not a number of seconds'],
    [{ set: 'tomorrow' }, 'set: must be an ISO-8601 date-time with a zone (Z or ±hh:mm)'],
    [{ set: '2026-03-20T20:29:59' }, 'set: must be an ISO-8601 date-time with a zone (Z or ±hh:mm)'],
    [{ advanceSeconds: '99999999999' }, 'advanceSeconds: Too big: expected number to be <=10000000000'],
    [{ freeze: 'maybe' }, 'send advanceSeconds, set or freeze'],
    [{}, 'send advanceSeconds, set or freeze'],
  ])('%o answers 400 with the reason on the card, and the clock stays', async (fields, reason) => {
    const { id } = await newTenant(instance);
    const res = await clockPost(id, fields as Record<string, string>);
    expect(res.status).toBe(400);
    expect(text(/<div class="notice error" role="alert">([\s\S]*?)<\/div>/.exec(res.html)![1]!)).toBe(reason);
    expect(text(byId(res.html, 'clock-now')!)).toBe('2026-03-25 08:00:00Z');
    expect(await clockOf(id)).toEqual({ now: '2026-03-25T08:00:00.000Z', frozen: false, tehranDay: '14050105' });
  });

  test('the clock of a tenant that does not exist answers 404 with the reason', async () => {
    const res = await clockPost('ten_nobody', { advanceSeconds: '60' });
    expect({ status: res.status, html: res.html }).toEqual({ status: 404, html: '<div class="notice error" role="alert">tenant ten_nobody does not exist</div>' });
  });

  test('the page of a tenant that does not exist answers 404 with the reason and a way back', async () => {
    const res = await get(instance, tenantPage('ten_nobody'));
    expect(res.status).toBe(404);
    expect(text(byId(res.html, 'main') ?? res.html.slice(res.html.indexOf('<main>')))).toContain('tenant ten_nobody does not exist Every tenant');
  });
});
