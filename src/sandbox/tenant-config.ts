// What a new tenant starts with: generated credentials and the Jibit defaults, overridden by
// whatever the caller sends. The default tenant is built the same way with fixed credentials.
import { z } from '@hono/zod-openapi';
import { newId } from '../core/ids.js';
import type { TenantConfig } from '../core/tenants.js';
import { JibitSettingsPatch } from '../providers/jibit/settings-patch.js';
export { JibitSettingsPatch };
import { defaultJibitConfig } from '../providers/jibit/settings.js';
import { FreepayMerchantPatch } from '../providers/freepay/merchant.js';

export const defaultTenant = {
  id: 'ten_default',
  name: 'default',
  apiKey: 'mahak-default-api-key',
  secretKey: 'mahak-default-secret-key',
  freepayApiKey: 'mahak-default-freepay-key',
} as const;

export const TenantCreateBody = z
  .object({
    name: z.string().min(1).max(100).optional(),
    freepay: FreepayMerchantPatch.extend({ apiKey: z.string().min(1).max(128).optional() })
      .strict()
      .optional(),
    jibit: JibitSettingsPatch.extend({
      apiKey: z.string().min(1).max(128).optional(),
      secretKey: z.string().min(1).max(128).optional(),
    })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('TenantCreate');

export type TenantCreate = z.infer<typeof TenantCreateBody>;

export function buildTenantConfig(
  input: TenantCreate,
  credentials?: { apiKey: string; secretKey: string; freepayApiKey: string },
): TenantConfig {
  const jibit = input.jibit ?? {};
  const base = defaultJibitConfig(
    jibit.apiKey ?? credentials?.apiKey ?? newId('apiKey'),
    jibit.secretKey ?? credentials?.secretKey ?? newId('secretKey', 24),
  );
  return {
    name: input.name ?? 'tenant',
    jibit: {
      ...base,
      allowedIps: jibit.allowedIps ?? base.allowedIps,
      dailyLimits: { ...jibit.dailyLimits } as Record<string, number>,
      prices: { ...jibit.prices } as Record<string, number>,
      balances: { ...base.balances, ...jibit.balances },
      billing: jibit.billing ?? base.billing,
    },
    freepay: (({ apiKey, ...settings }) => ({ apiKey: apiKey ?? credentials?.freepayApiKey ?? newId('freepayKey'), settings }))(input.freepay ?? {}),
  };
}
