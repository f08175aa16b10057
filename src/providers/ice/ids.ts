// ICE's identifiers: prefixed random ids for its rows, numeric tracking codes, SMS codes and
// URL tokens. Kept here rather than in core's id registry, so ICE changes nothing outside its folder.
import { randomPart } from '../../core/ids.js';

const prefixes = { business: 'biz', registration: 'reg', reset: 'rst', charge: 'chg' } as const;

export function newIceId(kind: keyof typeof prefixes): string {
  return `${prefixes[kind]}_${randomPart(12).toString('base64url')}`;
}

/** A random number of `length` digits, not starting with 0 (tracking codes, references). */
export { newDigits } from '../../core/ids.js';

/** A 6-digit SMS code (may start with 0, as SMS codes do). */
export { newSmsCode } from '../../core/accounts/sms-codes.js';

/** A token for a link (consent page, bank page): unguessable, URL-safe. */
export const newUrlToken = () => randomPart(18).toString('base64url');
