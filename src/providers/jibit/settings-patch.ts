// The Jibit settings a tenant may change: by the control API (PATCH /_sandbox/tenants/{id}/jibit)
// and by a scenario's setup, with one schema and one way of applying it.
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../core/http.js';
import { isIpOrCidr } from '../../core/http.js';
import { clockOf, getTenant, updateTenant } from '../../core/tenants.js';
import { billableEndpointIds } from './catalog.js';
import { exhaustedWalletAnswers, inputModes } from './settings.js';

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
    inputs: z.enum(inputModes).optional().openapi({
      description:
        'documented (default): inputs only as the document writes them; lenient: also birth dates as yyyy/MM/dd, IBANs without IR or in lower case, and a refresh with the refresh token alone',
    }),
    accountActive: z.boolean().optional().openapi({ description: 'false: every inquiry, the balances and the daily report answer forbidden (default true)' }),
    exhaustedWallet: z
      .enum(exhaustedWalletAnswers)
      .optional()
      .openapi({ description: 'What a prepaid call answers when PRF cannot pay: balance.not_enough (default, not in the document) or forbidden' }),
  })
  .strict()
  .openapi('JibitSettingsPatch');

export type JibitSettingsPatch = z.infer<typeof JibitSettingsPatch>;

const optionKeys = ['inputs', 'accountActive', 'exhaustedWallet'] as const;

/** The options a patch or a creation sets, over those already set. */
export function jibitOptionsOf(patch: JibitSettingsPatch, current: Record<string, unknown> = {}): Record<string, unknown> {
  const set = Object.fromEntries(optionKeys.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
  return { ...current, ...set };
}

/** Maps are merged key by key; balances are set to the given amounts, each with a ledger entry. */
export function applyJibitSettings(deps: AppDeps, id: string, patch: JibitSettingsPatch, reason: string): void {
  const row = getTenant(deps.db, id);
  if (!row) return;
  const nowMs = clockOf(row, deps.wall).now();
  updateTenant(deps.db, id, {
    ...(patch.allowedIps ? { allowedIps: JSON.stringify(patch.allowedIps) } : {}),
    ...(patch.dailyLimits ? { dailyLimits: JSON.stringify({ ...JSON.parse(row.dailyLimits), ...patch.dailyLimits }) } : {}),
    ...(patch.prices ? { prices: JSON.stringify({ ...JSON.parse(row.prices), ...patch.prices }) } : {}),
    ...(patch.billing ? { billing: patch.billing } : {}),
    ...(optionKeys.some((k) => patch[k] !== undefined)
      ? { jibitOptions: JSON.stringify(jibitOptionsOf(patch, JSON.parse(row.jibitOptions) as Record<string, unknown>)) }
      : {}),
  });
  for (const [wallet, amount] of Object.entries(patch.balances ?? {})) {
    if (amount !== undefined) deps.meter.set(id, wallet as 'PRF' | 'POF', amount, reason, nowMs);
  }
}
