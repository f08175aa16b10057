// Jibit errors: thrown by code, rendered by one handler as {"code", "message"} with the
// endpoint's own Persian message and the HTTP status from the table below (README lists it).
import { documentedSpelling, messageFor, normalizeCode } from './catalog.js';

/** Codes Mahak answers that the document does not print; each is explained in the README. */
export const extraMessages: Record<string, string> = {
  'balance.not_enough': 'موجودی کیف پول برای فراخوانی این سرویس کافی نیست',
  'sandbox.error_not_documented': 'کد خطای درخواست‌شده برای این سرویس مستند نشده است',
  'sandbox.scenario_unknown': 'سناریوی نام‌برده در سرآیند X-Sandbox-Scenario بارگذاری نشده است',
};

const exactStatus: Record<string, number> = {
  'invalid.request_body': 400,
  'parameters.not_acceptable': 400,
  'query_parameters.not_provided': 400,
  'iban.provided': 400,
  'card_number.provided': 400,
  'card_type.not_supported': 400,
  'sandbox.error_not_documented': 400,
  'sandbox.scenario_unknown': 400,
  'invalid.credentials': 401,
  'invalid.tokens_pair': 401,
  'refreshToken.not_valid': 401,
  'token.is_required': 401,
  'balance.not_enough': 402,
  forbidden: 403,
  'client.not_found': 403,
  'handler.not_found': 404,
  'conversion.failed': 422,
  'matching.unknown': 422,
  'daily_limit.reached': 429,
  'server.error': 500,
  'providers.not_available': 503,
  'card.provider_is_not_active': 503,
  'card.source_bank_is_not_active': 503,
};

const exactByNormalCode = new Map(Object.entries(exactStatus).map(([code, status]) => [normalizeCode(code), status]));

/** HTTP status for a Jibit code: the document gives none, this follows spec/jibit.md §5.1.1. */
export function statusForCode(code: string): number {
  const normal = normalizeCode(code);
  const exact = exactByNormalCode.get(normal);
  if (exact !== undefined) return exact;
  if (/\.(is_required|not_valid|length_exceeded)$/.test(normal)) return 400;
  if (normal.endsWith('not_found')) return 404;
  if (normal.endsWith('.black_listed') || normal.startsWith('card.')) return 422;
  return 400;
}

export class JibitError extends Error {
  constructor(
    readonly code: string,
    readonly detail?: string,
  ) {
    super(code);
  }
}

/** `throw jibitError("card.not_valid")`: no handler writes an error body by hand. */
export const jibitError = (code: string, detail?: string) => new JibitError(code, detail);

export interface JibitErrorBody {
  code: string;
  message: string;
}

/**
 * Where an endpoint's table leaves a code out, the nearest code it does document. Handlers
 * throw the natural code; an endpoint answers it in its own documented terms when it can
 * (an empty card number on a matching service is card.not_valid: it lists no card.is_required).
 */
const fallbacks: Record<string, string[]> = {
  'card.is_required': ['card.not_valid'],
  'iban.is_required': ['iban.not_valid'],
  'deposit.is_required': ['deposit.not_valid'],
  'nationalCode.is_required': ['nationalCode.not_valid', 'identity_info.not_found'],
  'nationalCode.not_valid': ['identity_info.not_found'],
  'birthDate.is_required': ['birthDate.not_valid', 'identity_info.not_found'],
  'birthDate.not_valid': ['identity_info.not_found'],
  'mobileNumber.is_required': ['mobileNumber.not_valid'],
  'iban.provided': ['deposit.not_valid'],
  'card_number.provided': ['deposit.not_valid'],
  'bank.not_valid': ['deposit.not_valid'],
  'postalCode.is_required': ['postalCode.not_valid'],
  'fida.is_required': ['fida.not_valid'],
  'corporation_code.is_required': ['corporation_code.not_valid'],
  // An account whose IBAN cannot be had: in the nearest terms the endpoint documents.
  'iban.not_found': ['iban.not_valid', 'deposit.not_valid'],
  'iban.not_valid': ['iban.not_found', 'deposit.not_valid'],
  'iban.owner_not_found': ['iban.not_found', 'iban.not_valid', 'deposit.not_valid'],
  'conversion.failed': ['iban.not_found', 'iban.not_valid', 'deposit.not_valid'],
  'identity_info.not_found': ['nationalCode.not_valid'],
};

/** The code `endpointId` answers for a natural `code`: its documented spelling, a fallback, or the code itself. */
export function resolveCode(endpointId: string | undefined, code: string): string {
  if (!endpointId) return code;
  for (const candidate of [code, ...(fallbacks[code] ?? [])]) {
    const spelling = documentedSpelling(endpointId, candidate);
    if (spelling) return spelling;
  }
  return code;
}

/** The body and status for `code` answered by `endpointId`, in the endpoint's documented spelling. */
export function renderJibitError(endpointId: string | undefined, error: JibitError): { status: number; body: JibitErrorBody } {
  const code = resolveCode(endpointId, error.code);
  const message = error.detail ?? messageFor(endpointId, code) ?? extraMessages[code] ?? code;
  return { status: statusForCode(code), body: { code, message } };
}
