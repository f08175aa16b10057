// What every Freepay call goes through: the form body read once (JSON refused with the
// validation error), the merchant identified, then the active scenario's rules and
// X-Sandbox-Error before the endpoint's own work.
import { BodyTooLarge, readBody, type BodyUnreadable } from '../../core/body-limit.js';
import { header, type AppContext } from '../../core/http.js';
import { beforeProviderWork } from '../../core/scenarios/before-work.js';
import { documentedFreepayCode, freepayCodes, freepayEndpoints, type FreepayCodeName, type FreepayEndpointId } from './catalog.js';
import { FreepayError } from './errors.js';

/**
 * The largest body a Freepay call may send. Its forms (payment request, verify, the gateway
 * page's Pay or Cancel) are a handful of fields: the longest a merchant can fill, a 500-character
 * description and a callback URL, stay under 8 KiB even percent-encoded in Persian; 64 KiB is
 * well past any real form, and the same as Jibit's JSON bodies (README "Limits").
 */
export const freepayBodyBytes = 64 * 1024;

/** A body over the limit (or broken off) is the documented invalid input, with the reason. */
export const freepayBodyRefused = (error: BodyTooLarge | BodyUnreadable) =>
  new FreepayError(
    'invalidInput',
    {},
    `${freepayCodes.invalidInput.message} (${error instanceof BodyTooLarge ? `بدنه بزرگ‌تر از ${error.limitBytes} بایت` : 'بدنه ناقص رسید'})`,
  );

/**
 * The form fields of a POST, kept for the journal. A body that is not a form is a
 * FreepayError(invalidInput) for the merchant's API; the page (`lenient`) reads it as an empty form.
 */
export async function readForm(c: AppContext, lenient = false): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  if (/^application\/x-www-form-urlencoded\b/i.test(header(c, 'content-type') ?? '')) {
    const text = await readBody(c, freepayBodyBytes).catch((error: BodyTooLarge | BodyUnreadable) => {
      throw freepayBodyRefused(error);
    });
    for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
  } else if (!lenient) {
    throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (بدنه باید application/x-www-form-urlencoded باشد)`);
  }
  c.set('jsonBody', fields);
  return fields;
}

/** Scenario rules, then X-Sandbox-Error (a code name such as amountMismatch, or a status such as -12), then `work`. */
export function beforeWork(c: AppContext, endpointId: FreepayEndpointId, body: Record<string, unknown> | undefined, work: () => Promise<Response>): Promise<Response> {
  return beforeProviderWork(c, { id: 'freepay', documentedCode: documentedFreepayCode }, endpointId, body, {
    documented: (code) => new FreepayError(code as FreepayCodeName),
    undocumented: (wanted) =>
      new FreepayError(
        'invalidInput',
        {},
        `X-Sandbox-Error "${wanted}" is not a code of ${endpointId}; its codes: ${freepayEndpoints[endpointId].map((name) => `${freepayCodes[name].status} (${name})`).join(', ')}`,
      ),
    unknownScenario: (named, known) =>
      new FreepayError('invalidInput', {}, `X-Sandbox-Scenario "${named}" is not a loaded scenario; known scenarios: ${known.join(', ') || '(none)'}`),
    ruleError: (code, message) => new FreepayError(documentedFreepayCode(endpointId, code) ?? 'serviceUnavailable', {}, message),
  }, work);
}
