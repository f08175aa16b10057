// The consent page's form as the browser posts it (application/x-www-form-urlencoded): two
// fields, read by the page itself under a small limit, so a form past it is answered as a page.
import { BodyTooLarge, BodyUnreadable, readBody } from '../../../core/body-limit.js';
import { header, type AppContext } from '../../../core/http.js';

/** `action` and `bank` are a few bytes; 4 KiB leaves room for any browser's extras (README "Limits"). */
export const consentFormBytes = 4 * 1024;

export interface ConsentForm {
  action?: string | undefined;
  bank?: string | undefined;
}

/**
 * The posted fields, or undefined when the form is past the limit or broke off. A body that is not
 * a form reads as an empty one (the page then asks for a choice).
 */
export async function readConsentForm(c: AppContext): Promise<ConsentForm | undefined> {
  let text: string;
  try {
    text = await readBody(c, consentFormBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge || error instanceof BodyUnreadable) return undefined;
    throw error;
  }
  if (Buffer.byteLength(text) > consentFormBytes) return undefined;
  const form: ConsentForm = {};
  if (/^application\/x-www-form-urlencoded\b/i.test(header(c, 'content-type') ?? '')) {
    const fields = new URLSearchParams(text);
    form.action = fields.get('action') ?? undefined;
    form.bank = fields.get('bank') ?? undefined;
  }
  c.set('jsonBody', { ...form });
  return form;
}
