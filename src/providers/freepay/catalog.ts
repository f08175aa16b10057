// Everything Freepay names, in one place. The help centre (seed 002) gives the flow and the
// failures but its field tables did not survive, so the field names, status codes and Persian
// messages below are the sandbox's proposal (../shared/spec/freepay.md §3): when the real
// tables are known, this module is the one edit. The README and /openapi.json are built from it.
import { accountCodes, accountEndpoints } from './accounts/catalog.js';

/** Fields of POST /payment/request (application/x-www-form-urlencoded). */
export const requestFields = {
  api: 'api',
  amount: 'amount',
  callback: 'callback',
  description: 'description',
  mobile: 'mobile',
  email: 'email',
  orderId: 'order_id',
} as const;

/** Fields of POST /payment/verify (application/x-www-form-urlencoded). */
export const verifyFields = { api: 'api', authority: 'authority', amount: 'amount' } as const;

/** Fields of the JSON answers: request → {status, authority}; verify → the payment's data. */
export const answerFields = {
  status: 'status',
  message: 'message',
  authority: 'authority',
  amount: 'amount',
  refId: 'ref_id',
  cardPan: 'card_pan',
  orderId: 'order_id',
  paidAt: 'paid_at',
  /** Why a payment failed (verify of a failed payment). */
  failure: 'failure',
  /** Whose fault the failure was: acceptor, user, issuer, shaparak or business. */
  failureClass: 'failure_class',
} as const;

/** The query parameters the buyer's browser brings back to the merchant's callback. */
export const callbackParams = { authority: 'authority', status: 'status' } as const;

/** The callback's `status`: paid (to be verified), failed, or cancelled by the buyer. */
export const callbackStatus = { paid: 'OK', failed: 'FAILED', cancelled: 'CANCELLED' } as const;

export interface FreepayCode {
  /** The `status` field of the JSON answer. */
  status: number;
  /** HTTP status of the answer: 4xx for every error, 5xx only for an emulated outage. */
  http: number;
  message: string;
  /** When it is answered. */
  meaning: string;
}

export const freepayCodes = {
  ok: { status: 1, http: 200, message: 'عملیات با موفقیت انجام شد', meaning: 'request accepted; verify: verified now' },
  alreadyVerified: { status: 2, http: 200, message: 'این پرداخت پیش‌تر تأیید شده است', meaning: 'verify of a payment verified before: the same data again' },
  invalidInput: { status: -1, http: 400, message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', meaning: 'a required field is missing or malformed, or the body is not form-urlencoded' },
  invalidApiKey: { status: -2, http: 401, message: 'کلید API نامعتبر است', meaning: 'no merchant has this API key' },
  merchantInactive: { status: -3, http: 403, message: 'درگاه پرداخت پذیرنده غیرفعال است', meaning: 'the merchant is inactive' },
  merchantBlacklisted: { status: -4, http: 403, message: 'پذیرنده در فهرست سیاه شاپرک قرار دارد', meaning: "the merchant's national code or national ID is on Shaparak's blacklist (or its status is blacklisted): request, verify and the page, until it leaves the list" },
  invalidAmount: { status: -5, http: 400, message: 'مبلغ پرداخت نامعتبر است', meaning: "amount is not a whole number of Rial, or outside the merchant's minimum and maximum" },
  callbackNotRegistered: { status: -6, http: 400, message: 'آدرس بازگشت در سایت‌های ثبت‌شده پذیرنده نیست', meaning: "callback's host is not one of the merchant's registered sites" },
  unknownAuthority: { status: -7, http: 404, message: 'پرداخت نامعتبر است', meaning: 'no payment has this authority' },
  authorityExpired: { status: -8, http: 410, message: 'مهلت پرداخت به پایان رسیده است', meaning: 'the payment was not made within the authority lifetime' },
  notPaid: { status: -9, http: 409, message: 'پرداخت هنوز انجام نشده است', meaning: 'verify of a payment the buyer has not made (yet)' },
  cancelled: { status: -10, http: 409, message: 'پرداخت توسط خریدار لغو شده است', meaning: 'verify of a payment the buyer cancelled' },
  paymentFailed: { status: -11, http: 409, message: 'پرداخت ناموفق بوده است', meaning: 'verify of a payment that failed (the answer names why)' },
  amountMismatch: { status: -12, http: 400, message: 'مبلغ تراکنش با مبلغ سبد خرید یکسان نیست', meaning: 'verify with an amount other than the payment’s' },
  otherMerchant: { status: -13, http: 403, message: 'این پرداخت متعلق به پذیرنده دیگری است', meaning: "verify with another merchant's API key" },
  // Named by the help centre (line 146) without a number: the next free one (docs/decisions/007-freepay-fidelity.md).
  paymentInfoIncorrect: { status: -14, http: 409, message: 'اطلاعات پرداخت صحیح نیست', meaning: 'verify of a payment that failed because what the buyer typed is not the card’s (PIN2, CVV2 or expiry; the answer names why)' },
  serviceUnavailable: { status: -20, http: 503, message: 'سرویس پرداخت موقتاً در دسترس نیست', meaning: 'an emulated outage (scenario or X-Sandbox-Error only)' },
  notFound: { status: -21, http: 404, message: 'آدرس درخواست‌شده وجود ندارد', meaning: 'no Freepay route has this path and method' },
  // The merchant onboarding and panel sections (accounts/catalog.ts).
  ...accountCodes,
} as const satisfies Record<string, FreepayCode>;

export type FreepayCodeName = keyof typeof freepayCodes;

/** Codes by their `status` number. */
export const codeByStatus = new Map<number, FreepayCodeName>(
  (Object.entries(freepayCodes) as [FreepayCodeName, FreepayCode][]).map(([name, code]) => [code.status, name]),
);

/** Query parameters of GET /panel/transactions. */
export const panelFilters = {
  status: 'status',
  from: 'from',
  to: 'to',
  amount: 'amount',
  minAmount: 'min_amount',
  maxAmount: 'max_amount',
  card: 'card',
  authority: 'authority',
  /** The tracking code the buyer was shown (ref_id of verify and the panel). */
  refId: 'ref_id',
  orderId: 'order_id',
  page: 'page',
  perPage: 'per_page',
} as const;

/** Settlements run at this hour (Tehran) on business days: not Fridays, not official holidays. */
export const settlementHour = 10;

/** Endpoint ids (for the journal, scenarios and X-Sandbox-Error) and the error codes each answers. */
export const freepayEndpoints = {
  'payment-request': ['invalidInput', 'invalidApiKey', 'merchantInactive', 'merchantBlacklisted', 'invalidAmount', 'callbackNotRegistered', 'serviceUnavailable'],
  'payment-gateway': ['unknownAuthority', 'authorityExpired', 'merchantBlacklisted', 'serviceUnavailable'],
  'payment-verify': ['invalidInput', 'invalidApiKey', 'merchantBlacklisted', 'unknownAuthority', 'authorityExpired', 'notPaid', 'cancelled', 'paymentFailed', 'paymentInfoIncorrect', 'amountMismatch', 'otherMerchant', 'serviceUnavailable'],
  'panel-transactions': ['invalidInput', 'invalidApiKey', 'serviceUnavailable'],
  'panel-transaction': ['invalidApiKey', 'unknownAuthority', 'serviceUnavailable'],
  'panel-settlements': ['invalidApiKey', 'serviceUnavailable'],
  ...accountEndpoints,
} as const satisfies Record<string, readonly FreepayCodeName[]>;

export type FreepayEndpointId = keyof typeof freepayEndpoints;
export const freepayEndpointIds = Object.keys(freepayEndpoints) as FreepayEndpointId[];

/**
 * The code an endpoint documents under this name: a code name (`amountMismatch`) or its status
 * number (`-12`); undefined when the endpoint does not answer it.
 */
export function documentedFreepayCode(endpointId: string, code: string): FreepayCodeName | undefined {
  const documented = freepayEndpoints[endpointId as FreepayEndpointId] as readonly FreepayCodeName[] | undefined;
  if (!documented) return undefined;
  const name = /^-?\d+$/.test(code.trim()) ? codeByStatus.get(Number(code)) : (code as FreepayCodeName);
  return name !== undefined && documented.includes(name) ? name : undefined;
}

// The test cards and failure reasons are the card page's, shared with every gateway (src/web):
// Freepay names them here too so its README tables and tests read them from its catalog.
export { failureClasses, failureClassOf, failureReasons, testCards, type FailureClass, type FailureReason, type TestCardOutcome } from '../../web/cards.js';
