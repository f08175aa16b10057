/** @jsxImportSource hono/jsx */
// The gateway page the buyer sees: Persian, right to left, usable on a phone. Server-rendered;
// a few lines of script group the card number as it is typed and count down to the expiry.
import type { FC, PropsWithChildren } from 'hono/jsx';
import { testCards } from './catalog.js';
import type { FormField } from './payments.js';

const style = `
*{box-sizing:border-box}
body{margin:0;font-family:Tahoma,Vazirmatn,sans-serif;background:#eef1f5;color:#1d2733;direction:rtl}
main{max-width:460px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:16px;margin-bottom:12px}
h1{font-size:18px;margin:0 0 8px}
.row{display:flex;justify-content:space-between;margin:6px 0}
.amount{font-size:20px;font-weight:bold}
label{display:block;margin:12px 0 4px;font-size:14px}
input{width:100%;padding:10px;font-size:16px;border:1px solid #c7ced8;border-radius:8px;direction:ltr;text-align:center}
.pair{display:flex;gap:8px}
.pair input{flex:1}
.error{color:#b3261e;font-size:13px;margin-top:4px}
.alert{background:#fdecea;color:#b3261e;border-radius:8px;padding:10px;margin-bottom:8px}
.captcha{display:flex;gap:8px;align-items:center}
.captcha output{font-family:monospace;font-size:20px;letter-spacing:4px;background:#f3f5f8;padding:8px 12px;border-radius:8px;direction:ltr}
.buttons{display:flex;gap:8px;margin-top:16px}
button{flex:1;padding:12px;font-size:16px;border:0;border-radius:8px;cursor:pointer}
button.pay{background:#1565c0;color:#fff}
button.cancel{background:#e0e4ea;color:#1d2733}
.countdown{font-family:monospace;direction:ltr}
.sandbox{font-size:13px;background:#fff8e1;border:1px dashed #d4a300}
.sandbox table{width:100%;border-collapse:collapse}
.sandbox td{padding:3px;border-bottom:1px solid #f0e2b0}
.sandbox td:first-child{font-family:monospace;direction:ltr;white-space:nowrap}
`;

// The browser's own clock only counts down the seconds the server reckoned on the tenant clock.
const script = `
(function(){
  var card=document.getElementById('card');
  if(card){card.addEventListener('input',function(){
    var d=card.value.replace(/[^0-9۰-۹]/g,'').slice(0,16);
    card.value=d.replace(/(.{4})(?=.)/g,'$1 ');
  });}
  var out=document.getElementById('countdown');
  if(out){var end=Number(out.getAttribute('data-expires-in'))*1000+Date.now();
    var tick=function(){var left=Math.max(0,Math.round((end-Date.now())/1000));
      out.textContent=String(Math.floor(left/60)).padStart(2,'0')+':'+String(left%60).padStart(2,'0');
      if(left===0){var pay=document.querySelector('button.pay');if(pay)pay.disabled=true;}
      else setTimeout(tick,1000);};tick();}
})();`;

const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="fa" dir="rtl">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <style dangerouslySetInnerHTML={{ __html: style }} />
    </head>
    <body>
      <main>{children}</main>
    </body>
  </html>
);

export const rial = (amount: number) => `${amount.toLocaleString('fa-IR')} ریال`;

export interface PaymentPageProps {
  action: string;
  merchantName: string;
  amountRial: number;
  description: string | null;
  authority: string;
  expiresInSeconds: number;
  captcha: string;
  values: Partial<Record<FormField, string>>;
  errors: Partial<Record<FormField, string>>;
  alert?: string | undefined;
}

const FieldError: FC<{ message: string | undefined; id: string }> = ({ message, id }) =>
  message ? (
    <div class="error" id={id} role="alert">
      {message}
    </div>
  ) : null;

export const PaymentPage: FC<PaymentPageProps> = (p) => (
  <Layout title={`پرداخت به ${p.merchantName}`}>
    <section class="card">
      <h1>درگاه پرداخت فری‌پی (محیط آزمایشی)</h1>
      <div class="row">
        <span>پذیرنده</span>
        <strong id="merchant">{p.merchantName}</strong>
      </div>
      <div class="row">
        <span>مبلغ</span>
        <strong class="amount" id="amount">
          {rial(p.amountRial)}
        </strong>
      </div>
      {p.description ? (
        <div class="row">
          <span>بابت</span>
          <span>{p.description}</span>
        </div>
      ) : null}
      <div class="row">
        <span>زمان باقی‌مانده</span>
        <span class="countdown" id="countdown" data-expires-in={String(p.expiresInSeconds)}>
          {`${String(Math.floor(p.expiresInSeconds / 60)).padStart(2, '0')}:${String(p.expiresInSeconds % 60).padStart(2, '0')}`}
        </span>
      </div>
      <div class="row">
        <span>شماره پیگیری درخواست</span>
        <span dir="ltr">{p.authority}</span>
      </div>
    </section>
    <form class="card" method="post" action={p.action} autocomplete="off" novalidate>
      {p.alert ? <div class="alert" role="alert">{p.alert}</div> : null}
      <label for="card">شماره کارت</label>
      <input id="card" name="card" inputmode="numeric" placeholder="---- ---- ---- ----" value={p.values.card ?? ''} aria-describedby="card-error" />
      <FieldError id="card-error" message={p.errors.card} />
      <label for="pin2">رمز دوم (رمز اینترنتی)</label>
      <input id="pin2" name="pin2" type="password" inputmode="numeric" maxlength={12} />
      <FieldError id="pin2-error" message={p.errors.pin2} />
      <label for="cvv2">CVV2</label>
      <input id="cvv2" name="cvv2" inputmode="numeric" maxlength={4} />
      <FieldError id="cvv2-error" message={p.errors.cvv2} />
      <label for="expMonth">تاریخ انقضا (ماه / سال)</label>
      <div class="pair">
        <input id="expMonth" name="expMonth" inputmode="numeric" maxlength={2} placeholder="ماه" value={p.values.expMonth ?? ''} />
        <input id="expYear" name="expYear" inputmode="numeric" maxlength={2} placeholder="سال" value={p.values.expYear ?? ''} />
      </div>
      <FieldError id="expiry-error" message={p.errors.expMonth} />
      <label for="captcha">کد امنیتی</label>
      <div class="captcha">
        <input id="captcha" name="captcha" inputmode="numeric" maxlength={5} />
        <output id="captcha-answer" title="در محیط آزمایشی پاسخ کد امنیتی نمایش داده می‌شود">
          {p.captcha}
        </output>
      </div>
      <FieldError id="captcha-error" message={p.errors.captcha} />
      <label for="email">ایمیل (اختیاری، برای رسید)</label>
      <input id="email" name="email" type="email" value={p.values.email ?? ''} />
      <FieldError id="email-error" message={p.errors.email} />
      <div class="buttons">
        <button class="pay" type="submit" name="action" value="pay">
          پرداخت
        </button>
        <button class="cancel" type="submit" name="action" value="cancel">
          انصراف
        </button>
      </div>
    </form>
    <section class="card sandbox" aria-label="کارت‌های آزمایشی">
      <strong>کارت‌های آزمایشی</strong>
      <p>هر کارت معتبر دیگری پرداخت موفق دارد. رمز دوم، CVV2 و تاریخ انقضای آینده دلخواه است.</p>
      <table>
        <tbody>
          {testCards.map((card) => (
            <tr>
              <td>{card.number.replace(/(.{4})(?=.)/g, '$1 ')}</td>
              <td>{card.noteFa}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
    <script dangerouslySetInnerHTML={{ __html: script }} />
  </Layout>
);

export const closedMessages = {
  expired: 'مهلت این پرداخت به پایان رسیده است. به فروشگاه بازگردید و دوباره اقدام کنید.',
  used: 'این پرداخت پیش‌تر انجام یا لغو شده است و دوباره قابل استفاده نیست.',
  unknown: 'پرداختی با این شناسه وجود ندارد.',
  unavailable: 'سرویس پرداخت موقتاً در دسترس نیست. لطفاً بعداً دوباره تلاش کنید.',
} as const;

export const ClosedPage: FC<{ reason: keyof typeof closedMessages; merchantName?: string | undefined }> = ({ reason, merchantName }) => (
  <Layout title="درگاه پرداخت فری‌پی">
    <section class="card">
      <h1>درگاه پرداخت فری‌پی (محیط آزمایشی)</h1>
      {merchantName ? <p>پذیرنده: {merchantName}</p> : null}
      <p class="alert" id="closed" data-reason={reason} role="alert">
        {closedMessages[reason]}
      </p>
    </section>
  </Layout>
);
