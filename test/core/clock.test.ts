import { describe, expect, test } from 'vitest';
import { applyClockCommand, manualClock, tenantClock, type ClockState } from '../../src/core/clock.js';

const start = Date.parse('2026-01-01T00:00:00Z');

describe('tenant clocks', () => {
  test('runs with the wall clock, offset by what was advanced', () => {
    const wall = manualClock(start);
    let state: ClockState = { offsetMs: 0, frozenAtMs: null };
    state = applyClockCommand(state, { advanceSeconds: 3600 }, wall);
    wall.advance(1000);
    expect(tenantClock(state, wall).now()).toBe(start + 3_601_000);
  });

  test('a frozen clock stands still, advances only when told, and thaws where it stood', () => {
    const wall = manualClock(start);
    let state = applyClockCommand({ offsetMs: 0, frozenAtMs: null }, { freeze: true }, wall);
    wall.advance(60_000);
    expect(tenantClock(state, wall).now()).toBe(start);
    state = applyClockCommand(state, { advanceSeconds: 10 }, wall);
    expect(tenantClock(state, wall).now()).toBe(start + 10_000);
    state = applyClockCommand(state, { freeze: false }, wall);
    expect(tenantClock(state, wall).now()).toBe(start + 10_000);
    wall.advance(5_000);
    expect(tenantClock(state, wall).now()).toBe(start + 15_000);
  });

  test('set moves a running or frozen clock to the instant given', () => {
    const wall = manualClock(start);
    const target = Date.parse('2030-06-01T12:00:00Z');
    expect(tenantClock(applyClockCommand({ offsetMs: 0, frozenAtMs: null }, { set: target }, wall), wall).now()).toBe(target);
    expect(tenantClock(applyClockCommand({ offsetMs: 0, frozenAtMs: start }, { set: target }, wall), wall).now()).toBe(target);
  });
});
