// "Forgot password" (spec §1): a code by SMS to the business's mobile, then a new password, which
// ends every earlier session. The first step answers alike whether or not the login exists, so it
// cannot be used to learn which usernames and mobiles have accounts: for an unknown login a reset
// is kept with no code (nothing can confirm it) and the same countdown.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { AppEnv } from '../../../core/http.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import { iceBusinesses, icePasswordResets } from '../../../db/schema/index.js';
import { asciiCode, codeField } from '../account-fields.js';
import { businessByLogin } from '../business.js';
import { passwordField, refuseWeakPassword } from '../credentials.js';
import { IceError } from '../errors.js';
import { newIceId } from '../ids.js';
import { hashPassword } from '../passwords.js';
import { iceRoute, reply } from '../route.js';
import { iceSettingsOf } from '../settings.js';
import { codeRefusal, freshCode, judgeCode, refuseEarlyResend, sendCode } from '../sms-codes.js';

const Requested = z.object({ resetId: z.string(), codeExpiresInSeconds: z.number().int() }).openapi('IcePasswordResetStarted');
const Confirm = z.object({ resetId: z.string().min(1).max(64), code: codeField, newPassword: passwordField }).strict().openapi('IcePasswordResetConfirm');

/** Resets of an unknown login are filed under this key instead of a business id (which starts biz_). */
const unknownLoginKey = (login: string) => `none:${login.toLowerCase()}`;

export function registerPasswordReset(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/password-reset',
      endpointId: 'password-reset',
      access: 'public',
      summary: "Forgot password: a code by SMS to the business's mobile",
      description:
        'Answers 202 the same way whether or not a business has this username or mobile; a new reset for the same login waits for the countdown (`resendTooSoon`).',
      body: z.object({ login: z.string().min(1).max(64).openapi({ description: 'Username or mobile', example: 'mahak' }) }).strict().openapi('IcePasswordReset'),
      // route.ts's answer type names 200 and 201; the key is only the documented status.
      answer: { status: 202, schema: Requested, description: 'Accepted: a code was sent if the login exists' },
    },
    (c, { body, nowMs }) => {
      const deps = c.get('deps');
      const tenantId = c.get('tenant')!.id;
      const login = toAsciiDigits(body.login.trim());
      const business = businessByLogin(deps.db, tenantId, login);
      const key = business?.id ?? unknownLoginKey(login);
      const last = deps.db
        .select()
        .from(icePasswordResets)
        .where(and(eq(icePasswordResets.tenantId, tenantId), eq(icePasswordResets.businessId, key)))
        .orderBy(desc(icePasswordResets.codeSentAtMs))
        .get();
      if (last && last.usedAtMs === null) refuseEarlyResend(last, nowMs);
      const lifetimeSeconds = iceSettingsOf(deps.db, tenantId).codeLifetimeSeconds;
      const code = business ? freshCode(business.mobile, nowMs, lifetimeSeconds) : { ...freshCode('', nowMs, lifetimeSeconds), code: '' };
      const id = newIceId('reset');
      deps.db.insert(icePasswordResets).values({ id, tenantId, businessId: key, ...code }).run();
      if (business) sendCode(deps, { tenantId, mobile: business.mobile, nowMs, purpose: 'reset', code: code.code, lifetimeSeconds });
      return reply(c, { resetId: id, codeExpiresInSeconds: lifetimeSeconds }, 202);
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/password-reset/confirm',
      endpointId: 'password-reset-confirm',
      access: 'public',
      summary: 'Forgot password: the SMS code and a new password; every earlier session ends',
      body: Confirm,
      answer: { status: 200, schema: z.object({ passwordChanged: z.literal(true) }).openapi('IcePasswordChanged'), description: 'The password is changed' },
    },
    (c, { body, nowMs }) => {
      const db = c.get('deps').db;
      const tenantId = c.get('tenant')!.id;
      const row = db.select().from(icePasswordResets).where(and(eq(icePasswordResets.tenantId, tenantId), eq(icePasswordResets.id, body.resetId))).get();
      if (!row) throw new IceError('resetNotFound');
      refuseWeakPassword(body.newPassword);
      const maxTries = iceSettingsOf(db, tenantId).maxCodeTries;
      const verdict = judgeCode(row, asciiCode(body.code), nowMs, maxTries, row.usedAtMs !== null);
      if (verdict === 'wrong') {
        const counted = db
          .update(icePasswordResets)
          .set({ tries: sql`${icePasswordResets.tries} + 1` })
          .where(and(eq(icePasswordResets.id, row.id), lt(icePasswordResets.tries, maxTries)))
          .returning({ tries: icePasswordResets.tries })
          .get();
        throw codeRefusal(counted ? 'wrong' : 'tooManyTries', maxTries, counted?.tries ?? maxTries);
      }
      if (verdict !== 'right') throw codeRefusal(verdict, maxTries, row.tries);
      const passwordHash = hashPassword(body.newPassword);
      db.transaction((tx) => {
        // Only the first of two calls racing with the right code finds it unused.
        const won = tx
          .update(icePasswordResets)
          .set({ usedAtMs: nowMs })
          .where(and(eq(icePasswordResets.id, row.id), isNull(icePasswordResets.usedAtMs)))
          .returning({ id: icePasswordResets.id })
          .get();
        if (!won) throw codeRefusal('used', maxTries, row.tries);
        tx.update(iceBusinesses)
          .set({ passwordHash, tokenVersion: sql`${iceBusinesses.tokenVersion} + 1` })
          .where(and(eq(iceBusinesses.tenantId, tenantId), eq(iceBusinesses.id, row.businessId)))
          .run();
      });
      return reply(c, { passwordChanged: true as const });
    },
  );
}
