/** @jsxImportSource hono/jsx */
// The consent page the person's SMS links to (spec/ice.md §4): who asks (the business's official
// name as it was when it asked) for what, the tracking code, who pays and how much, until when
// the person may answer, and Approve / Reject; or, once answered, what became of the request.
import type { FC, PropsWithChildren } from 'hono/jsx';
import { faDigits, fontFace, LabelledRow, PersianPage, renderedHtml, rial } from '../../../web/index.js';
import { bankNames, banks } from '../charges.js';
import type { ReportRow, ReportState } from '../reports/row.js';
import { jalaliParts } from '../time.js';
import { consentStyle, iceName } from './look.js';

/** ASCII digits as Persian ones, as the page writes every number. */
export const fa = (s: string) => faDigits(s);

/** A Jalali day and Tehran time in Persian digits: ۱۴۰۵/۰۹/۰۹ ساعت ۱۴:۵۳. */
export const shownAt = (epochMs: number) => {
  const { date, time } = jalaliParts(epochMs);
  return `${fa(date)} ساعت ${fa(time)}`;
};

/** What became of a request the person can no longer answer, in the person's words. */
export function stateWords(r: ReportRow): string {
  const who = `«${r.businessName}»`;
  const words: Record<Exclude<ReportState, 'pending'>, string> = {
    viewable: `این درخواست را تأیید کرده‌اید؛ ${who} اکنون می‌تواند گزارش اعتباری شما را ببیند${r.viewableUntilMs === null ? '' : ` (تا ${shownAt(r.viewableUntilMs)})`}.`,
    archived: `این درخواست را تأیید کرده‌اید؛ مهلت مشاهده گزارش برای ${who} به پایان رسیده است.`,
    rejected: `این درخواست را رد کرده‌اید؛ گزارش اعتباری شما در اختیار ${who} قرار نگرفت.`,
    expired: `مهلت پاسخ به این درخواست به پایان رسیده است؛ گزارش اعتباری شما در اختیار ${who} قرار نگرفت.`,
    deleted: `${who} این درخواست را حذف کرده است؛ پاسخی از شما لازم نیست.`,
  };
  return r.state === 'pending' ? 'در انتظار پاسخ شما' : words[r.state];
}

const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <PersianPage title={title} style={fontFace() + consentStyle}>
    <header class="brand">
      <span class="mark" aria-hidden="true">
        آیس
      </span>
      <div>
        <h1>{iceName}</h1>
        <span class="sub">رضایت برای ارائه گزارش اعتباری (محیط آزمایشی)</span>
      </div>
    </header>
    {children}
  </PersianPage>
);

const Row: FC<PropsWithChildren<{ label: string; id: string; ltr?: boolean; class?: string }>> = (p) => (
  <LabelledRow label={p.label}>
    <strong id={p.id} class={[p.ltr ? 'ltr' : '', p.class ?? ''].join(' ').trim() || undefined}>
      {p.children}
    </strong>
  </LabelledRow>
);

const subjectOf = (r: ReportRow) =>
  r.personType === 'natural' ? 'گزارش اعتباری (کارنامه اعتباری) شما' : `گزارش اعتباری شرکت با شناسه ملی ${fa(r.nationalId ?? '')}`;

/** The paid amount of a person-paid approval, shown beside its outcome. */
export interface PaidCharge {
  amountRial: number;
  bankName: string;
  reference: string | null;
}

export interface ConsentPageProps {
  report: ReportRow;
  /** Where Approve and Reject post. */
  action: string;
  /** How long an approved report stays open to the business (tenant setting). */
  viewableHours: number;
  /** A line above the rest: a failed payment, a form that could not be read. */
  alert?: string | undefined;
  paid?: PaidCharge | undefined;
}

const Price: FC<{ r: ReportRow }> = ({ r }) =>
  r.payer === 'credit' ? (
    <p id="payer" data-payer="credit">
      هزینه گزارش را {`«${r.businessName}»`} پرداخت کرده است؛ پرداختی از سوی شما لازم نیست.
    </p>
  ) : (
    <div id="payer" data-payer="person">
      <p>هزینه گزارش با شماست و هنگام تأیید از طریق درگاه بانک پرداخت می‌شود.</p>
      <Row label="هزینه گزارش" id="report-price">
        {rial(r.reportRial)}
      </Row>
      <Row label="مالیات بر ارزش افزوده" id="vat">
        {rial(r.vatRial)}
      </Row>
      <Row label="مبلغ قابل پرداخت" id="total" class="total">
        {rial(r.totalRial)}
      </Row>
    </div>
  );

const Answer: FC<{ r: ReportRow; action: string; viewableHours: number }> = ({ r, action, viewableHours }) => (
  <form class="card" method="post" action={action}>
    <p class="note">
      با تأیید، گزارش اعتباری شما به مدت {fa(String(viewableHours))} ساعت در اختیار {`«${r.businessName}»`} قرار می‌گیرد. با رد، گزارشی ارائه
      نمی‌شود.
    </p>
    {r.payer === 'person' ? (
      <fieldset>
        <legend>درگاه پرداخت</legend>
        {banks.map((bank, i) => (
          <label>
            <input type="radio" name="bank" value={bank} checked={i === 0} /> {bankNames[bank]}
          </label>
        ))}
      </fieldset>
    ) : null}
    <div class="buttons">
      <button class="approve" id="approve" type="submit" name="action" value="approve">
        {r.payer === 'person' ? 'تأیید و پرداخت' : 'تأیید'}
      </button>
      <button class="reject" id="reject" type="submit" name="action" value="reject">
        رد
      </button>
    </div>
  </form>
);

export const ConsentPage: FC<ConsentPageProps> = ({ report: r, action, viewableHours, alert, paid }) => (
  <Layout title={`درخواست گزارش اعتباری از سوی ${r.businessName}`}>
    {alert ? (
      <div class="alert" id="alert" role="alert">
        {alert}
      </div>
    ) : null}
    <section class="card">
      <h2>درخواست گزارش اعتباری</h2>
      <p id="lead">
        {`«${r.businessName}»`} درخواست دریافت {subjectOf(r)} را دارد.
      </p>
      <Row label="درخواست‌کننده" id="business">
        {r.businessName}
      </Row>
      {r.personType === 'natural' ? (
        <Row label="کد ملی" id="national-code" ltr>
          {fa(r.nationalCode ?? '')}
        </Row>
      ) : null}
      <Row label="کد رهگیری" id="tracking-code" ltr>
        {fa(r.trackingCode)}
      </Row>
      {r.state === 'pending' ? (
        <Row label="مهلت پاسخ" id="deadline">
          {shownAt(r.consentExpiresAtMs)}
        </Row>
      ) : null}
      {r.state === 'pending' ? <Price r={r} /> : null}
      {r.state === 'pending' ? null : (
        <p class="state" id="state" data-state={r.state} role="status">
          {stateWords(r)}
        </p>
      )}
      {paid ? (
        <p id="paid">
          مبلغ {rial(paid.amountRial)} از طریق {paid.bankName} پرداخت شد{paid.reference ? `؛ شماره مرجع ${fa(paid.reference)}` : ''}.
        </p>
      ) : null}
    </section>
    {r.state === 'pending' ? <Answer r={r} action={action} viewableHours={viewableHours} /> : null}
  </Layout>
);

/** Why there is no request to show: no request has the link's token, or an emulated outage. */
export const missingMessages = {
  unknown: 'درخواستی با این پیوند یافت نشد. پیوند را همان‌گونه که در پیامک آمده است باز کنید.',
  unavailable: 'سرویس موقتاً در دسترس نیست. لطفاً بعداً دوباره تلاش کنید.',
} as const;

export const MissingPage: FC<{ reason: keyof typeof missingMessages }> = ({ reason }) => (
  <Layout title={iceName}>
    <section class="card">
      <p class="alert" id="missing" data-reason={reason} role="alert">
        {missingMessages[reason]}
      </p>
    </section>
  </Layout>
);

export const renderConsentPage = (props: ConsentPageProps) => renderedHtml(<ConsentPage {...props} />);
export const renderMissingPage = (reason: keyof typeof missingMessages) => renderedHtml(<MissingPage reason={reason} />);
