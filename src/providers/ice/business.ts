// A business's account as stored: lookups by id, username or mobile within a tenant, and the
// account as the API shows it (never the password hash).
import { and, eq, sql } from 'drizzle-orm';
import { prepared } from '../../core/prepared.js';
import type { Db } from '../../db/index.js';
import { iceBusinesses } from '../../db/schema/index.js';
import { IceError } from './errors.js';
import { shownTimeOrNull } from './time.js';

export type BusinessRow = typeof iceBusinesses.$inferSelect;

/** The basic information of registration step 1 (and of the account settings). */
export interface BusinessProfile {
  businessName: string;
  firstName: string;
  lastName: string;
  phone?: string | undefined;
  postalCode?: string | undefined;
  province?: string | undefined;
  city?: string | undefined;
  referrer?: string | undefined;
  address?: string | undefined;
}

/** Prepared once: every signed-in call reads its business. */
const byId = (db: Db) =>
  db.select().from(iceBusinesses).where(and(eq(iceBusinesses.tenantId, sql.placeholder('tenantId')), eq(iceBusinesses.id, sql.placeholder('id')))).prepare();

export function businessById(db: Db, tenantId: string, id: string): BusinessRow | undefined {
  return prepared(db, byId).get({ tenantId, id });
}

/** Login by username (any case) or by mobile. */
export function businessByLogin(db: Db, tenantId: string, login: string): BusinessRow | undefined {
  const column = /^09\d{9}$/.test(login) ? iceBusinesses.mobile : iceBusinesses.username;
  const value = column === iceBusinesses.username ? login.toLowerCase() : login;
  return db.select().from(iceBusinesses).where(and(eq(iceBusinesses.tenantId, tenantId), eq(column, value))).get();
}

export const profileOf = (b: BusinessRow) => JSON.parse(b.profile) as BusinessProfile;

/** GET /api/v1/account: who the business is, its legal review and its balance. */
export function accountView(b: BusinessRow) {
  return {
    businessId: b.id,
    username: b.username,
    mobile: b.mobile,
    email: b.email,
    ...profileOf(b),
    officialName: b.officialName,
    legalStatus: b.legalStatus,
    legalReason: b.legalReason,
    balanceRial: b.balanceRial,
    createdAt: shownTimeOrNull(b.createdAtMs),
  };
}

/** No report may be requested and no credit charged before the legal review approves the business (seed §2). */
export function requireApproved(b: BusinessRow): void {
  if (b.legalStatus !== 'approved') throw new IceError('legalNotApproved', { legalStatus: b.legalStatus });
}
