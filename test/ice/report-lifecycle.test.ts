// A report request's states on the tenant clock: the test mobiles' scripted persons, expiry after
// the consent lifetime, the viewing window closing into the archive, and the exports the consent
// page uses (lookups by token and code, approve, reject) refusing a request that is not pending.
import { afterAll, describe, expect, it } from 'vitest';
import { approveReport, rejectReport, reportByConsentToken, reportByTrackingCode } from '../../src/providers/ice/reports/lifecycle.js';
import { at, call, clockTo, clockedInstance, hours, minutes, natural, panel, requested, smsTo, startMs, view, type Panel } from './report-helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

const state = async (p: Panel, trackingCode: string) => (await call(instance, p, `/api/v1/reports/${trackingCode}`)).body;

describe('the test mobiles', () => {
  it('09120000001 approves at once: viewable for 24 hours, then archived as of the window’s end', async () => {
    const p = await panel(instance);
    const body = natural('09120000001');
    const created = await requested(instance, p, body);
    // The answer to the request itself is still pending: the person answers the SMS it sends.
    expect(created.state).toBe('pending');
    const viewable = { state: 'viewable', approvedAt: at(startMs), viewableUntil: at(startMs + hours(24)) };
    expect(await state(p, created.trackingCode)).toEqual(view(created.trackingCode, body, startMs, viewable));
    await clockTo(instance, p, startMs + hours(24) - 1000);
    expect((await state(p, created.trackingCode)).state).toBe('viewable');
    await clockTo(instance, p, startMs + hours(30));
    expect(await state(p, created.trackingCode)).toEqual(view(created.trackingCode, body, startMs, { ...viewable, state: 'archived', archivedAt: at(startMs + hours(24)) }));
  });

  it('09120000002 rejects at once', async () => {
    const p = await panel(instance);
    const body = natural('09120000002', 'person');
    const { trackingCode } = await requested(instance, p, body);
    expect(await state(p, trackingCode)).toEqual(view(trackingCode, body, startMs, { state: 'rejected', rejectedAt: at(startMs) }));
  });

  it('09120000003 never answers: pending until the consent lifetime, then expired as of that instant', async () => {
    const p = await panel(instance);
    const body = natural('09120000003', 'person');
    const { trackingCode } = await requested(instance, p, body);
    await clockTo(instance, p, startMs + hours(24) - 1000);
    expect((await state(p, trackingCode)).state).toBe('pending');
    await clockTo(instance, p, startMs + hours(50));
    expect(await state(p, trackingCode)).toEqual(view(trackingCode, body, startMs, { state: 'expired', expiredAt: at(startMs + hours(24)) }));
    const tab = async (s: string) => ((await call(instance, p, `/api/v1/reports?state=${s}`)).body.items as { trackingCode: string; state: string }[]).map((i) => [i.trackingCode, i.state]);
    expect(await tab('rejected')).toEqual([[trackingCode, 'expired']]);
    expect(await tab('expired')).toEqual([[trackingCode, 'expired']]);
    expect(await tab('pending')).toEqual([]);
  });

  it('09120000004 cannot get the SMS: sms undeliverable, nothing in the outbox, the request expires', async () => {
    const p = await panel(instance);
    const body = natural('09120000004', 'person');
    const created = await requested(instance, p, body);
    expect(created).toEqual(view(created.trackingCode, body, startMs, { sms: 'undeliverable' }));
    expect(await smsTo(instance, p.tenant.id, '09120000004')).toEqual([]);
    await clockTo(instance, p, startMs + hours(24));
    expect((await state(p, created.trackingCode)).state).toBe('expired');
  });

  it('091200001NN approves after NN minutes of tenant time', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000105'));
    await clockTo(instance, p, startMs + minutes(5) - 1000);
    expect((await state(p, trackingCode)).state).toBe('pending');
    await clockTo(instance, p, startMs + minutes(7));
    expect(await state(p, trackingCode)).toMatchObject({ state: 'viewable', approvedAt: at(startMs + minutes(5)), viewableUntil: at(startMs + minutes(5) + hours(24)) });
  });

  it('091200002NN rejects after NN minutes', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000230', 'person'));
    await clockTo(instance, p, startMs + minutes(29));
    expect((await state(p, trackingCode)).state).toBe('pending');
    await clockTo(instance, p, startMs + minutes(31));
    expect(await state(p, trackingCode)).toMatchObject({ state: 'rejected', rejectedAt: at(startMs + minutes(30)) });
  });

  it('a clock moved days at once approves and archives a delayed approval, each as of its own instant', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000199'));
    await clockTo(instance, p, startMs + hours(72));
    expect(await state(p, trackingCode)).toMatchObject({
      state: 'archived',
      approvedAt: at(startMs + minutes(99)),
      viewableUntil: at(startMs + minutes(99) + hours(24)),
      archivedAt: at(startMs + minutes(99) + hours(24)),
    });
  });

  it('a scripted approval later than the consent lifetime comes too late: the request expires', async () => {
    const p = await panel(instance, { consentLifetimeMinutes: 3 });
    const body = natural('09120000105', 'person');
    const { trackingCode } = await requested(instance, p, body);
    await clockTo(instance, p, startMs + minutes(10));
    expect(await state(p, trackingCode)).toEqual(
      view(trackingCode, body, startMs, { state: 'expired', consentExpiresAt: at(startMs + minutes(3)), expiredAt: at(startMs + minutes(3)) }),
    );
  });

  it('any other mobile waits for the consent page or the control API', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000100'));
    await clockTo(instance, p, startMs + hours(23));
    expect((await state(p, trackingCode)).state).toBe('pending');
  });
});

describe('the tenant’s lifetimes', () => {
  it('keeps a report viewable for viewableHours and waits consentLifetimeMinutes for an answer', async () => {
    const p = await panel(instance, { viewableHours: 2, consentLifetimeMinutes: 60 });
    const approved = await requested(instance, p, natural('09120000001'));
    const silent = await requested(instance, p, natural('09120000003'));
    expect(silent.consentExpiresAt).toEqual(at(startMs + minutes(60)));
    await clockTo(instance, p, startMs + minutes(59));
    expect((await state(p, silent.trackingCode)).state).toBe('pending');
    expect((await state(p, approved.trackingCode)).viewableUntil).toEqual(at(startMs + hours(2)));
    await clockTo(instance, p, startMs + hours(2));
    expect((await state(p, silent.trackingCode)).state).toBe('expired');
    expect((await state(p, approved.trackingCode)).state).toBe('archived');
  });
});

describe('the consent page’s calls: lookups, approve and reject', () => {
  const linkToken = async (p: Panel, mobile: string) => /\/ice\/c\/([\w-]+)/.exec((await smsTo(instance, p.tenant.id, mobile))[0]!.message.text)![1]!;

  it('finds the request by the SMS link’s token and by tracking code, and approves it once', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09123456789', 'person'));
    const row = reportByConsentToken(instance.deps.db, await linkToken(p, '09123456789'))!;
    expect(row).toEqual(reportByTrackingCode(instance.deps.db, p.tenant.id, trackingCode));
    expect(reportByTrackingCode(instance.deps.db, 'ten_other', trackingCode)).toBeUndefined();
    expect(reportByConsentToken(instance.deps.db, 'nope')).toBeUndefined();
    const nowMs = startMs + minutes(2);
    const approved = approveReport(instance.deps, row, nowMs, { chargeId: 'chg_paid' });
    expect(approved).toMatchObject({ trackingCode, state: 'viewable', approvedAtMs: nowMs, viewableUntilMs: nowMs + hours(24), chargeId: 'chg_paid' });
    expect(approveReport(instance.deps, row, nowMs + 1000)).toEqual({ refused: 'viewable' });
    expect(rejectReport(instance.deps, row, nowMs + 1000)).toEqual({ refused: 'viewable' });
    expect(await state(p, trackingCode)).toMatchObject({ state: 'viewable', approvedAt: at(nowMs) });
  });

  it('rejects a pending request, and refuses the person of a rejected, deleted or lapsed one', async () => {
    const p = await panel(instance);
    const a = await requested(instance, p, natural('09123456780', 'person'));
    const rowA = reportByTrackingCode(instance.deps.db, p.tenant.id, a.trackingCode)!;
    expect(rejectReport(instance.deps, rowA, startMs)).toMatchObject({ state: 'rejected', rejectedAtMs: startMs });
    expect(approveReport(instance.deps, rowA, startMs)).toEqual({ refused: 'rejected' });

    const b = await requested(instance, p, natural('09123456781', 'person'));
    const rowB = reportByTrackingCode(instance.deps.db, p.tenant.id, b.trackingCode)!;
    await call(instance, p, `/api/v1/reports/${b.trackingCode}`, { method: 'DELETE' });
    expect(approveReport(instance.deps, rowB, startMs)).toEqual({ refused: 'deleted' });

    const c = await requested(instance, p, natural('09123456782', 'person'));
    const rowC = reportByTrackingCode(instance.deps.db, p.tenant.id, c.trackingCode)!;
    // No call ran since the consent lapsed: the approval itself finds the request expired.
    expect(approveReport(instance.deps, rowC, startMs + hours(24))).toEqual({ refused: 'expired' });
    expect(reportByTrackingCode(instance.deps.db, p.tenant.id, c.trackingCode)).toMatchObject({ state: 'expired', expiredAtMs: startMs + hours(24) });
  });
});

describe('GET /_sandbox/test-values for report-create', () => {
  it('lists each test mobile with what its person does', async () => {
    const res = await instance.app.request('/_sandbox/test-values?provider=ice&endpoint=report-create');
    expect(res.status).toBe(200);
    const values = (await res.json()) as { outcome: string; request: { body: { mobile: string } } }[];
    expect(values.map((v) => [v.outcome, v.request.body.mobile])).toEqual([
      ['person-approves', '09120000001'],
      ['person-rejects', '09120000002'],
      ['person-never-answers', '09120000003'],
      ['sms-undeliverable', '09120000004'],
      ['person-approves-after-minutes', '09120000105'],
      ['person-rejects-after-minutes', '09120000230'],
    ]);
  });
});
