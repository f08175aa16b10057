// Jibit's part of a tenant: the key pair and settings a new tenant starts with, the key-clash
// check, the creation answer and how the control API shows it.
import { z } from '@hono/zod-openapi';
import type { ProviderTenancy } from '../../core/provider.js';
import { newId } from '../../core/ids.js';
import { maskSecret } from '../../core/journal.js';
import { tehranJalaliDay } from '../../core/calendar.js';
import { clockOf, tenantByJibitApiKey, type TenantConfig } from '../../core/tenants.js';
import { JibitSettingsPatch, jibitOptionsOf } from './settings-patch.js';
import { defaultJibitConfig, jibitSettings } from './settings.js';

/** The default tenant's key pair: fixed, so a fresh sandbox can be called without set-up. */
export const defaultJibitKeys = { apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' } as const;

const JibitCreate = JibitSettingsPatch.extend({
  apiKey: z.string().min(1).max(128).optional(),
  secretKey: z.string().min(1).max(128).optional(),
}).strict();

function config(input: unknown, isDefault: boolean): Pick<TenantConfig, 'jibit'> {
  const jibit = input as z.infer<typeof JibitCreate>;
  const base = defaultJibitConfig(
    jibit.apiKey ?? (isDefault ? defaultJibitKeys.apiKey : newId('apiKey')),
    jibit.secretKey ?? (isDefault ? defaultJibitKeys.secretKey : newId('secretKey', 24)),
  );
  return {
    jibit: {
      ...base,
      allowedIps: jibit.allowedIps ?? base.allowedIps,
      dailyLimits: { ...jibit.dailyLimits } as Record<string, number>,
      prices: { ...jibit.prices } as Record<string, number>,
      balances: { ...base.balances, ...jibit.balances },
      billing: jibit.billing ?? base.billing,
      options: jibitOptionsOf(jibit),
    },
  };
}

export const jibitTenancy: ProviderTenancy = {
  createSchema: JibitCreate,
  config,
  conflict: (deps, { jibit }) => (tenantByJibitApiKey(deps.db, jibit.apiKey) ? 'jibit.apiKey is already used by another tenant' : undefined),
  answerSchema: z.object({ apiKey: z.string(), secretKey: z.string() }),
  answer: (row) => ({ apiKey: row.jibitApiKey, secretKey: row.jibitSecretKey }),
  view(row, deps) {
    const settings = jibitSettings(row);
    const tehranDay = tehranJalaliDay(clockOf(row, deps.wall).now());
    return {
      apiKey: row.jibitApiKey,
      // Secrets show once, in the creation answer; the apiKey is an identifier and stays readable.
      secretKey: maskSecret(row.jibitSecretKey),
      allowedIps: settings.allowedIps,
      billing: settings.billing,
      inputs: settings.inputs,
      accountActive: settings.accountActive,
      exhaustedWallet: settings.exhaustedWallet,
      balances: deps.meter.balances(row.id),
      dailyLimits: settings.dailyLimits,
      prices: settings.prices,
      usedToday: Object.fromEntries(deps.meter.usageOnDay(row.id, tehranDay).map((u) => [u.endpointId, u.count])),
    };
  },
};
