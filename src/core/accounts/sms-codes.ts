// SMS codes of a sign-up or a password reset, for any provider: a fresh code and its lifetime on
// the tenant clock, the countdown before a resend, and how a typed code fares (right, wrong,
// used, too many tries, expired). A provider words the refusals in its own error shape.
import { randomInt } from 'node:crypto';

/** What a code row keeps: the code, when it was sent and lapses, and the wrong tries against it. */
export interface CodeState {
  code: string;
  codeSentAtMs: number;
  codeExpiresAtMs: number;
  tries: number;
}

/** The documented test block: 09990000000 to 09990000099 always get this code (README). */
export const fixedTestCode = '123456';
export const isFixedCodeMobile = (mobile: string) => /^099900000\d{2}$/.test(mobile);

/** A 6-digit SMS code (may start with 0, as SMS codes do). */
export const newSmsCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const codeForMobile = (mobile: string) => (isFixedCodeMobile(mobile) ? fixedTestCode : newSmsCode());

/** A fresh code's state at `nowMs`: tries start again and the old code is void. */
export const freshCode = (mobile: string, nowMs: number, lifetimeSeconds: number): CodeState => ({
  code: codeForMobile(mobile),
  codeSentAtMs: nowMs,
  codeExpiresAtMs: nowMs + lifetimeSeconds * 1000,
  tries: 0,
});

export const secondsLeft = (state: CodeState, nowMs: number) => Math.max(0, Math.ceil((state.codeExpiresAtMs - nowMs) / 1000));

/** The seconds to wait before a resend (the countdown is the code's lifetime), or 0 when it may go now. */
export const resendWaitSeconds = (state: CodeState, nowMs: number) => secondsLeft(state, nowMs);

export type CodeVerdict = 'right' | 'wrong' | 'used' | 'tooManyTries' | 'expired';
export type CodeRefusal = Exclude<CodeVerdict, 'right'>;

/**
 * How a typed code fares, in this order: a code already accepted is used; after too many wrong
 * tries the code is void until a new one is sent; then its lifetime; then the digits. An empty
 * stored code (a reset for a login nobody has) matches nothing.
 */
export function judgeCode(state: CodeState, typed: string, nowMs: number, maxTries: number, used: boolean): CodeVerdict {
  if (used) return 'used';
  if (state.tries >= maxTries) return 'tooManyTries';
  if (nowMs >= state.codeExpiresAtMs) return 'expired';
  return state.code !== '' && state.code === typed ? 'right' : 'wrong';
}

/** Wrong tries left after `triesAfter` (this one included) were counted. */
export const triesLeft = (maxTries: number, triesAfter: number) => Math.max(0, maxTries - triesAfter);

/** The SMS text of a code: who sends it, what it is for, and how long it lasts. */
export function codeText(brand: string, purpose: string, code: string, lifetimeSeconds: number): string {
  const minutes = Math.ceil(lifetimeSeconds / 60);
  return `${brand}\n${purpose}: ${code}\nاین کد تا ${minutes} دقیقه معتبر است؛ آن را در اختیار دیگران قرار ندهید.`;
}
