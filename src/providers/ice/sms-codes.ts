// The 6-digit SMS codes of sign-up and password reset: sent through the outbox, judged on the
// tenant clock (wrong, expired, used, too many tries, each its own error) and resent only after
// the countdown, which lasts as long as the code. Mobiles of the test block always get 123456.
import type { AppDeps } from '../../core/http.js';
import { IceError } from './errors.js';
import { newSmsCode } from './ids.js';

/** What a code row keeps: the code, when it was sent and lapses, and the wrong tries against it. */
export interface CodeState {
  code: string;
  codeSentAtMs: number;
  codeExpiresAtMs: number;
  tries: number;
}

/** The documented test block: 09990000000 to 09990000099 always get this code (README "ICE"). */
export const fixedTestCode = '123456';
export const isFixedCodeMobile = (mobile: string) => /^099900000\d{2}$/.test(mobile);

export const codeForMobile = (mobile: string) => (isFixedCodeMobile(mobile) ? fixedTestCode : newSmsCode());

const brand = 'آیس | اعتبار یکپارچه سپهر';
const purposes = { registration: 'کد تأیید ثبت‌نام شما', reset: 'کد بازیابی رمز عبور شما' } as const;

/** Sends the code by SMS (the outbox): the text names ICE and says what the code is for and how long it lasts. */
export function sendCode(deps: AppDeps, to: { tenantId: string; mobile: string; nowMs: number; purpose: keyof typeof purposes; code: string; lifetimeSeconds: number }): void {
  const minutes = Math.ceil(to.lifetimeSeconds / 60);
  const text = `${brand}\n${purposes[to.purpose]}: ${to.code}\nاین کد تا ${minutes} دقیقه معتبر است؛ آن را در اختیار دیگران قرار ندهید.`;
  deps.outbox.send({ channel: 'sms', tenantId: to.tenantId, provider: 'ice', atMs: to.nowMs, recipient: to.mobile, text });
}

/** A fresh code's state at `nowMs`: tries start again and the old code is void. */
export const freshCode = (mobile: string, nowMs: number, lifetimeSeconds: number): CodeState => ({
  code: codeForMobile(mobile),
  codeSentAtMs: nowMs,
  codeExpiresAtMs: nowMs + lifetimeSeconds * 1000,
  tries: 0,
});

export const secondsLeft = (state: CodeState, nowMs: number) => Math.max(0, Math.ceil((state.codeExpiresAtMs - nowMs) / 1000));

/** Resending is refused while the countdown (the code's lifetime) runs. */
export function refuseEarlyResend(state: CodeState, nowMs: number): void {
  const wait = secondsLeft(state, nowMs);
  if (wait > 0) throw new IceError('resendTooSoon', { retryAfterSeconds: wait });
}

export type CodeVerdict = 'right' | 'wrong' | 'used' | 'tooManyTries' | 'expired';

/**
 * How a typed code fares, in this order: a code already accepted is used; after too many wrong
 * tries the code is void until a new one is sent; then its lifetime; then the digits. An empty
 * stored code (a reset for a login no business has) matches nothing.
 */
export function judgeCode(state: CodeState, typed: string, nowMs: number, maxTries: number, used: boolean): CodeVerdict {
  if (used) return 'used';
  if (state.tries >= maxTries) return 'tooManyTries';
  if (nowMs >= state.codeExpiresAtMs) return 'expired';
  return state.code !== '' && state.code === typed ? 'right' : 'wrong';
}

/** The error for a refused verdict; `triesAfter`: wrong tries counted, this one included. */
export function codeRefusal(verdict: Exclude<CodeVerdict, 'right'>, maxTries: number, triesAfter: number): IceError {
  switch (verdict) {
    case 'wrong':
      return new IceError('codeWrong', { triesLeft: Math.max(0, maxTries - triesAfter) });
    case 'used':
      return new IceError('codeUsed');
    case 'tooManyTries':
      return new IceError('codeTooManyTries');
    case 'expired':
      return new IceError('codeExpired');
  }
}
