// What a new tenant starts with: each provider's defaults and generated credentials, overridden
// by whatever the caller sends. The default tenant is built the same way with fixed credentials.
import { z } from '@hono/zod-openapi';
import type { Provider } from '../core/provider.js';
import type { TenantConfig } from '../core/tenants.js';

export const defaultTenant = { id: 'ten_default', name: 'default' } as const;

/** The body of POST /_sandbox/tenants: a name and, under each provider's id, its settings. */
export function tenantCreateBody(providers: readonly Provider[]) {
  return z
    .object({
      name: z.string().min(1).max(100).optional(),
      ...Object.fromEntries(providers.map((p) => [p.id, p.tenancy.createSchema.optional()])),
    })
    .strict()
    .openapi('TenantCreate');
}

export type TenantCreate = { name?: string } & Record<string, unknown>;

export function buildTenantConfig(providers: readonly Provider[], input: TenantCreate, isDefault = false): TenantConfig {
  const parts = providers.map((p) => p.tenancy.config(input[p.id] ?? {}, isDefault));
  return Object.assign({ name: input.name ?? 'tenant' }, ...parts) as TenantConfig;
}
