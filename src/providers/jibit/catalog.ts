// The Jibit catalog: every endpoint, parameter and documented error code with its Persian
// message, as spec/jibit-catalog.json records them (synced by scripts/sync-jibit-catalog.ts).
import catalogJson from './catalog.json' with { type: 'json' };

export interface CatalogParam { name: string; type: string; required: boolean; value?: unknown; description: string }
export interface CatalogError { code: string; messageFa: string; messageEn: string; normalizedCode?: string }
export interface CatalogEndpoint {
  id: string;
  titleFa: string;
  titleEn: string;
  method: string;
  path: string;
  purpose: string;
  query: CatalogParam[];
  body: CatalogParam[];
  errors: CatalogError[];
  /** The success answer as the document prints it: a type name per field, nested objects, one-item arrays; `<name>` stands for any key. */
  response: unknown;
}

export const catalogEndpoints: readonly CatalogEndpoint[] = catalogJson.endpoints as CatalogEndpoint[];

export const endpointIds = catalogEndpoints.map((e) => e.id);
export type EndpointId = string;

const byId = new Map(catalogEndpoints.map((e) => [e.id, e]));

export function catalogEndpoint(id: EndpointId): CatalogEndpoint {
  const endpoint = byId.get(id);
  if (!endpoint) throw new Error(`unknown Jibit endpoint id ${id}`);
  return endpoint;
}

/** Codes compare case-insensitively with spaces removed: `Iban.not_found` is `iban.not_found`. */
export const normalizeCode = (code: string) => code.replace(/\s+/g, '').toLowerCase();

/**
 * The spelling an endpoint documents for a code, when it documents it under any spelling
 * (match-deposit-nationalcode prints `Iban.not_found`, sana-status `mobile Number. black_listed`).
 */
export function documentedSpelling(endpointId: EndpointId, code: string): string | undefined {
  const wanted = normalizeCode(code);
  return catalogEndpoint(endpointId).errors.find((e) => normalizeCode(e.code) === wanted)?.code;
}

/** First message the catalog gives for a code on any endpoint: for codes an endpoint leaves out. */
const anyEndpointMessage = new Map<string, string>();
for (const endpoint of catalogEndpoints) {
  for (const error of endpoint.errors) {
    const key = normalizeCode(error.code);
    if (!anyEndpointMessage.has(key)) anyEndpointMessage.set(key, error.messageFa);
  }
}

/** The Persian message for `code` as answered by `endpointId`. */
export function messageFor(endpointId: EndpointId | undefined, code: string): string | undefined {
  if (endpointId) {
    const wanted = normalizeCode(code);
    const own = byId.get(endpointId)?.errors.find((e) => normalizeCode(e.code) === wanted);
    if (own) return own.messageFa;
  }
  return anyEndpointMessage.get(normalizeCode(code));
}

/** Endpoints that are billed and counted against a daily limit: those documenting daily_limit.reached. */
export const billableEndpointIds = catalogEndpoints
  .filter((e) => e.errors.some((er) => er.code === 'daily_limit.reached'))
  .map((e) => e.id);
