// ICE's 6-digit SMS codes of sign-up and password reset: core's codes (src/core/accounts), sent
// with ICE's wording and refused with ICE's errors (wrong, expired, used, too many tries, each its
// own), resent only after the countdown. Mobiles of the test block always get 123456.
import { codeText, resendWaitSeconds, triesLeft, type CodeRefusal, type CodeState } from '../../core/accounts/sms-codes.js';
import type { AppDeps } from '../../core/http.js';
import { IceError } from './errors.js';

export { fixedTestCode, freshCode, isFixedCodeMobile, judgeCode, secondsLeft, type CodeState, type CodeVerdict } from '../../core/accounts/sms-codes.js';

const brand = 'آیس | اعتبار یکپارچه سپهر';
const purposes = { registration: 'کد تأیید ثبت‌نام شما', reset: 'کد بازیابی رمز عبور شما' } as const;

/** Sends the code by SMS (the outbox): the text names ICE and says what the code is for and how long it lasts. */
export function sendCode(deps: AppDeps, to: { tenantId: string; mobile: string; nowMs: number; purpose: keyof typeof purposes; code: string; lifetimeSeconds: number }): void {
  const text = codeText(brand, purposes[to.purpose], to.code, to.lifetimeSeconds);
  deps.outbox.send({ channel: 'sms', tenantId: to.tenantId, provider: 'ice', atMs: to.nowMs, recipient: to.mobile, text });
}

/** Resending is refused while the countdown (the code's lifetime) runs. */
export function refuseEarlyResend(state: CodeState, nowMs: number): void {
  const wait = resendWaitSeconds(state, nowMs);
  if (wait > 0) throw new IceError('resendTooSoon', { retryAfterSeconds: wait });
}

/** The error for a refused verdict; `triesAfter`: wrong tries counted, this one included. */
export function codeRefusal(verdict: CodeRefusal, maxTries: number, triesAfter: number): IceError {
  switch (verdict) {
    case 'wrong':
      return new IceError('codeWrong', { triesLeft: triesLeft(maxTries, triesAfter) });
    case 'used':
      return new IceError('codeUsed');
    case 'tooManyTries':
      return new IceError('codeTooManyTries');
    case 'expired':
      return new IceError('codeExpired');
  }
}
