// The webhook events Freepay sends (docs/webhooks.md "Freepay events"): a leaf module, so the
// merchant's settings can name them without reaching the code that emits them.

/** Every Freepay event type, in the order a payment's life meets them. */
export const freepayEventTypes = [
  'freepay.payment.paid',
  'freepay.payment.failed',
  'freepay.payment.cancelled',
  'freepay.payment.verified',
  'freepay.payment.reversed',
  'freepay.settlement.done',
] as const;

export type FreepayEventType = (typeof freepayEventTypes)[number];
