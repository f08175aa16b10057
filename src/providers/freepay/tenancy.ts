// Freepay's part of a tenant: the merchant key and settings a new tenant starts with, the
// key-clash check, the creation answer and how the control API shows the merchant.
import { z } from '@hono/zod-openapi';
import type { ProviderTenancy } from '../../core/provider.js';
import { newId } from '../../core/ids.js';
import { maskSecret } from '../../core/journal.js';
import { eq } from 'drizzle-orm';
import { giveFreepayKeys, tenantByFreepayApiKey, updateTenant, type TenantConfig } from '../../core/tenants.js';
import type { Db } from '../../db/index.js';
import { freepayAccounts, freepayBankAccounts, freepayPayments, freepaySettlements, freepaySignups } from '../../db/schema/index.js';
import { defaultTenant } from '../../sandbox/tenant-config.js';
import { FreepayMerchantPatch, defaultMerchant, freepayMerchant, patchedMerchant } from './merchant.js';
import { freepayBalance } from './wallet.js';

/** The default tenant's merchant key: fixed, so a fresh sandbox can be called without set-up. */
export const defaultFreepayKey = 'mahak-default-freepay-key';

const FreepayCreate = FreepayMerchantPatch.extend({ apiKey: z.string().min(1).max(128).optional() }).strict();
type FreepayCreate = z.infer<typeof FreepayCreate>;

function config(input: unknown, isDefault: boolean): Pick<TenantConfig, 'freepay'> {
  const { apiKey, ...settings } = input as FreepayCreate;
  return { freepay: { apiKey: apiKey ?? (isDefault ? defaultFreepayKey : newId('freepayKey')), settings } };
}

export const freepayTenancy: ProviderTenancy = {
  createSchema: FreepayCreate,
  createRefusal(input) {
    const merchant = patchedMerchant(defaultMerchant, input as FreepayCreate);
    return typeof merchant === 'string' ? merchant : undefined;
  },
  config,
  conflict: (deps, { freepay }) => (tenantByFreepayApiKey(deps.db, freepay.apiKey) ? 'freepay.apiKey is already used by another tenant' : undefined),
  answerSchema: z.object({ apiKey: z.string() }),
  answer: (row) => ({ apiKey: row.freepayApiKey! }),
  view: (row, deps) => ({
    // Freepay's merchant key is its only credential: a secret, masked like the Jibit one.
    apiKey: row.freepayApiKey === null ? null : maskSecret(row.freepayApiKey),
    ...freepayMerchant(row),
    balances: { FREEPAY: freepayBalance(deps.db, row.id, 'FREEPAY'), FREEPAY_HELD: freepayBalance(deps.db, row.id, 'FREEPAY_HELD') },
  }),
  // Its gateway balances are core wallets (ledger rows), which the reset and deletion clear.
  reset(db, tenantId, initial) {
    removePayments(db, tenantId);
    // Tenants created before Freepay have no Freepay part in their initial config.
    if (initial.freepay) updateTenant(db, tenantId, { freepay: JSON.stringify(initial.freepay.settings) });
  },
  remove: (db, tenantId) => removePayments(db, tenantId),
};

function removePayments(db: Db, tenantId: string): void {
  db.delete(freepayPayments).where(eq(freepayPayments.tenantId, tenantId)).run();
  db.delete(freepaySettlements).where(eq(freepaySettlements.tenantId, tenantId)).run();
  // The merchant's sign-ups, panel account and bank accounts: a reset starts the merchant over.
  db.delete(freepaySignups).where(eq(freepaySignups.tenantId, tenantId)).run();
  db.delete(freepayAccounts).where(eq(freepayAccounts.tenantId, tenantId)).run();
  db.delete(freepayBankAccounts).where(eq(freepayBankAccounts.tenantId, tenantId)).run();
}

/** Tenants from before Freepay get a merchant API key of their own (the default tenant its fixed one). */
export const giveMissingFreepayKeys = (db: Db) => giveFreepayKeys(db, (id) => (id === defaultTenant.id ? defaultFreepayKey : newId('freepayKey')));
