// Tenant test clocks. The only place that reads the wall clock: every time-dependent rule
// asks a tenant's clock, which may be frozen, set or advanced (PRODUCT.md, "Test clock").

export interface Clock {
  /** Milliseconds since the epoch, as this clock sees it. */
  now(): number;
}

export interface ClockState {
  offsetMs: number;
  frozenAtMs: number | null;
}

/** Jalali years 1279 to 1579: far enough for any test, near enough for every date library. */
export const clockRange = {
  from: '1900-01-01T00:00:00Z',
  to: '2200-01-01T00:00:00Z',
  fromMs: Date.parse('1900-01-01T00:00:00Z'),
  toMs: Date.parse('2200-01-01T00:00:00Z'),
} as const;

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that runs `offsetMs` ahead of the wall clock, or stands still at `frozenAtMs`. */
export function tenantClock(state: ClockState, wall: Clock = systemClock): Clock {
  return { now: () => state.frozenAtMs ?? wall.now() + state.offsetMs };
}

export type ClockCommand = { advanceSeconds: number } | { set: number } | { freeze: boolean };

/** Applies a clock command and returns the new state; the clock never jumps when frozen or thawed. */
export function applyClockCommand(state: ClockState, command: ClockCommand, wall: Clock = systemClock): ClockState {
  const current = tenantClock(state, wall).now();
  if ('advanceSeconds' in command) return moveTo(state, current + Math.round(command.advanceSeconds * 1000), wall);
  if ('set' in command) return moveTo(state, command.set, wall);
  if (command.freeze) return { offsetMs: state.offsetMs, frozenAtMs: current };
  return { offsetMs: current - wall.now(), frozenAtMs: null };
}

function moveTo(state: ClockState, targetMs: number, wall: Clock): ClockState {
  if (state.frozenAtMs !== null) return { offsetMs: state.offsetMs, frozenAtMs: targetMs };
  return { offsetMs: targetMs - wall.now(), frozenAtMs: null };
}

/** A hand-driven clock for tests and benchmarks. */
export function manualClock(startMs: number): Clock & { advance(ms: number): void } {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms) => void (nowMs += ms) };
}
