// Settings (help centre line 108: "edit your details and password"): the account as the panel
// shows it, changing its email, landline or address, and changing its password, which ends every
// earlier session and answers a fresh one. Names, mobile and national code are the identity the
// check approved, so they are not changed here.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { hashPassword, isStrongPassword, passwordMatches } from '../../../core/accounts/passwords.js';
import type { AppEnv } from '../../../core/http.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import { freepayAccounts } from '../../../db/schema/index.js';
import { FreepayError } from '../errors.js';
import { accountOfTenant, issuePanelSession, profileView, requireSession } from './account.js';
import { accountCall, badField, readAccountForm } from './route.js';

export const editableFields = ['email', 'landline', 'address'] as const;

export function registerProfile(app: OpenAPIHono<AppEnv>) {
  app.get('/panel/profile', async (c) => {
    c.set('endpointId', 'panel-profile');
    const { tenant, account } = await requireSession(c);
    return accountCall(c, 'panel-profile', undefined, () => ({ body: { profile: profileView(account, tenant) } }));
  });

  app.patch('/panel/profile', async (c) => {
    c.set('endpointId', 'panel-profile-update');
    const { tenant, account } = await requireSession(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-profile-update', fields, () => {
      const db = c.get('deps').db;
      const unknown = Object.keys(fields).filter((f) => !(editableFields as readonly string[]).includes(f));
      if (unknown.length > 0) throw badField(unknown.join(', '), `فقط ${editableFields.join('، ')} قابل ویرایش است`);
      const set: { email?: string; landline?: string; address?: string } = {};
      if (fields.email !== undefined) {
        const email = fields.email.trim();
        if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badField('email', 'نشانی ایمیل نامعتبر است');
        set.email = email;
      }
      if (fields.landline !== undefined) {
        const landline = toAsciiDigits(fields.landline.trim());
        if (!/^0\d{10}$/.test(landline)) throw badField('landline', 'شماره تلفن ثابت باید ۱۱ رقم و با ۰ آغاز شود');
        set.landline = landline;
      }
      if (fields.address !== undefined) {
        const address = fields.address.trim();
        if (address === '' || address.length > 500) throw badField('address');
        set.address = address;
      }
      if (Object.keys(set).length > 0) db.update(freepayAccounts).set(set).where(eq(freepayAccounts.tenantId, tenant.id)).run();
      return { body: { profile: profileView(accountOfTenant(db, tenant.id) ?? account, tenant) } };
    });
  });

  app.post('/panel/password', async (c) => {
    c.set('endpointId', 'panel-password');
    const { tenant, account } = await requireSession(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-password', fields, async () => {
      const db = c.get('deps').db;
      const nowMs = c.get('clock')!.now();
      if (!passwordMatches(fields.current_password ?? '', account.passwordHash)) throw new FreepayError('wrongPassword');
      if (!isStrongPassword(fields.new_password ?? '')) throw new FreepayError('weakPassword');
      // A new password generation: every session issued before it ends.
      const changed = db
        .update(freepayAccounts)
        .set({ passwordHash: hashPassword(fields.new_password!), tokenVersion: sql`${freepayAccounts.tokenVersion} + 1` })
        .where(eq(freepayAccounts.tenantId, tenant.id))
        .returning()
        .get()!;
      return { body: await issuePanelSession(db, changed, nowMs) };
    });
  });
}
