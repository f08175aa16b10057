// A tenant's Jibit settings: what each service costs, how many calls a Tehran day allows,
// which addresses may call, how strictly inputs are read, whether the account is active and
// what an exhausted wallet answers. Defaults apply to what a tenant has not set.
import { billableEndpointIds, catalogEndpoint } from './catalog.js';
import type { Billing, TenantConfig, TenantRow } from '../../core/tenants.js';

/** Price per successful call in Rial; the document publishes no prices, these are the sandbox's. */
export const defaultPricesRial: Record<string, number> = {
  'card-inquiry': 15_000,
  'iban-inquiry': 15_000,
  'card-to-deposit': 20_000,
  'card-to-iban': 30_000,
  'deposit-to-iban': 30_000,
  'match-card-nationalcode': 40_000,
  'match-deposit-nationalcode': 40_000,
  'match-iban-nationalcode': 40_000,
  'match-card-name': 30_000,
  'match-deposit-name': 30_000,
  'match-iban-name': 30_000,
  'match-nationalcode-mobile': 25_000,
  'postal-code-address': 20_000,
  'postal-code-wgs': 20_000,
  'identity-similarity': 50_000,
  'foreigner-identity': 50_000,
  'corporation-identity': 50_000,
  'military-service-status': 50_000,
  'sana-status': 50_000,
};

export const defaultDailyLimit = 10_000;
export const defaultPrepaidRial = 1_000_000_000;

/**
 * documented: inputs exactly as the document writes them (birth date yyyyMMdd, IBAN with IR in
 * upper case, both tokens to refresh); lenient: also the forms some clients send (README).
 */
export const inputModes = ['documented', 'lenient'] as const;
/** What a prepaid call answers when PRF cannot pay: the sandbox's own code, or the document's forbidden. */
export const exhaustedWalletAnswers = ['balance.not_enough', 'forbidden'] as const;

export interface JibitOptions {
  inputs: (typeof inputModes)[number];
  /** An inactive account is refused `forbidden` ("...or your account is inactive") on every inquiry. */
  accountActive: boolean;
  exhaustedWallet: (typeof exhaustedWalletAnswers)[number];
}

export const defaultJibitOptions: JibitOptions = { inputs: 'documented', accountActive: true, exhaustedWallet: 'balance.not_enough' };

export interface JibitSettings extends JibitOptions {
  allowedIps: string[];
  dailyLimits: Record<string, number>;
  prices: Record<string, number>;
  billing: Billing;
}

/** Parsed once per tenant row: rows are cached until they change (core/tenants.ts). */
const parsed = new WeakMap<TenantRow, JibitSettings>();

export function jibitSettings(row: TenantRow): JibitSettings {
  let settings = parsed.get(row);
  if (!settings) {
    const limits = JSON.parse(row.dailyLimits) as Record<string, number>;
    const prices = JSON.parse(row.prices) as Record<string, number>;
    settings = {
      ...defaultJibitOptions,
      ...(JSON.parse(row.jibitOptions) as Partial<JibitOptions>),
      allowedIps: JSON.parse(row.allowedIps) as string[],
      dailyLimits: Object.fromEntries(billableEndpointIds.map((id) => [id, limits[id] ?? defaultDailyLimit])),
      prices: Object.fromEntries(billableEndpointIds.map((id) => [id, prices[id] ?? defaultPricesRial[id] ?? 0])),
      billing: row.billing,
    };
    parsed.set(row, settings);
  }
  return settings;
}

export function defaultJibitConfig(apiKey: string, secretKey: string): TenantConfig['jibit'] {
  return {
    apiKey,
    secretKey,
    allowedIps: [],
    dailyLimits: {},
    prices: {},
    balances: { PRF: defaultPrepaidRial, POF: 0 },
    billing: 'prepaid',
  };
}

/** Persian service name for the daily report: the catalog's title of the endpoint. */
export const servicePersianName = (endpointId: string) => catalogEndpoint(endpointId).titleFa;
