// What a new tenant starts with: generated credentials and the Jibit defaults, overridden by
// whatever the caller sends. The default tenant is built the same way with fixed credentials.
import { z } from '@hono/zod-openapi';
import { newId } from '../core/ids.js';
import { isIpOrCidr } from '../core/http.js';
import type { TenantConfig } from '../core/tenants.js';
import { billableEndpointIds } from '../providers/jibit/catalog.js';
import { defaultJibitConfig } from '../providers/jibit/settings.js';

export const defaultTenant = {
  id: 'ten_default',
  name: 'default',
  apiKey: 'mahak-default-api-key',
  secretKey: 'mahak-default-secret-key',
} as const;

const serviceId = z.enum(billableEndpointIds as [string, ...string[]]);
const rial = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const JibitSettingsPatch = z
  .object({
    allowedIps: z
      .array(z.string().refine(isIpOrCidr, 'must be an IPv4/IPv6 address, optionally with a /prefix'))
      .max(100)
      .optional()
      .openapi({ description: 'Addresses or CIDR ranges allowed to call; empty allows any', example: ['127.0.0.1', '10.0.0.0/8'] }),
    dailyLimits: z
      .partialRecord(serviceId, z.number().int().min(0))
      .optional()
      .openapi({ description: 'Successful calls allowed per Tehran day, by catalog endpoint id', example: { 'card-inquiry': 100 } }),
    prices: z
      .partialRecord(serviceId, rial)
      .optional()
      .openapi({ description: 'Price of a successful call in Rial, by catalog endpoint id', example: { 'card-inquiry': 15000 } }),
    balances: z
      .object({ PRF: rial.optional(), POF: z.number().int().optional() })
      .strict()
      .optional()
      .openapi({ description: 'Wallet amounts in Rial (set, not added)', example: { PRF: 1000000 } }),
    billing: z.enum(['prepaid', 'postpaid']).optional().openapi({ description: 'prepaid debits PRF and refuses when it is short; postpaid debits POF' }),
  })
  .strict()
  .openapi('JibitSettingsPatch');

export const TenantCreateBody = z
  .object({
    name: z.string().min(1).max(100).optional(),
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

export function buildTenantConfig(input: TenantCreate, credentials?: { apiKey: string; secretKey: string }): TenantConfig {
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
  };
}
