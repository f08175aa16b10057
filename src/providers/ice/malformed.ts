// What ICE answers for a request the server cannot read (bad header bytes, a broken request line,
// headers past the limit): invalidInput, and on the consent and bank pages a page, as every
// answer there is (the link could not be read, so no request or charge is shown).
import type { MalformedAnswer } from '../../core/provider.js';
import { renderClosedPage } from '../../web/index.js';
import { renderMissingPage } from './consent/page.js';
import { IceError } from './errors.js';

const html = 'text/html; charset=UTF-8';
const bankPage = /^\/ice\/bank\/(saman|mellat)\//;

export function iceMalformedAnswer(path: string): MalformedAnswer {
  const error = new IceError('invalidInput');
  const bank = bankPage.exec(path)?.[1] as 'saman' | 'mellat' | undefined;
  if (bank) return { status: 404, body: renderClosedPage({ skin: bank, reason: 'unknown' }), type: html };
  if (path.startsWith('/ice/c/')) return { status: 404, body: renderMissingPage('unknown'), type: html };
  // Another path under a page's prefix names no page: as the router answers it.
  if (path.startsWith('/ice/bank/')) {
    const notFound = new IceError('notFound');
    return { status: notFound.http, body: notFound.body };
  }
  return { status: error.http, body: error.body };
}
