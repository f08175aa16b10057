// The codes and endpoints of Freepay's merchant onboarding (help centre lines 13–25) and panel
// sections (sites, bank accounts, profile and password: lines 32, 86–96, 108), merged into the
// provider's catalog (../catalog.ts). The help centre names no codes: these are the sandbox's,
// numbered from -40 so the gateway's own can grow below them.

export const accountCodes = {
  merchantRegistered: { status: -40, http: 409, message: 'این درگاه پیش‌تر پذیرنده ثبت‌نام‌شده دارد', meaning: "sign-up on a tenant whose merchant has already signed up (a tenant is one merchant)" },
  signupNotFound: { status: -41, http: 404, message: 'درخواست ثبت‌نام یافت نشد', meaning: 'no sign-up of the tenant has this id' },
  codeWrong: { status: -42, http: 400, message: 'کد تأیید نادرست است', meaning: 'the SMS code is not the one sent; `tries_left` says how many tries remain' },
  codeExpired: { status: -43, http: 410, message: 'مهلت کد تأیید به پایان رسیده است؛ کد جدید دریافت کنید', meaning: "the code's lifetime passed on the tenant clock" },
  codeUsed: { status: -44, http: 409, message: 'این کد تأیید پیش‌تر استفاده شده است', meaning: 'the code was already accepted: the sign-up is done, log in' },
  codeTooManyTries: { status: -45, http: 429, message: 'تعداد تلاش‌های نادرست بیش از حد مجاز است؛ کد جدید دریافت کنید', meaning: 'too many wrong codes: the code is void until a new one is sent' },
  resendTooSoon: { status: -46, http: 429, message: 'ارسال دوباره کد تا پایان شمارش معکوس ممکن نیست', meaning: 'resend before the countdown ends; `retry_after_seconds` says when' },
  weakPassword: { status: -47, http: 400, message: 'رمز عبور باید دست‌کم ۸ نویسه و شامل حرف بزرگ، حرف کوچک و عدد باشد', meaning: 'a password of fewer than 8 or more than 64 characters, or without an upper-case and a lower-case English letter and a digit' },
  loginFailed: { status: -48, http: 401, message: 'شماره همراه یا رمز عبور نادرست است', meaning: 'no account has this mobile, or the password is wrong' },
  unauthorized: { status: -49, http: 401, message: 'ابتدا وارد پنل کاربری شوید', meaning: 'no session token, one this sandbox did not issue, or one from before a password change' },
  sessionExpired: { status: -50, http: 401, message: 'نشست شما به پایان رسیده است؛ دوباره وارد شوید', meaning: 'the session token expired on the tenant clock' },
  documentTooLarge: { status: -51, http: 413, message: 'حجم فایل مدرک شناسایی حداکثر ۲ مگابایت است', meaning: 'an identity document over 2 MB (2 MiB)' },
  documentType: { status: -52, http: 415, message: 'فرمت فایل مدرک شناسایی باید jpg یا png باشد', meaning: 'an identity document whose content is not JPEG or PNG (judged by its bytes)' },
  invalidNationalCode: { status: -53, http: 400, message: 'کد ملی نامعتبر است', meaning: 'a national code whose check digit is wrong' },
  documentsApproved: { status: -54, http: 409, message: 'هویت شما پیش‌تر تأیید شده است', meaning: 'sending documents again after the identity check approved them' },
  accountNotActive: { status: -55, http: 403, message: 'حساب کاربری هنوز فعال نشده است؛ ابتدا مدارک را ارسال کنید', meaning: 'a panel section before the identity check approved the account; `account_status` says where it is' },
  wrongPassword: { status: -56, http: 403, message: 'رمز عبور فعلی نادرست است', meaning: 'a password change with a wrong current password' },
  accountNotOwned: { status: -57, http: 400, message: 'حساب بانکی باید به نام صاحب پنل کاربری باشد', meaning: "a bank account the merchant's national code does not own, or one the banks do not know" },
  accountMismatch: { status: -58, http: 400, message: 'نام بانک، شماره حساب، شماره کارت و شماره شبا مربوط به یک حساب نیستند', meaning: "the bank name, account number or card is not the IBAN's account" },
  bankAccountExists: { status: -59, http: 409, message: 'این حساب بانکی پیش‌تر ثبت شده است', meaning: 'adding an IBAN the merchant has already registered' },
  bankAccountRequired: { status: -60, http: 409, message: 'ابتدا حساب بانکی خود را ثبت کنید', meaning: 'adding a site before the merchant has an account to be settled to' },
  siteExists: { status: -61, http: 409, message: 'این سایت پیش‌تر ثبت شده است', meaning: 'adding a site the merchant has already registered' },
} as const;

const common = ['invalidInput', 'serviceUnavailable'] as const;
const signedIn = [...common, 'unauthorized', 'sessionExpired'] as const;
/** Sites and bank accounts take the merchant's API key too, as the other panel routes do. */
const keyOrSession = [...signedIn, 'invalidApiKey', 'accountNotActive'] as const;
const codes = ['codeWrong', 'codeExpired', 'codeUsed', 'codeTooManyTries'] as const;

export const accountEndpoints = {
  'panel-signup': [...common, 'merchantRegistered', 'weakPassword'],
  'panel-signup-verify': [...common, 'signupNotFound', ...codes, 'merchantRegistered'],
  'panel-signup-resend': [...common, 'signupNotFound', 'codeUsed', 'resendTooSoon'],
  'panel-login': [...common, 'loginFailed'],
  'panel-documents': [...signedIn, 'invalidNationalCode', 'documentTooLarge', 'documentType', 'documentsApproved'],
  'panel-profile': [...signedIn],
  'panel-profile-update': [...signedIn],
  'panel-password': [...signedIn, 'wrongPassword', 'weakPassword'],
  'panel-sites': [...keyOrSession],
  'panel-site-add': [...keyOrSession, 'bankAccountRequired', 'siteExists'],
  'panel-bank-accounts': [...keyOrSession],
  'panel-bank-account-add': [...keyOrSession, 'accountNotOwned', 'accountMismatch', 'bankAccountExists'],
} as const;
