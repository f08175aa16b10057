// The sandbox's test cards and what each leads to, shared by every card page (Freepay's
// gateway, the Saman and Mellat pages of ICE): one list, so a card means the same everywhere.

/** Why a payment failed: the bank's answer, shown to the payer and returned by the provider's API. */
export const failureReasons = {
  insufficient_funds: 'موجودی حساب کافی نیست',
  wrong_pin2: 'رمز دوم کارت نادرست است',
  card_expired: 'تاریخ اعتبار کارت به پایان رسیده است',
  card_blocked: 'کارت مسدود یا مفقود اعلام شده است',
  issuer_unavailable: 'بانک صادرکننده کارت در دسترس نیست',
  issuer_timeout: 'پاسخی از بانک صادرکننده دریافت نشد',
  deducted_then_failed: 'تراکنش ناموفق بود؛ مبلغ کسرشده حداکثر تا ۷۲ ساعت کاری به کارت بازمی‌گردد',
  deducted_returned_soon: 'تراکنش ناموفق بود؛ مبلغ کسرشده طی چند دقیقه به کارت بازمی‌گردد',
  psp_switch_error: 'خطا در سوئیچ شرکت ارائه‌دهنده خدمات پرداخت',
  shaparak_switch_error: 'خطا در سوئیچ شاپرک',
  system_operation: 'تراکنش به علت عملیات راهبری سامانه انجام نشد',
  payment_info_incorrect: 'CVV2 یا تاریخ انقضای واردشده با اطلاعات کارت نزد بانک یکسان نیست',
  shetab_discrepancy: 'مغایرت در شبکه شتاب؛ مبلغ کسرشده طی دو روز کاری به کارت بازمی‌گردد',
} as const;

export type FailureReason = keyof typeof failureReasons;

/**
 * Shaparak's five classes of failed transaction, by whose fault it is (Freepay's help centre,
 * seed 002 lines 173–177): the PSP's switch, the card holder, the issuing bank or Shetab,
 * Shaparak's switch, or the running of the system with no party at fault.
 */
export const failureClasses = {
  acceptor: 'خطای پذیرندگی',
  user: 'خطای کاربری',
  issuer: 'خطای صادرکنندگی',
  shaparak: 'خطای شاپرکی',
  business: 'خطای کسب‌وکار',
} as const;

export type FailureClass = keyof typeof failureClasses;

/** The class of each failure: a new reason must say whose fault it is (docs/decisions/007-freepay-fidelity.md). */
export const failureClassOf: Record<FailureReason, FailureClass> = {
  insufficient_funds: 'user',
  wrong_pin2: 'user',
  card_expired: 'user',
  // Blocked or reported lost: the holder's card, not a fault of the bank or a switch.
  card_blocked: 'user',
  payment_info_incorrect: 'user',
  issuer_unavailable: 'issuer',
  issuer_timeout: 'issuer',
  shetab_discrepancy: 'issuer',
  // Taken from the card, then the PSP's switch failed to finish the payment.
  deducted_then_failed: 'acceptor',
  deducted_returned_soon: 'acceptor',
  psp_switch_error: 'acceptor',
  shaparak_switch_error: 'shaparak',
  system_operation: 'business',
};

export type TestCardOutcome = 'success' | FailureReason | 'buyer_cancels';

export interface TestCard {
  number: string;
  bank: string;
  outcome: TestCardOutcome;
  /** English, for the README and test values. */
  note: string;
  /** Persian, for the page's box of test cards. */
  noteFa: string;
}

/**
 * Sandbox test cards: valid Luhn check digits and real bank prefixes. Any other valid card
 * succeeds. Expiry, PIN2 and CVV2 may be anything well formed (expiry not in the past).
 */
export const testCards: readonly TestCard[] = [
  { number: '6037990000010013', bank: 'MELLI', outcome: 'success', note: 'paid; verify succeeds', noteFa: 'پرداخت موفق' },
  { number: '6104330000020027', bank: 'MELLAT', outcome: 'insufficient_funds', note: 'refused by the issuer: not enough money', noteFa: 'ناموفق: موجودی کافی نیست' },
  { number: '5892100000030039', bank: 'SEPAH', outcome: 'wrong_pin2', note: 'refused: wrong PIN2 (whatever PIN2 is typed)', noteFa: 'ناموفق: رمز دوم نادرست (هر رمزی وارد شود)' },
  { number: '6274120000040040', bank: 'EGHTESAD_NOVIN', outcome: 'card_expired', note: 'refused by the issuer: the card has expired (whatever expiry is typed)', noteFa: 'ناموفق: کارت منقضی شده است' },
  { number: '6221060000050058', bank: 'PARSIAN', outcome: 'card_blocked', note: 'refused: card blocked or reported lost', noteFa: 'ناموفق: کارت مسدود یا مفقود' },
  { number: '6219860000060062', bank: 'SAMAN', outcome: 'issuer_unavailable', note: 'refused: the issuing bank is unavailable', noteFa: 'ناموفق: بانک صادرکننده در دسترس نیست' },
  { number: '6273530000070071', bank: 'TEJARAT', outcome: 'buyer_cancels', note: 'the buyer cancels at the bank step: back to the callback as cancelled', noteFa: 'انصراف خریدار در مرحله بانک' },
  { number: '6037690000080087', bank: 'SADERAT', outcome: 'issuer_timeout', note: "no answer from the issuer: the page waits (the merchant's issuerTimeoutMs), then fails", noteFa: 'بانک پاسخ نمی‌دهد: صفحه منتظر می‌ماند و سپس ناموفق' },
  { number: '5022290000090092', bank: 'PASARGAD', outcome: 'deducted_then_failed', note: 'money taken but the payment failed: returned to the card at the latest, 72 working hours later (Fridays and holidays skipped; tenant clock)', noteFa: 'مبلغ کسر می‌شود ولی پرداخت ناموفق است؛ پس از ۷۲ ساعت کاری بازمی‌گردد' },
  { number: '6274880000100108', bank: 'KARAFARIN', outcome: 'psp_switch_error', note: "refused by the PSP's switch", noteFa: 'ناموفق: خطای سوئیچ پرداخت‌یار (خطای پذیرندگی)' },
  { number: '6277600000110114', bank: 'POST', outcome: 'shaparak_switch_error', note: "refused by Shaparak's switch", noteFa: 'ناموفق: خطای سوئیچ شاپرک (خطای شاپرکی)' },
  { number: '6393460000120129', bank: 'SINA', outcome: 'system_operation', note: 'stopped by the running of the system, nobody at fault', noteFa: 'ناموفق: عملیات راهبری سامانه (خطای کسب‌وکار)' },
  { number: '6279610000130135', bank: 'SANAT_VA_MADAN', outcome: 'payment_info_incorrect', note: "refused: the CVV2 or expiry typed is not the card's (whatever is typed); payment information is not correct", noteFa: 'ناموفق: اطلاعات پرداخت صحیح نیست (هر CVV2 و تاریخی وارد شود)' },
  { number: '6276480000140143', bank: 'TOSEAH_SADERAT', outcome: 'shetab_discrepancy', note: 'money taken but a Shetab discrepancy failed the payment: returned to the card two working days later (tenant clock)', noteFa: 'مغایرت شتاب: مبلغ کسر می‌شود و پس از دو روز کاری بازمی‌گردد' },
  { number: '6280230000200205', bank: 'MASKAN', outcome: 'deducted_returned_soon', note: 'money taken but the payment failed: returned to the card 10 minutes later (tenant clock)', noteFa: 'مبلغ کسر می‌شود ولی پرداخت ناموفق است؛ ۱۰ دقیقه بعد بازمی‌گردد' },
];

export const testCardByNumber = new Map(testCards.map((c) => [c.number, c]));

/** The outcome a card number (16 ASCII digits) leads to: a test card's, else success. */
export const outcomeOf = (card: string): TestCardOutcome => testCardByNumber.get(card)?.outcome ?? 'success';

/** A card as the provider stores and shows it: the first six and last four digits. */
export const maskPan = (card: string) => `${card.slice(0, 6)}******${card.slice(-4)}`;

/** A card number in groups of four, as printed on the card and shown in the test-card box. */
export const groupedPan = (card: string) => card.replace(/(.{4})(?=.)/g, '$1 ');
