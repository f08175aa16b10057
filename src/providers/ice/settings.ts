// A tenant's ICE settings: prices, lifetimes on the tenant clock, the legal review's decision,
// the SMS code rules, the charge limits and the API onboarding's fee and delay. One zod schema
// serves PATCH /_sandbox/tenants/{id}/ice, a scenario's `setup.ice` and POST /_sandbox/tenants;
// the defaults are documented in the README.
import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { iceSettings } from '../../db/schema/index.js';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const IceLegalReview = z
  .object({
    /** What the review decides by itself; manual: only the control API decides. */
    decision: z.enum(['approve', 'reject', 'manual']),
    /** Seconds of tenant time after the legal information is sent. */
    afterSeconds: int(0, 30 * 24 * 3600).default(0),
    /** The Persian reason a rejection gives. */
    reason: z.string().min(1).max(500).optional(),
  })
  .strict()
  .openapi('IceLegalReview');

export const IceSettings = z
  .object({
    reportPriceRial: int(0, 1_000_000_000),
    vatRial: int(0, 1_000_000_000),
    /** How long a person may answer a request before it expires. */
    consentLifetimeMinutes: int(1, 30 * 24 * 60),
    /** How long an approved report stays viewable before it is archived. */
    viewableHours: int(1, 30 * 24),
    legalReview: IceLegalReview,
    /** Lifetime of an SMS code; its resend countdown is as long. */
    codeLifetimeSeconds: int(10, 3600),
    /** Wrong codes allowed before the code is void. */
    maxCodeTries: int(1, 20),
    chargeMinRial: int(1, 1_000_000_000_000),
    chargeMaxRial: int(1, 1_000_000_000_000),
    /** How long a bank page may be paid after it is opened for a charge. */
    bankPageLifetimeMinutes: int(1, 24 * 60),
    /** How long the bank page waits on the test card whose issuer never answers, before it fails. */
    issuerTimeoutMs: int(0, 120_000),
    /** API onboarding: the monthly web-service fee of the pro-forma invoice (step 3). */
    apiInvoiceRial: int(1_000, 1_000_000_000),
    /** API onboarding: how long the move to live (step 5) takes on the tenant clock. */
    liveDelayMinutes: int(0, 7 * 24 * 60),
  })
  .strict();
export type IceSettings = z.infer<typeof IceSettings>;

export const defaultIceSettings: IceSettings = {
  reportPriceRial: 91_750,
  vatRial: 8_250,
  consentLifetimeMinutes: 24 * 60,
  viewableHours: 24,
  legalReview: { decision: 'approve', afterSeconds: 0 },
  codeLifetimeSeconds: 120,
  maxCodeTries: 5,
  chargeMinRial: 10_000,
  chargeMaxRial: 500_000_000,
  bankPageLifetimeMinutes: 15,
  issuerTimeoutMs: 3_000,
  apiInvoiceRial: 3_000_000,
  // The seed says "from two hours to one working day"; the short end, so a test advances less.
  liveDelayMinutes: 120,
};

export const IceSettingsPatch = IceSettings.partial().strict().openapi('IceSettingsPatch', {
  description: 'Any of the ICE settings; the others keep their value',
});
export type IceSettingsPatch = z.infer<typeof IceSettingsPatch>;

/** Why the settings would not hold together, or undefined. */
export function iceSettingsRefusal(settings: IceSettings): string | undefined {
  if (settings.chargeMinRial > settings.chargeMaxRial) return 'chargeMinRial must not be above chargeMaxRial';
  if (settings.legalReview.decision === 'reject' && !settings.legalReview.reason) return 'legalReview.reason is required when the decision is reject';
  return undefined;
}

const cache = new WeakMap<Db, Map<string, IceSettings>>();

/** The tenant's settings (the defaults for a tenant that never set any). */
export function iceSettingsOf(db: Db, tenantId: string): IceSettings {
  let byTenant = cache.get(db);
  if (!byTenant) cache.set(db, (byTenant = new Map()));
  let settings = byTenant.get(tenantId);
  if (!settings) {
    const row = db.select().from(iceSettings).where(eq(iceSettings.tenantId, tenantId)).get();
    settings = Object.freeze({ ...defaultIceSettings, ...(row ? (JSON.parse(row.settings) as Partial<IceSettings>) : {}) });
    byTenant.set(tenantId, settings);
  }
  return settings;
}

export function saveIceSettings(db: Db, tenantId: string, settings: IceSettings): void {
  cache.get(db)?.delete(tenantId);
  const text = JSON.stringify(settings);
  db.insert(iceSettings).values({ tenantId, settings: text }).onConflictDoUpdate({ target: iceSettings.tenantId, set: { settings: text } }).run();
}

export function removeIceSettings(db: Db, tenantId: string): void {
  cache.get(db)?.delete(tenantId);
  db.delete(iceSettings).where(eq(iceSettings.tenantId, tenantId)).run();
}
