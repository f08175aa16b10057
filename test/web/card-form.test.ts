// The card form's check, shared by every card page: a table of edge cases on a fixed tenant
// day (2026-11-23 is 1405/09/02 in Tehran), the captcha per reference, and the test cards' outcomes.
import { describe, expect, it } from 'vitest';
import { captchaOf, checkCardForm, formMessages, keptValues, maskPan, outcomeOf, testCards, type CardForm } from '../../src/web/index.js';

const nowMs = Date.parse('2026-11-23T08:00:00Z');
const good: CardForm = { card: '6037990000010013', pin2: '12345', cvv2: '123', expMonth: '9', expYear: '05', captcha: captchaOf('tok-1') };

describe('checkCardForm', () => {
  it.each<[string, CardForm, ReturnType<typeof checkCardForm>]>([
    ['a good form', good, { ok: true, card: '6037990000010013' }],
    ['Persian digits, spaces and dashes', { ...good, card: '۶۰۳۷ ۹۹۰۰-۰۰۰۱ ۰۰۱۳', pin2: '۱۲۳۴۵', expMonth: '۰۹' }, { ok: true, card: '6037990000010013' }],
    ['an e-mail, trimmed', { ...good, email: ' a@b.ir ' }, { ok: true, card: '6037990000010013', email: 'a@b.ir' }],
    ['no card', { ...good, card: '' }, { ok: false, errors: { card: formMessages.cardRequired } }],
    ['a bad check digit', { ...good, card: '6037990000010014' }, { ok: false, errors: { card: formMessages.cardInvalid } }],
    ['15 digits', { ...good, card: '603799000001001' }, { ok: false, errors: { card: formMessages.cardInvalid } }],
    ['PIN2 of 4 digits', { ...good, pin2: '1234' }, { ok: false, errors: { pin2: formMessages.pin2Invalid } }],
    ['PIN2 of 13 digits', { ...good, pin2: '1234567890123' }, { ok: false, errors: { pin2: formMessages.pin2Invalid } }],
    ['CVV2 of 2 digits', { ...good, cvv2: '12' }, { ok: false, errors: { cvv2: formMessages.cvv2Invalid } }],
    ['month 13', { ...good, expMonth: '13' }, { ok: false, errors: { expMonth: formMessages.expiryInvalid } }],
    ['a four-digit year', { ...good, expYear: '1405' }, { ok: false, errors: { expMonth: formMessages.expiryInvalid } }],
    ['last Jalali month', { ...good, expMonth: '08' }, { ok: false, errors: { expMonth: formMessages.expiryPast } }],
    ['the wrong captcha', { ...good, captcha: '00000' }, { ok: false, errors: { captcha: formMessages.captchaWrong } }],
    ['another reference’s captcha', { ...good, captcha: captchaOf('tok-2') }, { ok: false, errors: { captcha: formMessages.captchaWrong } }],
    ['a bad e-mail', { ...good, email: 'x' }, { ok: false, errors: { email: formMessages.emailInvalid } }],
  ])('%s', (_name, form, expected) => {
    expect(checkCardForm(form, 'tok-1', nowMs, true)).toEqual(expected);
  });

  it('skips the captcha when told to (a control call acting as the payer)', () => {
    expect(checkCardForm({ ...good, captcha: undefined }, 'tok-1', nowMs, false)).toEqual({ ok: true, card: '6037990000010013' });
  });

  it('keeps only the fields that are not the card’s secrets', () => {
    expect(keptValues({ ...good, email: 'a@b.ir' })).toEqual({ card: '6037990000010013', expMonth: '9', expYear: '05', email: 'a@b.ir' });
  });
});

describe('captchaOf', () => {
  it('is five digits, the same for a reference every time', () => {
    expect(captchaOf('tok-1')).toMatch(/^\d{5}$/);
    expect(captchaOf('tok-1')).toBe(captchaOf('tok-1'));
  });
});

describe('outcomeOf and maskPan', () => {
  it.each(testCards.map((card) => [card.number, card.outcome]))('card %s leads to %s', (number, outcome) => {
    expect(outcomeOf(number)).toBe(outcome);
  });

  it('any other card succeeds', () => {
    expect(outcomeOf('6037990000010021')).toBe('success');
  });

  it('masks all but the first six and last four digits', () => {
    expect(maskPan('6037990000010013')).toBe('603799******0013');
  });
});
