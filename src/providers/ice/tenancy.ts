// ICE's part of a tenant: its settings, and a ready business (documented username and password,
// legal information approved, a wallet balance) so the first call works without signing up.
// Created with the tenant, made again by a reset, removed with it; tenants from before ICE get
// theirs at start-up.
import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { ProviderTenancy } from '../../core/provider.js';
import { maskSecret } from '../../core/journal.js';
import { isValidMobile } from '../../core/world/numbers.js';
import type { TenantConfig } from '../../core/tenants.js';
import type { Db } from '../../db/index.js';
import { iceApiRequests, iceBusinesses, iceCharges, iceLedger, icePasswordResets, iceRegistrations, iceReports } from '../../db/schema/index.js';
import { hashPassword, hashPublishedPassword, isStrongPassword, isValidUsername } from './passwords.js';
import { IceSettingsPatch, defaultIceSettings, iceSettingsOf, iceSettingsRefusal, removeIceSettings, saveIceSettings, type IceSettings } from './settings.js';
import { moveMoney } from './wallet.js';

/** The ready business every tenant has (README "ICE"): documented, so the first curl works. */
export const readyBusinessDefaults = {
  username: 'mahak',
  password: 'Mahak1234',
  mobile: '09120000000',
  officialName: 'شرکت نمونه ماهک',
  balanceRial: 10_000_000,
} as const;

const ReadyBusiness = z
  .object({
    username: z.string().refine(isValidUsername, 'a username: 4 to 32 English letters, digits, dot or underscore, starting with a letter').optional(),
    password: z.string().refine(isStrongPassword, 'a password: 8 to 64 characters with an upper-case and a lower-case English letter and a digit').optional(),
    mobile: z.string().refine(isValidMobile, 'an Iranian mobile number, 09xxxxxxxxx').optional(),
    officialName: z.string().min(1).max(200).optional(),
    balanceRial: z.number().int().min(0).max(1_000_000_000_000).optional(),
  })
  .strict();

const IceCreate = IceSettingsPatch.extend({ business: ReadyBusiness.optional() }).strict().openapi('IceTenantCreate', {
  description: "ICE settings over the defaults, and the ready business's credentials, name and opening balance",
});
type IceCreate = z.infer<typeof IceCreate>;

export interface IceTenantConfig {
  settings: IceSettings;
  business: { username: string; password: string; mobile: string; officialName: string; balanceRial: number };
}

function config(input: unknown): { ice: IceTenantConfig } {
  const { business, ...settings } = input as IceCreate;
  return { ice: { settings: { ...defaultIceSettings, ...settings }, business: { ...readyBusinessDefaults, ...business } } };
}

/** A tenant created before ICE has no ICE part in its initial config: it gets the defaults. */
const iceConfigOf = (config: TenantConfig): IceTenantConfig => (config.ice as IceTenantConfig | undefined) ?? iceConfigFor({});
const iceConfigFor = (input: unknown) => config(input).ice;

/** The ready business's id follows from its tenant's, so a reset makes it again under the same id and its sessions go on. */
export const readyBusinessId = (tenantId: string) => `biz_${createHash('sha256').update(`ice-ready-business:${tenantId}`).digest('base64url').slice(0, 16)}`;

/** The ready business with its legal review approved and its opening balance in the ledger. */
function openReadyBusiness(db: Db, tenantId: string, ice: IceTenantConfig, nowMs: number): void {
  saveIceSettings(db, tenantId, ice.settings);
  const id = readyBusinessId(tenantId);
  const { username, password, mobile, officialName, balanceRial } = ice.business;
  db.insert(iceBusinesses)
    .values({
      id,
      tenantId,
      username: username.toLowerCase(),
      mobile,
      passwordHash: password === readyBusinessDefaults.password ? hashPublishedPassword(password) : hashPassword(password),
      profile: JSON.stringify({ businessName: officialName, firstName: 'ماهک', lastName: 'نمونه' }),
      legal: null,
      documents: null,
      legalStatus: 'approved',
      legalDecidedAtMs: nowMs,
      officialName,
      balanceRial: 0,
      createdAtMs: nowMs,
    })
    .run();
  if (balanceRial > 0) moveMoney(db, { tenantId, businessId: id, amountRial: balanceRial, description: 'موجودی اولیه حساب آزمایشی', kind: 'opening', atMs: nowMs });
}

function removeIce(db: Db, tenantId: string): void {
  removeIceSettings(db, tenantId);
  for (const table of [iceBusinesses, iceRegistrations, icePasswordResets, iceLedger, iceCharges, iceReports, iceApiRequests]) {
    db.delete(table).where(eq(table.tenantId, tenantId)).run();
  }
}

/** Tenants created before ICE get its settings and a ready business (start-up). */
export function giveMissingIceBusinesses(db: Db, nowMs: number): void {
  const missing = db.$client
    .prepare<[], { id: string; initialConfig: string }>('SELECT id, initial_config AS initialConfig FROM tenants WHERE id NOT IN (SELECT tenant_id FROM ice_settings)')
    .all();
  for (const { id, initialConfig } of missing) {
    db.transaction(() => openReadyBusiness(db, id, iceConfigOf(JSON.parse(initialConfig) as TenantConfig), nowMs));
  }
}

export const iceTenancy: ProviderTenancy = {
  createSchema: IceCreate,
  createRefusal(input) {
    return iceSettingsRefusal(iceConfigFor(input).settings);
  },
  config: (input) => config(input),
  // ICE's usernames are per tenant (logins name their tenant), so no tenant's can clash with another's.
  conflict: () => undefined,
  answerSchema: z.object({
    business: z.object({ username: z.string(), password: z.string(), mobile: z.string(), officialName: z.string() }),
  }),
  answer(row) {
    const { business } = iceConfigOf(JSON.parse(row.initialConfig) as TenantConfig);
    return { business: { username: business.username, password: business.password, mobile: business.mobile, officialName: business.officialName } };
  },
  view(row, deps) {
    const { business } = iceConfigOf(JSON.parse(row.initialConfig) as TenantConfig);
    return {
      settings: iceSettingsOf(deps.db, row.id),
      readyBusiness: { username: business.username, password: maskSecret(business.password), mobile: business.mobile },
      businesses: deps.db
        .select({ id: iceBusinesses.id, username: iceBusinesses.username, legalStatus: iceBusinesses.legalStatus, balanceRial: iceBusinesses.balanceRial })
        .from(iceBusinesses)
        .where(eq(iceBusinesses.tenantId, row.id))
        .all(),
    };
  },
  open: (db, tenantId, config, nowMs) => openReadyBusiness(db, tenantId, iceConfigOf(config), nowMs),
  reset(db, tenantId, initial, nowMs) {
    removeIce(db, tenantId);
    openReadyBusiness(db, tenantId, iceConfigOf(initial), nowMs);
  },
  remove: removeIce,
};
