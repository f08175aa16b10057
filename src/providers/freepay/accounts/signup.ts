// Sign-up (help centre lines 13–20): name, mobile and password, the rules accepted; a 6-digit code
// goes to the mobile by SMS, and typing it makes the account and signs it in (the "code entered at
// the login page"). Making the account makes its person the tenant's merchant, inactive until the
// identity check approves the documents (documents.ts). Then login by mobile and password.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { codeText, freshCode, judgeCode, resendWaitSeconds, secondsLeft, triesLeft, type CodeRefusal } from '../../../core/accounts/sms-codes.js';
import { hashPassword, isStrongPassword, passwordMatches } from '../../../core/accounts/passwords.js';
import type { AppContext, AppDeps, AppEnv } from '../../../core/http.js';
import { getTenant, updateTenant } from '../../../core/tenants.js';
import { isValidMobile, toAsciiDigits } from '../../../core/world/numbers.js';
import { freepayAccounts, freepaySignups } from '../../../db/schema/index.js';
import { FreepayError } from '../errors.js';
import { accountOfTenant, issuePanelSession, profileView } from './account.js';
import { accountCall, badField, publicTenant, readAccountForm, required } from './route.js';

/** How long a code lasts (and the countdown before a resend), and the wrong tries it takes. */
export const codeLifetimeSeconds = 120;
export const maxCodeTries = 5;

const brand = 'فری پی | درگاه پرداخت اینترنتی';

function sendCode(deps: AppDeps, tenantId: string, mobile: string, code: string, nowMs: number) {
  const text = codeText(brand, 'کد تأیید ثبت‌نام شما', code, codeLifetimeSeconds);
  deps.outbox.send({ channel: 'sms', tenantId, provider: 'freepay', atMs: nowMs, recipient: mobile, text });
}

function codeRefusal(verdict: CodeRefusal, triesAfter: number): FreepayError {
  if (verdict === 'wrong') return new FreepayError('codeWrong', { tries_left: triesLeft(maxCodeTries, triesAfter) });
  return new FreepayError(verdict === 'used' ? 'codeUsed' : verdict === 'expired' ? 'codeExpired' : 'codeTooManyTries');
}

function signupOf(c: AppContext, id: string) {
  const row = c.get('deps').db.select().from(freepaySignups).where(and(eq(freepaySignups.tenantId, c.get('tenant')!.id), eq(freepaySignups.id, id))).get();
  if (!row) throw new FreepayError('signupNotFound');
  return row;
}

const refuseRegistered = (c: AppContext) => {
  if (accountOfTenant(c.get('deps').db, c.get('tenant')!.id)) throw new FreepayError('merchantRegistered');
};

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

/**
 * The person becomes the tenant's merchant: named after them, inactive until their identity is
 * approved, with no site and no settlement account until they add them in the panel.
 */
function takeOverMerchant(deps: AppDeps, tenantId: string, name: string, stored: string): void {
  const settings = { ...(JSON.parse(stored) as Record<string, unknown>), name, status: 'inactive', sites: [], settlementIban: '', nationalCode: null, nationalId: null };
  updateTenant(deps.db, tenantId, { freepay: JSON.stringify(settings) });
}

export function registerSignup(app: OpenAPIHono<AppEnv>) {
  app.post('/panel/signup', async (c) => {
    c.set('endpointId', 'panel-signup');
    const tenant = publicTenant(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-signup', fields, (nowMs) => {
      const firstName = required(fields, 'first_name');
      const lastName = required(fields, 'last_name');
      const mobile = toAsciiDigits(required(fields, 'mobile'));
      const password = fields.password ?? '';
      if (firstName.length > 100) throw badField('first_name');
      if (lastName.length > 100) throw badField('last_name');
      if (!isValidMobile(mobile)) throw badField('mobile', 'شماره همراه نامعتبر است');
      // "Read the rules and privacy policy, and tick their acceptance" (line 16).
      if (!['1', 'true', 'on', 'yes'].includes(fields.accept_rules?.trim() ?? '')) throw badField('accept_rules', 'پذیرش قوانین الزامی است');
      if (!isStrongPassword(password)) throw new FreepayError('weakPassword');
      refuseRegistered(c);
      const deps = c.get('deps');
      const code = freshCode(mobile, nowMs, codeLifetimeSeconds);
      const id = newId('fsu');
      deps.db.insert(freepaySignups).values({ id, tenantId: tenant.id, mobile, firstName, lastName, passwordHash: hashPassword(password), ...code, createdAtMs: nowMs }).run();
      sendCode(deps, tenant.id, mobile, code.code, nowMs);
      return { httpStatus: 201, body: { signup_id: id, mobile, code_expires_in: codeLifetimeSeconds } };
    });
  });

  app.post('/panel/signup/:id/verify', async (c) => {
    c.set('endpointId', 'panel-signup-verify');
    publicTenant(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-signup-verify', fields, async (nowMs) => {
      const deps = c.get('deps');
      const row = signupOf(c, c.req.param('id'));
      const typed = toAsciiDigits(required(fields, 'code'));
      const verdict = judgeCode(row, typed, nowMs, maxCodeTries, row.verifiedAtMs !== null);
      if (verdict !== 'right') {
        let tries = row.tries;
        if (verdict === 'wrong') {
          const counted = deps.db
            .update(freepaySignups)
            .set({ tries: sql`${freepaySignups.tries} + 1` })
            .where(and(eq(freepaySignups.id, row.id), lt(freepaySignups.tries, maxCodeTries)))
            .returning({ tries: freepaySignups.tries })
            .get();
          if (!counted) throw codeRefusal('tooManyTries', maxCodeTries);
          tries = counted.tries;
        }
        throw codeRefusal(verdict, tries);
      }
      const accountId = newId('fac');
      deps.db.transaction((tx) => {
        // Only the first of two calls racing with the right code finds it unused, and a tenant has one merchant.
        const won = tx.update(freepaySignups).set({ verifiedAtMs: nowMs }).where(and(eq(freepaySignups.id, row.id), isNull(freepaySignups.verifiedAtMs))).returning().get();
        if (!won) throw codeRefusal('used', row.tries);
        refuseRegistered(c);
        tx.insert(freepayAccounts)
          .values({ tenantId: row.tenantId, id: accountId, mobile: row.mobile, firstName: row.firstName, lastName: row.lastName, passwordHash: row.passwordHash, status: 'documents_required', createdAtMs: nowMs })
          .run();
        takeOverMerchant(deps, row.tenantId, `${row.firstName} ${row.lastName}`, c.get('tenant')!.freepay);
      });
      const account = accountOfTenant(deps.db, row.tenantId)!;
      const tenant = getTenant(deps.db, row.tenantId)!;
      return { httpStatus: 201, body: { ...(await issuePanelSession(deps.db, account, nowMs)), account: profileView(account, tenant) } };
    });
  });

  app.post('/panel/signup/:id/resend', async (c) => {
    c.set('endpointId', 'panel-signup-resend');
    publicTenant(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-signup-resend', fields, (nowMs) => {
      const deps = c.get('deps');
      const row = signupOf(c, c.req.param('id'));
      if (row.verifiedAtMs !== null) throw new FreepayError('codeUsed');
      const wait = resendWaitSeconds(row, nowMs);
      if (wait > 0) throw new FreepayError('resendTooSoon', { retry_after_seconds: wait });
      const code = freshCode(row.mobile, nowMs, codeLifetimeSeconds);
      deps.db.update(freepaySignups).set(code).where(eq(freepaySignups.id, row.id)).run();
      sendCode(deps, row.tenantId, row.mobile, code.code, nowMs);
      return { body: { signup_id: row.id, mobile: row.mobile, code_expires_in: secondsLeft(code, nowMs) } };
    });
  });

  app.post('/panel/login', async (c) => {
    c.set('endpointId', 'panel-login');
    const tenant = publicTenant(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-login', fields, async (nowMs) => {
      const db = c.get('deps').db;
      const account = accountOfTenant(db, tenant.id);
      const mobile = toAsciiDigits(required(fields, 'mobile'));
      // The same refusal whether the mobile or the password is wrong: it does not tell which mobiles exist.
      if (!account || account.mobile !== mobile || !passwordMatches(fields.password ?? '', account.passwordHash)) throw new FreepayError('loginFailed');
      return { body: { ...(await issuePanelSession(db, account, nowMs)), account: profileView(account, tenant) } };
    });
  });
}

