// What a failed payment says of itself, in verify and in the panel: why it failed, in Persian,
// and its class (help centre, seed 002 lines 173–177). Verify answers -14 "payment information is
// not correct" (line 146) when what the buyer typed was wrong, -11 for every other failure.
import { answerFields, failureClasses, failureClassOf, failureReasons, type FailureReason, type FreepayCodeName } from './catalog.js';
import { FreepayError } from './errors.js';
import type { PaymentRow } from './payments.js';

/** The payment information of line 121 is the card number, PIN2, CVV2 and expiry the buyer types. */
const typedWrong: ReadonlySet<string> = new Set<FailureReason>(['wrong_pin2', 'payment_info_incorrect']);

const known = (failure: string | null): failure is FailureReason => failure !== null && failure in failureReasons;

/** The failure's reason and class in Persian, or nulls for a payment that did not fail. */
export function failureFacts(failure: string | null) {
  const failureClass = known(failure) ? failureClassOf[failure] : null;
  return {
    failure_message: known(failure) ? failureReasons[failure] : null,
    [answerFields.failureClass]: failureClass,
    failure_class_message: failureClass === null ? null : failureClasses[failureClass],
  };
}

/** The code verify answers for a payment that failed for `failure`. */
export const failedPaymentCode = (failure: string | null): FreepayCodeName => (typedWrong.has(failure ?? '') ? 'paymentInfoIncorrect' : 'paymentFailed');

/** Verify's answer for a payment that failed. */
export function failedPaymentError(p: PaymentRow): FreepayError {
  const code = failedPaymentCode(p.failure);
  const { failure_message, ...facts } = failureFacts(p.failure);
  return new FreepayError(code, { [answerFields.authority]: p.authority, [answerFields.failure]: p.failure, reason_message: failure_message, ...facts });
}
