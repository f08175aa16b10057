// A tenant's Freepay merchant: name, registered sites, settlement account, status and limits.
// Stored as JSON on the tenant row; defaults fill whatever a tenant has not set.
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../core/http.js';
import { getTenant, updateTenant, type TenantRow } from '../../core/tenants.js';
import { freepayEventTypes, type FreepayEventType } from './event-types.js';
import { isValidIban, isValidNationalCode, normalizeIban } from '../../core/world/numbers.js';

export const merchantStatuses = ['active', 'inactive', 'blacklisted'] as const;

export interface FreepayMerchant {
  name: string;
  /** Hosts the callback may point at (a site and its subdomains, any port, http or https). */
  sites: string[];
  /** The verified account settlements are paid to. */
  settlementIban: string;
  status: (typeof merchantStatuses)[number];
  /** The merchant's identity: a person's national code, or a company's national ID. */
  nationalCode: string | null;
  nationalId: string | null;
  minAmountRial: number;
  maxAmountRial: number;
  /** How long a buyer has to pay after the request. */
  authorityLifetimeSeconds: number;
  /** How long the page waits for an issuer that never answers (the issuer_timeout test card). */
  issuerTimeoutMs: number;
  /** The webhook events the merchant takes at the tenant's Freepay endpoint (docs/webhooks.md). */
  webhookEvents: FreepayEventType[];
}

/** The demo person's MELLI account of the synthetic world (docs/world.md). */
export const defaultMerchant: FreepayMerchant = {
  name: 'فروشگاه آزمایشی مهک',
  sites: ['localhost', '127.0.0.1'],
  settlementIban: 'IR120170000001234567890123',
  status: 'active',
  nationalCode: '0123456789',
  nationalId: null,
  minAmountRial: 10_000,
  maxAmountRial: 500_000_000,
  authorityLifetimeSeconds: 15 * 60,
  issuerTimeoutMs: 3_000,
  webhookEvents: [...freepayEventTypes],
};

/** The longest a buyer may be given to pay: a pending payment is always younger than this. */
export const maxAuthorityLifetimeSeconds = 7 * 24 * 3600;

const settingsCache = new WeakMap<TenantRow, FreepayMerchant>();

export function freepayMerchant(row: TenantRow): FreepayMerchant {
  let merchant = settingsCache.get(row);
  if (!merchant) {
    merchant = Object.freeze({ ...defaultMerchant, ...(JSON.parse(row.freepay) as Partial<FreepayMerchant>) });
    settingsCache.set(row, merchant);
  }
  return merchant;
}

/** A host name, or an IPv4 address: what a site is registered as. */
const hostPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const rial = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const FreepayMerchantPatch = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    sites: z
      .array(z.string().trim().toLowerCase().regex(hostPattern, 'must be a host name such as shop.example.ir (no scheme, port or path)'))
      .min(1)
      .max(50)
      .optional()
      .openapi({ description: 'Hosts the callback may point at; subdomains included', example: ['shop.example.ir', 'localhost'] }),
    settlementIban: z
      .string()
      .transform((v) => normalizeIban(v) ?? v)
      .refine(isValidIban, 'must be a valid IBAN (IR and 24 digits)')
      .optional()
      .openapi({ description: "The merchant's verified account, from the synthetic world", example: 'IR120170000001234567890123' }),
    status: z.enum(merchantStatuses).optional(),
    nationalCode: z.string().refine(isValidNationalCode, 'must be a valid national code').nullable().optional(),
    nationalId: z.string().regex(/^\d{11}$/, 'must be an 11-digit national ID').nullable().optional(),
    minAmountRial: rial.optional(),
    maxAmountRial: rial.optional(),
    authorityLifetimeSeconds: z.number().int().min(60).max(maxAuthorityLifetimeSeconds).optional(),
    issuerTimeoutMs: z.number().int().min(0).max(120_000).optional(),
    webhookEvents: z
      .array(z.enum(freepayEventTypes))
      .max(freepayEventTypes.length)
      .refine((types) => new Set(types).size === types.length, 'must not name an event twice')
      .optional()
      .openapi({ description: 'The webhook events sent to the Freepay endpoint; [] sends none', example: ['freepay.payment.verified', 'freepay.settlement.done'] }),
  })
  .strict()
  .openapi('FreepayMerchantPatch');

export type FreepayMerchantPatch = z.infer<typeof FreepayMerchantPatch>;

/** The merchant after a patch, or the reason the result would not hold together. */
export function patchedMerchant(current: FreepayMerchant, patch: FreepayMerchantPatch): FreepayMerchant | string {
  const next = { ...current, ...patch } as FreepayMerchant;
  if (next.minAmountRial > next.maxAmountRial) return `minAmountRial (${next.minAmountRial}) is above maxAmountRial (${next.maxAmountRial})`;
  return next;
}

/** Does the callback URL point at one of the merchant's sites? */
export function onRegisteredSite(merchant: FreepayMerchant, callback: URL): boolean {
  const host = callback.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return merchant.sites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** Why the patch cannot be applied to the tenant's merchant (the result would not hold together), or undefined. */
export function freepaySettingsRefusal(deps: AppDeps, tenantId: string, patch: FreepayMerchantPatch): string | undefined {
  const row = getTenant(deps.db, tenantId);
  if (!row) return `tenant ${tenantId} does not exist`;
  const next = patchedMerchant(freepayMerchant(row), patch);
  if (typeof next === 'string') return next;
  if (patch.settlementIban !== undefined || patch.nationalCode !== undefined) {
    // A settlement account must be the merchant's own, as Freepay verifies it.
    const account = deps.world.depositByIban(next.settlementIban);
    if (!account) return `settlementIban ${next.settlementIban} is not an account of the synthetic world`;
    if (next.nationalCode && !account.owners.includes(next.nationalCode)) {
      return `settlementIban ${next.settlementIban} does not belong to the merchant (national code ${next.nationalCode}); its owners: ${account.owners.join(', ') || 'none on record'}`;
    }
  }
  return undefined;
}

/** Applies a patch to the tenant's merchant; answers the reason when the result would not hold together. */
export function applyFreepaySettings(deps: AppDeps, tenantId: string, patch: FreepayMerchantPatch): string | undefined {
  const refusal = freepaySettingsRefusal(deps, tenantId, patch);
  if (refusal) return refusal;
  const row = getTenant(deps.db, tenantId)!;
  const stored = { ...(JSON.parse(row.freepay) as Record<string, unknown>), ...patch };
  updateTenant(deps.db, tenantId, { freepay: JSON.stringify(stored) });
  return undefined;
}
