// Account settings (spec §1): the business's account as the panel shows it, changing its basic
// information, email and username, and changing its password (which ends every other session
// and answers a fresh token). The mobile is not changed here: it was verified by SMS at sign-up.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import type { AppEnv } from '../../../core/http.js';
import { iceBusinesses } from '../../../db/schema/index.js';
import { profileShape } from '../account-fields.js';
import { issueAccessToken } from '../auth.js';
import { accountView, businessById, profileOf, type BusinessProfile } from '../business.js';
import { freeUsername, passwordField, refuseWeakPassword, usernameField } from '../credentials.js';
import { IceError } from '../errors.js';
import { hashPassword, passwordMatches } from '../passwords.js';
import { iceRoute, reply } from '../route.js';
import { IceSession } from './login.js';

const shown = z.object({ at: z.string(), date: z.string(), time: z.string() });

export const IceAccount = z
  .object({
    businessId: z.string(),
    username: z.string(),
    mobile: z.string(),
    email: z.string().nullable(),
    businessName: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().optional(),
    postalCode: z.string().optional(),
    province: z.string().optional(),
    city: z.string().optional(),
    referrer: z.string().optional(),
    address: z.string().optional(),
    officialName: z.string().nullable().openapi({ description: 'The approved legal name, which consent SMSes name' }),
    legalStatus: z.enum(['none', 'pending', 'approved', 'rejected']),
    legalReason: z.string().nullable(),
    balanceRial: z.number().int(),
    createdAt: shown.nullable(),
  })
  .openapi('IceAccount');

const { businessName, firstName, lastName, phone, postalCode, province, city, address } = profileShape;

/** The fields a business may change; null removes an optional one. */
const AccountPatch = z
  .object({
    businessName: businessName.optional(),
    firstName: firstName.optional(),
    lastName: lastName.optional(),
    phone: phone.nullable(),
    postalCode: postalCode.nullable(),
    province: province.nullable(),
    city: city.nullable(),
    address: address.nullable(),
    email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.email('نشانی ایمیل نامعتبر است').max(254))
      .nullable()
      .optional()
      .openapi({ example: 'info@example.com' }),
    username: usernameField.optional(),
  })
  .strict()
  .openapi('IceAccountPatch');

const PasswordChange = z.object({ currentPassword: z.string().max(128), newPassword: passwordField }).strict().openapi('IcePasswordChange');

export function registerAccount(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/account',
      endpointId: 'account-get',
      access: 'business',
      summary: "The business's account: basic information, legal review, balance",
      answer: { status: 200, schema: IceAccount, description: 'The account' },
    },
    (c, { business }) => reply(c, accountView(business!)),
  );

  iceRoute(
    app,
    {
      method: 'patch',
      path: '/api/v1/account',
      endpointId: 'account-update',
      access: 'business',
      summary: 'Change the basic information, email or username',
      description: 'Only the fields sent change; `null` removes an optional field or the email. The username follows the sign-up rules.',
      body: AccountPatch,
      answer: { status: 200, schema: IceAccount, description: 'The account after the change' },
    },
    (c, { body, business }) => {
      const db = c.get('deps').db;
      const { email, username, ...changes } = body;
      const profile: Record<string, unknown> = { ...profileOf(business!) };
      for (const [field, value] of Object.entries(changes)) {
        if (value === null) delete profile[field];
        else if (value !== undefined) profile[field] = value;
      }
      const set: Partial<typeof iceBusinesses.$inferInsert> = { profile: JSON.stringify(profile as unknown as BusinessProfile) };
      if (username !== undefined) set.username = freeUsername(c, username, business!.id);
      if (email !== undefined) set.email = email;
      db.update(iceBusinesses)
        .set(set)
        .where(and(eq(iceBusinesses.tenantId, business!.tenantId), eq(iceBusinesses.id, business!.id)))
        .run();
      return reply(c, accountView(businessById(db, business!.tenantId, business!.id)!));
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/account/password',
      endpointId: 'account-password',
      access: 'business',
      summary: 'Change the password: every earlier session ends, and this answer is a fresh one',
      body: PasswordChange,
      answer: { status: 200, schema: IceSession, description: 'Changed; the new session' },
    },
    async (c, { body, business, nowMs }) => {
      const deps = c.get('deps');
      if (!passwordMatches(body.currentPassword, business!.passwordHash)) throw new IceError('wrongPassword');
      refuseWeakPassword(body.newPassword);
      deps.db
        .update(iceBusinesses)
        .set({ passwordHash: hashPassword(body.newPassword), tokenVersion: sql`${iceBusinesses.tokenVersion} + 1` })
        .where(and(eq(iceBusinesses.tenantId, business!.tenantId), eq(iceBusinesses.id, business!.id)))
        .run();
      const changed = businessById(deps.db, business!.tenantId, business!.id)!;
      return reply(c, { businessId: changed.id, ...(await issueAccessToken(deps, changed, nowMs)) });
    },
  );
}
