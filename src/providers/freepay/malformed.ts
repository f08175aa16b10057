// What Freepay answers for a request the server cannot read (bad header bytes, headers past the
// limit, no Host): invalidInput, and on the payment page a page, as every error there is.
import type { MalformedAnswer } from '../../core/provider.js';
import { renderClosedPage } from '../../web/index.js';
import { FreepayError } from './errors.js';
import { gatewayPrefix } from './routes/gateway.js';

const pagePath = /^\/freepay\/payment\/([^/]+)$/;

function isPagePath(path: string): boolean {
  const slug = pagePath.exec(path)?.[1];
  if (slug === undefined) return false;
  try {
    return decodeURIComponent(slug).startsWith(gatewayPrefix);
  } catch {
    return false;
  }
}

export function freepayMalformedAnswer(path: string): MalformedAnswer {
  const error = new FreepayError('invalidInput');
  if (!isPagePath(path)) return { status: error.http, body: error.body };
  const html = renderClosedPage({ skin: 'freepay', reason: 'unavailable', detail: error.body.message });
  return { status: error.http, body: html, type: 'text/html; charset=UTF-8' };
}
