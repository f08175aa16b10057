/** @jsxImportSource hono/jsx */
// The card payment page, one component for every gateway the sandbox emulates (Freepay's, and
// the Saman and Mellat pages a person pays an ICE report on): Persian, right to left, usable on
// a phone, server-rendered, every number in Persian digits; a few lines of script group the card
// number as it is typed, count down to the expiry and fill the form from a test card. The skin
// changes the look only, never the form.
import type { FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { toAsciiDigits } from '../core/world/numbers.js';
import { testCards } from './cards.js';
import type { FormErrors, FormValues } from './card-form.js';
import { faCardNumber, faDigits, rial, toman } from './digits.js';
import { fontFace } from './fonts.js';
import { pageScript, pageStyle } from './page-assets.js';
import { LabelledRow, PersianPage } from './persian-page.js';
import { testCardFill, type TestCardFill } from './test-card-fill.js';
import { gatewayTitle, skinStyle, skins, type Skin } from './skins.js';

/** Seconds as mm:ss in Persian digits, the countdown's first face before the script takes over. */
export const countdownText = (seconds: number) => faDigits(`${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`);

/**
 * The reference as the page shows it: a number (a Freepay authority) in Persian digits; an id with
 * Latin letters (an ICE charge's) as it is, since the payer copies it to quote it.
 */
const shownReference = (reference: string) => (/^\d+$/.test(reference) ? faDigits(reference) : reference);

/** A kept card number as the page shows it again: grouped in Persian digits when it is digits, else as typed. */
const shownCard = (typed: string) => (/^[\d۰-۹٠-٩\s-]+$/.test(typed) ? faCardNumber(toAsciiDigits(typed)) : typed);

const Layout: FC<PropsWithChildren<{ title: string; skin: Skin }>> = ({ title, skin, children }) => (
  <PersianPage title={title} style={styleOf(skin)} skin={skin}>
    {children}
  </PersianPage>
);

const Brand: FC<{ skin: Skin }> = ({ skin }) => {
  const look = skins[skin];
  return (
    <header class="brand">
      <span class="mark" aria-hidden="true">
        {look.mark}
      </span>
      <div>
        <h1>{gatewayTitle(skin)}</h1>
        {look.bankFa ? (
          <span class="bank" id="bank">
            {look.bankFa}
          </span>
        ) : null}
      </div>
    </header>
  );
};

export interface CardPageProps {
  skin: Skin;
  /** Where the form posts: Pay and Cancel both, as `action=pay|cancel`. */
  action: string;
  /** Who is paid: the merchant, or the business a report is bought for. */
  payeeName: string;
  amountRial: number;
  /** The payee's own words, shown as sent (digits too): the page writes its own numbers in Persian, not the payee's text. */
  description?: string | null | undefined;
  /** The payment's reference shown to the payer: a Freepay authority, a bank's token. */
  reference: string;
  /** Seconds left on the tenant clock; the script counts them down and then disables Pay. */
  expiresInSeconds: number;
  /** The tenant clock's now: the test cards fill in an expiry in its future. */
  nowMs: number;
  /** The captcha's answer (captchaOf(reference)), shown beside the field in the sandbox. */
  captcha: string;
  /** Fields typed before, shown again (never PIN2 or CVV2). */
  values?: FormValues | undefined;
  errors?: FormErrors | undefined;
  /** A line above the form, e.g. formAlert when there are errors. */
  alert?: string | undefined;
}

const FieldError: FC<{ message: string | undefined; id: string }> = ({ message, id }) =>
  message ? (
    <div class="error" id={id} role="alert">
      {message}
    </div>
  ) : null;

/** The sandbox's test cards; a click on one fills the form with it and the values below. */
const TestCards: FC<{ fill: TestCardFill }> = ({ fill }) => (
  <section class="card sandbox" aria-label="کارت‌های آزمایشی">
    <strong>کارت‌های آزمایشی</strong>
    <p>هر کارت معتبر دیگری پرداخت موفق دارد. رمز دوم، CVV2 و تاریخ انقضای آینده دلخواه است.</p>
    <p id="test-card-values">
      با زدن هر کارت فرم پر می‌شود: رمز دوم {faDigits(fill.pin2)}، CVV2 {faDigits(fill.cvv2)}، انقضا ماه {faDigits(fill.expMonth)} سال {faDigits(fill.expYear)}
    </p>
    <table>
      <tbody>
        {testCards.map((card) => (
          <tr>
            <td>
              <button class="fill" type="button" data-card={card.number} data-pin2={fill.pin2} data-cvv2={fill.cvv2} data-expmonth={fill.expMonth} data-expyear={fill.expYear}>
                {faCardNumber(card.number)}
              </button>
            </td>
            <td>{card.noteFa}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

// The style and the test-card box are the same on every page of a skin or a year: written once.
const styles = new Map<Skin, string>();
const styleOf = (skin: Skin) => styles.get(skin) ?? styles.set(skin, fontFace() + skinStyle(skin) + pageStyle).get(skin)!;
const testCardBoxes = new Map<string, string>();
const testCardsHtml = (fill: TestCardFill) => {
  const key = `${fill.pin2}/${fill.cvv2}/${fill.expMonth}/${fill.expYear}`;
  return testCardBoxes.get(key) ?? testCardBoxes.set(key, renderedHtml(<TestCards fill={fill} />)).get(key)!;
};

export const CardPage: FC<CardPageProps> = (p) => {
  const values = p.values ?? {};
  const errors = p.errors ?? {};
  return (
    <Layout title={`پرداخت به ${p.payeeName}`} skin={p.skin}>
      <Brand skin={p.skin} />
      <section class="card">
        <LabelledRow label="پذیرنده">
          <strong id="merchant">{p.payeeName}</strong>
        </LabelledRow>
        <LabelledRow label="مبلغ">
          <span>
            <strong class="amount" id="amount">
              {rial(p.amountRial)}
            </strong>
            <span class="toman" id="amount-toman">
              {toman(p.amountRial)}
            </span>
          </span>
        </LabelledRow>
        {p.description ? (
          <LabelledRow label="بابت">
            <span id="description">{p.description}</span>
          </LabelledRow>
        ) : null}
        <LabelledRow label="زمان باقی‌مانده">
          <span class="countdown" id="countdown" data-expires-in={String(p.expiresInSeconds)}>
            {countdownText(p.expiresInSeconds)}
          </span>
        </LabelledRow>
        <LabelledRow label="شماره پیگیری درخواست">
          <span dir="ltr" class="num" id="reference">
            {shownReference(p.reference)}
          </span>
        </LabelledRow>
      </section>
      <form class="card" method="post" action={p.action} autocomplete="off" novalidate>
        {p.alert ? (
          <div class="alert" role="alert">
            {p.alert}
          </div>
        ) : null}
        <label for="card">شماره کارت</label>
        <input id="card" name="card" inputmode="numeric" placeholder="---- ---- ---- ----" value={shownCard(values.card ?? '')} aria-describedby="card-error" />
        <FieldError id="card-error" message={errors.card} />
        <label for="pin2">رمز دوم (رمز اینترنتی)</label>
        <input id="pin2" name="pin2" type="password" inputmode="numeric" maxlength={12} />
        <FieldError id="pin2-error" message={errors.pin2} />
        <label for="cvv2">CVV2</label>
        <input id="cvv2" name="cvv2" inputmode="numeric" maxlength={4} />
        <FieldError id="cvv2-error" message={errors.cvv2} />
        <label for="expMonth">تاریخ انقضا (ماه / سال)</label>
        <div class="pair">
          <input id="expMonth" name="expMonth" inputmode="numeric" maxlength={2} placeholder="ماه" value={faDigits(values.expMonth ?? '')} />
          <input id="expYear" name="expYear" inputmode="numeric" maxlength={2} placeholder="سال" value={faDigits(values.expYear ?? '')} />
        </div>
        <FieldError id="expiry-error" message={errors.expMonth} />
        <label for="captcha">کد امنیتی</label>
        <div class="captcha">
          <input id="captcha" name="captcha" inputmode="numeric" maxlength={5} />
          <output id="captcha-answer" title="در محیط آزمایشی پاسخ کد امنیتی نمایش داده می‌شود">
            {faDigits(p.captcha)}
          </output>
        </div>
        <FieldError id="captcha-error" message={errors.captcha} />
        <label for="email">ایمیل (اختیاری، برای رسید)</label>
        <input id="email" name="email" type="email" value={values.email ?? ''} />
        <FieldError id="email-error" message={errors.email} />
        <div class="buttons">
          <button class="pay" type="submit" name="action" value="pay">
            پرداخت
          </button>
          <button class="cancel" type="submit" name="action" value="cancel">
            انصراف
          </button>
        </div>
      </form>
      {raw(testCardsHtml(testCardFill(p.nowMs)))}
      <script dangerouslySetInnerHTML={{ __html: pageScript }} />
    </Layout>
  );
};

/** Why a page shows no form: the payment can no longer be made, or it is finished. */
export const closedMessages = {
  expired: 'مهلت این پرداخت به پایان رسیده است. به فروشگاه بازگردید و دوباره اقدام کنید.',
  used: 'این پرداخت پیش‌تر انجام یا لغو شده است و دوباره قابل استفاده نیست.',
  unknown: 'پرداختی با این شناسه وجود ندارد.',
  unavailable: 'سرویس پرداخت موقتاً در دسترس نیست. لطفاً بعداً دوباره تلاش کنید.',
  refused: 'این پذیرنده در حال حاضر امکان دریافت پرداخت ندارد.',
  paid: 'پرداخت با موفقیت انجام شد.',
  cancelled: 'پرداخت لغو شد.',
  failed: 'پرداخت ناموفق بود.',
} as const;

export type ClosedReason = keyof typeof closedMessages;
export const closedReasons = Object.keys(closedMessages) as ClosedReason[];

export interface ClosedPageProps {
  skin: Skin;
  reason: ClosedReason;
  payeeName?: string | undefined;
  /** A second line, e.g. the bank's failure reason (failureReasons) for `failed`. */
  detail?: string | undefined;
  /** A link back to the payee's site, when the gateway knows it. */
  returnUrl?: string | undefined;
}

export const ClosedCardPage: FC<ClosedPageProps> = ({ skin, reason, payeeName, detail, returnUrl }) => (
  <Layout title={`درگاه پرداخت ${skins[skin].gatewayFa}`} skin={skin}>
    <Brand skin={skin} />
    <section class="card">
      {payeeName ? <p>پذیرنده: {payeeName}</p> : null}
      <p class={reason === 'paid' ? 'done' : 'alert'} id="closed" data-reason={reason} role={reason === 'paid' ? 'status' : 'alert'}>
        {closedMessages[reason]}
      </p>
      {detail ? <p id="closed-detail">{detail}</p> : null}
      {returnUrl ? (
        <a class="back" id="return" href={returnUrl}>
          بازگشت به {payeeName ?? 'پذیرنده'}
        </a>
      ) : null}
    </section>
  </Layout>
);

/**
 * A page's HTML as a string: hono's JSX renders synchronously unless a component is async, which
 * no page is; this says so to the type checker for a .ts caller, and fails loudly if one ever were.
 */
export function renderedHtml(node: { toString(): string | Promise<string> }): string {
  const html = node.toString();
  if (typeof html !== 'string') throw new Error('a page rendered asynchronously');
  return html;
}

/** The card page as an HTML string, for `c.html(renderCardPage(props))` from a .ts file. */
export const renderCardPage = (props: CardPageProps): string => renderedHtml(<CardPage {...props} />);

/** The closed or finished page as an HTML string. */
export const renderClosedPage = (props: ClosedPageProps): string => renderedHtml(<ClosedCardPage {...props} />);
