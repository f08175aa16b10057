// Everything ICE's HTTP API names, in one place: its error codes with their HTTP statuses and
// Persian messages, and each endpoint with the codes it answers. ICE publishes no API (spec
// ../shared/spec/ice.md §8), so the codes are the sandbox's own; the README, /openapi.json,
// scenarios and X-Sandbox-Error are all built from this module.

export interface IceCode {
  http: number;
  message: string;
  /** When it is answered. */
  meaning: string;
}

export const iceCodes = {
  invalidInput: { http: 400, message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', meaning: 'a field is missing or malformed, or the body is not JSON; `errors` names the fields' },
  unknownTenant: { http: 400, message: 'محیط آزمایشی نام‌برده وجود ندارد', meaning: 'X-Sandbox-Tenant names no tenant' },
  unauthorized: { http: 401, message: 'ابتدا وارد حساب کاربری شوید', meaning: 'no bearer token, a token this sandbox did not issue, or one from before a password change' },
  tokenExpired: { http: 401, message: 'نشست شما به پایان رسیده است؛ دوباره وارد شوید', meaning: 'the access token expired on the tenant clock' },
  loginFailed: { http: 401, message: 'نام کاربری یا رمز عبور نادرست است', meaning: 'no business has this username or mobile, or the password is wrong' },
  wrongPassword: { http: 403, message: 'رمز عبور فعلی نادرست است', meaning: 'a password change with a wrong current password' },
  mobileTaken: { http: 409, message: 'این شماره همراه پیش‌تر ثبت شده است', meaning: 'registration with a mobile another business of the tenant has' },
  usernameTaken: { http: 409, message: 'این نام کاربری پیش‌تر انتخاب شده است', meaning: 'a username another business of the tenant has' },
  weakPassword: { http: 400, message: 'رمز عبور باید دست‌کم ۸ نویسه و شامل حرف بزرگ، حرف کوچک و عدد باشد', meaning: 'a password that breaks the documented rules' },
  invalidUsername: { http: 400, message: 'نام کاربری باید ۴ تا ۳۲ نویسه از حروف انگلیسی، عدد، نقطه یا زیرخط باشد و با حرف آغاز شود', meaning: 'a username that breaks the documented rules' },
  registrationNotFound: { http: 404, message: 'درخواست ثبت‌نام یافت نشد', meaning: 'no registration of the tenant has this id' },
  codeWrong: { http: 400, message: 'کد تأیید نادرست است', meaning: 'the code is not the one sent; `triesLeft` says how many tries remain' },
  codeExpired: { http: 410, message: 'مهلت کد تأیید به پایان رسیده است؛ کد جدید دریافت کنید', meaning: 'the code’s lifetime passed on the tenant clock' },
  codeUsed: { http: 409, message: 'این کد تأیید پیش‌تر استفاده شده است', meaning: 'the code was already accepted' },
  codeTooManyTries: { http: 429, message: 'تعداد تلاش‌های نادرست بیش از حد مجاز است؛ کد جدید دریافت کنید', meaning: 'too many wrong codes: the code is void until a new one is sent' },
  resendTooSoon: { http: 429, message: 'ارسال دوباره کد تا پایان شمارش معکوس ممکن نیست', meaning: 'resend before the countdown ends; `retryAfterSeconds` says when' },
  mobileNotVerified: { http: 409, message: 'ابتدا شماره همراه را تأیید کنید', meaning: 'registration step 3 before step 2' },
  registrationCompleted: { http: 409, message: 'این ثبت‌نام پیش‌تر تکمیل شده است', meaning: 'registration step 2 or 3 after the account was made' },
  resetNotFound: { http: 404, message: 'درخواست بازیابی رمز عبور یافت نشد', meaning: 'no password reset of the tenant has this id' },
  legalNotApproved: { http: 403, message: 'اطلاعات حقوقی کسب‌وکار هنوز تأیید نشده است', meaning: 'a report request, wallet charge or API onboarding call before the legal review approved the business' },
  legalUnderReview: { http: 409, message: 'اطلاعات حقوقی در حال بررسی است', meaning: 'sending legal information again while the review is pending' },
  legalApproved: { http: 409, message: 'اطلاعات حقوقی تأیید شده و قابل تغییر نیست', meaning: 'sending legal information again after approval' },
  documentMissing: { http: 400, message: 'هر دو مدرک باید بارگذاری شوند', meaning: 'legal information without both documents' },
  documentTooLarge: { http: 413, message: 'حجم هر مدرک حداکثر ۱۰ مگابایت است', meaning: 'a document over 10 MB' },
  documentType: { http: 415, message: 'مدرک باید تصویر jpg یا png یا فایل pdf باشد', meaning: 'a document whose content is not JPEG, PNG or PDF (judged by its bytes)' },
  invalidAmount: { http: 400, message: 'مبلغ شارژ نامعتبر است', meaning: 'a charge amount that is not a whole number of Rial within the limits' },
  chargeNotFound: { http: 404, message: 'تراکنش شارژ یافت نشد', meaning: 'no charge of the business has this id' },
  invalidNationalCode: { http: 400, message: 'کد ملی نامعتبر است', meaning: 'a national code whose check digit is wrong' },
  invalidNationalId: { http: 400, message: 'شناسه ملی نامعتبر است', meaning: 'a company national ID whose check digit is wrong' },
  invalidMobile: { http: 400, message: 'شماره همراه نامعتبر است', meaning: 'a mobile that is not an Iranian mobile number' },
  insufficientCredit: { http: 402, message: 'اعتبار کافی نیست؛ ابتدا اعتبار خود را افزایش دهید', meaning: 'payer credit with a balance below the price: nothing is debited' },
  reportNotFound: { http: 404, message: 'درخواست گزارش یافت نشد', meaning: 'no request of the business has this tracking code, or it was deleted (so a second delete answers it too)' },
  reportNotViewable: { http: 409, message: 'گزارش در دسترس نیست', meaning: 'the report body outside its viewable window: `state` says why' },
  apiStepOrder: { http: 409, message: 'ابتدا مرحله قبلی درخواست API را تکمیل کنید', meaning: 'an API onboarding step before the steps it follows; `requiredStep` names the first one left' },
  apiRequestLocked: { http: 409, message: 'درخواست API در حال انتقال به محیط لایو است و قابل تغییر نیست', meaning: 'changing company information or the IPs and webhook URL after the move to live was asked' },
  contractNotViewed: { http: 409, message: 'ابتدا متن قرارداد را به صورت کامل مطالعه کنید', meaning: 'accepting a contract whose text (this version) the business has not fetched' },
  contractVersionStale: { http: 409, message: 'نسخه قرارداد تغییر کرده است؛ متن جدید را مطالعه کنید', meaning: 'accepting a version that is not the current one; `currentVersion` names it' },
  invoicePaid: { http: 409, message: 'پیش فاکتور پیش‌تر پرداخت شده است', meaning: 'paying the API pro-forma invoice again' },
  apiNotLive: { http: 409, message: 'دسترسی API هنوز به محیط لایو منتقل نشده است', meaning: 'API credentials asked for before the move to live is done; `status` says where the request is' },
  apiCredentialsWrong: { http: 401, message: 'شناسه یا رمز کلاینت نادرست است', meaning: 'the token route with a client id the tenant never issued, or a secret that is not the current one' },
  ipNotAllowed: { http: 403, message: 'درخواست از نشانی IP ثبت‌شده ارسال نشده است', meaning: 'an API token (or the token route) used from an address that is not IP 1 or IP 2; `address` is the one seen' },
  serviceUnavailable: { http: 503, message: 'سرویس موقتاً در دسترس نیست', meaning: 'an emulated outage (scenario or X-Sandbox-Error only)' },
  payloadTooLarge: { http: 413, message: 'حجم درخواست بیش از حد مجاز است', meaning: 'a body past the route’s limit (README "Limits")' },
  notFound: { http: 404, message: 'آدرس درخواست‌شده وجود ندارد', meaning: 'no ICE route has this path and method' },
} as const satisfies Record<string, IceCode>;

export type IceCodeName = keyof typeof iceCodes;

const common = ['invalidInput', 'serviceUnavailable'] as const;
const signedIn = [...common, 'unauthorized', 'tokenExpired'] as const;
/** The report routes also take an API token, only from the business's listed IPs. */
const apiCaller = [...signedIn, 'ipNotAllowed'] as const;
const codes = ['codeWrong', 'codeExpired', 'codeUsed', 'codeTooManyTries'] as const;

/** Endpoint ids (for the journal, scenarios and X-Sandbox-Error) and the error codes each answers. */
export const iceEndpoints = {
  'registration-start': [...common, 'unknownTenant', 'mobileTaken', 'invalidMobile'],
  'registration-verify': [...common, 'unknownTenant', 'registrationNotFound', ...codes, 'registrationCompleted'],
  'registration-resend': [...common, 'unknownTenant', 'registrationNotFound', 'resendTooSoon', 'codeUsed', 'registrationCompleted'],
  'registration-account': [...common, 'unknownTenant', 'registrationNotFound', 'mobileNotVerified', 'registrationCompleted', 'usernameTaken', 'invalidUsername', 'weakPassword', 'mobileTaken'],
  login: [...common, 'unknownTenant', 'loginFailed'],
  'password-reset': [...common, 'unknownTenant', 'resendTooSoon'],
  'password-reset-confirm': [...common, 'unknownTenant', 'resetNotFound', ...codes, 'weakPassword'],
  'account-get': [...signedIn],
  'account-update': [...signedIn, 'usernameTaken', 'invalidUsername'],
  'account-password': [...signedIn, 'wrongPassword', 'weakPassword'],
  'legal-put': [...signedIn, 'legalUnderReview', 'legalApproved', 'documentMissing', 'documentTooLarge', 'documentType', 'payloadTooLarge'],
  'legal-get': [...signedIn],
  'wallet-get': [...signedIn],
  'wallet-transactions': [...signedIn],
  'charge-create': [...signedIn, 'legalNotApproved', 'invalidAmount'],
  'charge-get': [...signedIn, 'chargeNotFound'],
  'report-create': [...apiCaller, 'legalNotApproved', 'invalidNationalCode', 'invalidNationalId', 'invalidMobile', 'insufficientCredit'],
  'report-list': [...apiCaller],
  'report-get': [...apiCaller, 'reportNotFound'],
  'report-body': [...apiCaller, 'reportNotFound', 'reportNotViewable'],
  'report-delete': [...apiCaller, 'reportNotFound'],
  dashboard: [...signedIn],
  'api-access-get': [...signedIn, 'legalNotApproved'],
  'api-company-put': [...signedIn, 'legalNotApproved', 'apiRequestLocked'],
  'api-contract-get': [...signedIn, 'legalNotApproved', 'apiStepOrder'],
  'api-contract-accept': [...signedIn, 'legalNotApproved', 'apiStepOrder', 'contractNotViewed', 'contractVersionStale'],
  'api-invoice-get': [...signedIn, 'legalNotApproved', 'apiStepOrder'],
  'api-invoice-pay': [...signedIn, 'legalNotApproved', 'apiStepOrder', 'invoicePaid'],
  'api-documents-put': [...signedIn, 'legalNotApproved', 'apiStepOrder', 'apiRequestLocked'],
  'api-live': [...signedIn, 'legalNotApproved', 'apiStepOrder'],
  'api-credentials': [...signedIn, 'legalNotApproved', 'apiNotLive'],
  'api-token': [...common, 'unknownTenant', 'apiCredentialsWrong', 'ipNotAllowed'],
  'consent-page': ['serviceUnavailable'],
  'bank-page': ['serviceUnavailable'],
} as const satisfies Record<string, readonly IceCodeName[]>;

export type IceEndpointId = keyof typeof iceEndpoints;
export const iceEndpointIds = Object.keys(iceEndpoints) as IceEndpointId[];

/** The code an endpoint documents under this name; undefined when it does not answer it. */
export function documentedIceCode(endpointId: string, code: string): IceCodeName | undefined {
  const documented = iceEndpoints[endpointId as IceEndpointId] as readonly IceCodeName[] | undefined;
  return documented?.includes(code as IceCodeName) ? (code as IceCodeName) : undefined;
}
