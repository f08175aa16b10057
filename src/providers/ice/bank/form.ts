// The bank page's form as the browser posts it (application/x-www-form-urlencoded), read under
// ICE's body limit by the page itself, so a form past it is answered as a page, not as JSON.
import { BodyTooLarge, BodyUnreadable, readBody } from '../../../core/body-limit.js';
import { header, type AppContext } from '../../../core/http.js';
import { iceBodyBytes } from '../pipeline.js';

/** The card's secrets never reach the journal; the card number only masked. */
function journalCopy(fields: Record<string, string>): Record<string, string> {
  const out = { ...fields };
  for (const key of ['pin2', 'cvv2']) if (key in out) out[key] = '(left out)';
  if (out.card) out.card = out.card.length > 10 ? `${out.card.slice(0, 6)}…${out.card.slice(-4)}` : '(left out)';
  return out;
}

/**
 * The posted fields, or undefined when the form is past the limit or broke off. A body that is
 * not a form reads as an empty form (the page then says what is missing).
 */
export async function readBankForm(c: AppContext): Promise<Record<string, string> | undefined> {
  let text: string;
  try {
    text = await readBody(c, iceBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge || error instanceof BodyUnreadable) return undefined;
    throw error;
  }
  const fields: Record<string, string> = {};
  if (/^application\/x-www-form-urlencoded\b/i.test(header(c, 'content-type') ?? '')) {
    for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
  }
  c.set('jsonBody', journalCopy(fields));
  return fields;
}
