// Inputs in the forms the document writes them: a birth date as yyyyMMdd (lines 529, 576, 618)
// and an IBAN as IR and 24 digits. A tenant with inputs: "lenient" also takes what some clients
// send (yyyy/MM/dd, an IBAN without IR or in lower case), which the parameters' own checks accept.
import type { AppContext } from '../../core/http.js';
import { jibitError } from './errors.js';
import { callContext } from './serve.js';
import { jibitSettings } from './settings.js';
import { asciiDigits } from './validation.js';

const forms = {
  birthDate: { pattern: /^\d{8}$/, code: 'birthDate.not_valid' },
  iban: { pattern: /^IR\d{24}$/, code: 'iban.not_valid' },
} as const;

export const readsLeniently = (c: AppContext) => jibitSettings(callContext(c).tenant).inputs === 'lenient';

/**
 * Refuses, once the parameters have passed their own checks, a value not in its documented
 * form: `kinds` names the form of each field (`{value: 'iban'}` on IBAN inquiry).
 */
export function requireDocumentedForms(c: AppContext, fields: Record<string, unknown>, kinds: Partial<Record<string, keyof typeof forms>> = { birthDate: 'birthDate', iban: 'iban' }): void {
  if (readsLeniently(c)) return;
  for (const [field, kind] of Object.entries(kinds)) {
    const value = fields[field];
    if (typeof value !== 'string' || !kind) continue;
    if (!forms[kind].pattern.test(asciiDigits(value.trim()))) throw jibitError(forms[kind].code);
  }
}
