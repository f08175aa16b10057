// Sign-up in three steps (spec §1, §8): basic information → an SMS code to the mobile (verify,
// resend after the countdown) → username and password, which make the business and sign it in.
// A new business starts with no legal information (legalStatus none) and an empty wallet.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext, AppEnv } from '../../../core/http.js';
import { iceBusinesses, iceRegistrations } from '../../../db/schema/index.js';
import { asciiCode, cleanMobile, codeField, mobileField, profileShape } from '../account-fields.js';
import { issueAccessToken } from '../auth.js';
import { businessById, businessByLogin } from '../business.js';
import { IceError } from '../errors.js';
import { newIceId } from '../ids.js';
import { hashPassword } from '../passwords.js';
import { iceRoute, reply } from '../route.js';
import { iceSettingsOf } from '../settings.js';
import { codeRefusal, freshCode, judgeCode, refuseEarlyResend, secondsLeft, sendCode } from '../sms-codes.js';
import { IceSession } from './login.js';
import { checkCredentials, NewCredentials } from '../credentials.js';

type RegistrationRow = typeof iceRegistrations.$inferSelect;

const Start = z.object({ ...profileShape, mobile: mobileField }).strict().openapi('IceRegistrationStart');
const Params = z.object({ registrationId: z.string().min(1).max(64).openapi({ example: 'reg_Jq3…' }) });
const Sent = z.object({ registrationId: z.string(), mobile: z.string(), codeExpiresInSeconds: z.number().int() }).openapi('IceCodeSent');
const Verified = z.object({ registrationId: z.string(), mobile: z.string(), verified: z.literal(true) }).openapi('IceRegistrationVerified');

function registrationOf(c: AppContext, id: string): RegistrationRow {
  const row = c
    .get('deps')
    .db.select()
    .from(iceRegistrations)
    .where(and(eq(iceRegistrations.tenantId, c.get('tenant')!.id), eq(iceRegistrations.id, id)))
    .get();
  if (!row) throw new IceError('registrationNotFound');
  if (row.businessId !== null) throw new IceError('registrationCompleted');
  return row;
}

/** A mobile a business of the tenant already has cannot sign up again. */
function refuseTakenMobile(c: AppContext, mobile: string): void {
  if (businessByLogin(c.get('deps').db, c.get('tenant')!.id, mobile)) throw new IceError('mobileTaken');
}

export function registerRegistration(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/registrations',
      endpointId: 'registration-start',
      access: 'public',
      summary: 'Sign-up step 1: basic information; a 6-digit code goes to the mobile by SMS',
      description:
        'Required: businessName, firstName, lastName, mobile. The code is in the outbox (`GET /_sandbox/tenants/{id}/outbox`); mobiles 09990000000 to 09990000099 always get 123456.',
      body: Start,
      answer: { status: 201, schema: Sent, description: 'The code was sent' },
    },
    (c, { body, nowMs }) => {
      const deps = c.get('deps');
      const tenantId = c.get('tenant')!.id;
      const mobile = cleanMobile(body.mobile);
      if (!mobile) throw new IceError('invalidMobile');
      refuseTakenMobile(c, mobile);
      const { mobile: _typed, ...profile } = body;
      const lifetimeSeconds = iceSettingsOf(deps.db, tenantId).codeLifetimeSeconds;
      const code = freshCode(mobile, nowMs, lifetimeSeconds);
      const id = newIceId('registration');
      deps.db.insert(iceRegistrations).values({ id, tenantId, mobile, profile: JSON.stringify(profile), ...code, createdAtMs: nowMs }).run();
      sendCode(deps, { tenantId, mobile, nowMs, purpose: 'registration', code: code.code, lifetimeSeconds });
      return reply(c, { registrationId: id, mobile, codeExpiresInSeconds: lifetimeSeconds }, 201);
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/registrations/{registrationId}/verify',
      endpointId: 'registration-verify',
      access: 'public',
      summary: 'Sign-up step 2: the SMS code',
      description: 'A wrong code answers `triesLeft`; after too many wrong tries the code is void until a new one is sent.',
      params: Params,
      body: z.object({ code: codeField }).strict().openapi('IceCode'),
      answer: { status: 200, schema: Verified, description: 'The mobile is verified' },
    },
    (c, { params, body, nowMs }) => {
      const db = c.get('deps').db;
      const row = registrationOf(c, params.registrationId);
      const maxTries = iceSettingsOf(db, row.tenantId).maxCodeTries;
      const verdict = judgeCode(row, asciiCode(body.code), nowMs, maxTries, row.verifiedAtMs !== null);
      if (verdict === 'right') {
        // Only the first of two calls racing with the right code finds it unused.
        const won = db
          .update(iceRegistrations)
          .set({ verifiedAtMs: nowMs })
          .where(and(eq(iceRegistrations.id, row.id), isNull(iceRegistrations.verifiedAtMs)))
          .returning({ id: iceRegistrations.id })
          .get();
        if (!won) throw codeRefusal('used', maxTries, row.tries);
        return reply(c, { registrationId: row.id, mobile: row.mobile, verified: true as const });
      }
      let tries = row.tries;
      if (verdict === 'wrong') {
        const counted = db
          .update(iceRegistrations)
          .set({ tries: sql`${iceRegistrations.tries} + 1` })
          .where(and(eq(iceRegistrations.id, row.id), lt(iceRegistrations.tries, maxTries)))
          .returning({ tries: iceRegistrations.tries })
          .get();
        if (!counted) throw codeRefusal('tooManyTries', maxTries, maxTries);
        tries = counted.tries;
      }
      throw codeRefusal(verdict, maxTries, tries);
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/registrations/{registrationId}/resend',
      endpointId: 'registration-resend',
      access: 'public',
      summary: 'Send a new code once the countdown has ended: the old code is void and the tries start again',
      params: Params,
      answer: { status: 200, schema: Sent, description: 'A new code was sent' },
    },
    (c, { params, nowMs }) => {
      const deps = c.get('deps');
      const row = registrationOf(c, params.registrationId);
      if (row.verifiedAtMs !== null) throw new IceError('codeUsed');
      refuseEarlyResend(row, nowMs);
      const lifetimeSeconds = iceSettingsOf(deps.db, row.tenantId).codeLifetimeSeconds;
      const code = freshCode(row.mobile, nowMs, lifetimeSeconds);
      deps.db.update(iceRegistrations).set(code).where(eq(iceRegistrations.id, row.id)).run();
      sendCode(deps, { tenantId: row.tenantId, mobile: row.mobile, nowMs, purpose: 'registration', code: code.code, lifetimeSeconds });
      return reply(c, { registrationId: row.id, mobile: row.mobile, codeExpiresInSeconds: secondsLeft(code, nowMs) });
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/registrations/{registrationId}/account',
      endpointId: 'registration-account',
      access: 'public',
      summary: 'Sign-up step 3: username and password; the business is made and signed in',
      description:
        'Username: 4 to 32 English letters, digits, dot or underscore, starting with a letter, unique in the tenant in any case. Password: 8 to 64 characters with an upper-case and a lower-case English letter and a digit.',
      params: Params,
      body: NewCredentials,
      answer: { status: 201, schema: IceSession, description: 'The business, signed in' },
    },
    async (c, { params, body, nowMs }) => {
      const deps = c.get('deps');
      const row = registrationOf(c, params.registrationId);
      if (row.verifiedAtMs === null) throw new IceError('mobileNotVerified');
      const username = checkCredentials(c, body);
      const id = newIceId('business');
      const passwordHash = hashPassword(body.password);
      deps.db.transaction((tx) => {
        // Checked again inside the transaction: another sign-up of the same mobile may have finished first.
        refuseTakenMobile(c, row.mobile);
        tx.insert(iceBusinesses)
          .values({ id, tenantId: row.tenantId, username, mobile: row.mobile, passwordHash, profile: row.profile, legalStatus: 'none', balanceRial: 0, createdAtMs: nowMs })
          .run();
        const done = tx
          .update(iceRegistrations)
          .set({ businessId: id })
          .where(and(eq(iceRegistrations.id, row.id), isNull(iceRegistrations.businessId)))
          .returning({ id: iceRegistrations.id })
          .get();
        if (!done) throw new IceError('registrationCompleted');
      });
      const session = await issueAccessToken(deps, businessById(deps.db, row.tenantId, id)!, nowMs);
      return reply(c, { businessId: id, ...session }, 201);
    },
  );
}
