// What must hold of every ICE answer, whatever was sent: no 5xx but serviceUnavailable's 503 when
// an outage was asked for (X-Sandbox-Error or a scenario); a refusal is ICE's {code, message} with
// a code of the catalog that its endpoint documents, at the catalog's status, with the catalog's
// message; the consent and bank pages answer HTML (or a redirect) unless a refused X-Sandbox-*
// header is what they answer.
import { iceCodes, iceEndpoints, type IceCodeName } from '../../src/providers/ice/catalog.js';
import { iceRouteOf, isIcePagePath, type IceRoute } from './ice-routes.js';
import type { Wire } from './plan.js';
import type { Answer } from './send.js';

const named = (wire: Wire, header: string) => wire.headers.some(([n]) => n.toLowerCase() === header);
const forced = (wire: Wire) => named(wire, 'x-sandbox-error') || named(wire, 'x-sandbox-scenario');

/** Codes any route may answer besides its own: the body limit runs before routing, and a path may reach no route. */
const everywhere: IceCodeName[] = ['notFound', 'payloadTooLarge'];
const noRoute: IceCodeName[] = [...everywhere, 'invalidInput'];

function checkIceError(wire: Wire, answer: Answer, route: IceRoute | undefined): { code: IceCodeName; message: string } {
  if (!/^application\/json/i.test(answer.headers['content-type'] ?? '')) throw new Error(`content-type ${answer.headers['content-type']} is not JSON`);
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    throw new Error('the body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('an ICE error is a JSON object');
  const { code, message, errors } = body as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string' || message === '') throw new Error('an ICE error has a string code and a non-empty message');
  if (!(code in iceCodes)) throw new Error(`code ${code} is not in ICE's catalog`);
  const entry = iceCodes[code as IceCodeName];
  if (entry.http !== answer.status) throw new Error(`code ${code} answered with HTTP ${answer.status}; the catalog says ${entry.http}`);
  // A refused X-Sandbox-Error or X-Sandbox-Scenario is invalidInput on any route, pages too: it refuses the header, not the call.
  const refusedHeader = code === 'invalidInput' && forced(wire) && /^X-Sandbox-(Error|Scenario) "/.test(message);
  const allowed: readonly IceCodeName[] = route ? [...iceEndpoints[route.endpointId], ...everywhere] : noRoute;
  if (!allowed.includes(code as IceCodeName) && !refusedHeader) throw new Error(`code ${code} is not one ${route ? `${route.endpointId} documents (${allowed.join(', ')})` : 'a path of no route answers'}`);
  const catalogs = message === entry.message || message.startsWith(`${entry.message} (`);
  if (!catalogs && !refusedHeader && !named(wire, 'x-sandbox-scenario')) throw new Error(`message ${JSON.stringify(message)} is not the catalog's for ${code}`);
  if (errors !== undefined && (!errors || typeof errors !== 'object' || Object.values(errors).some((v) => typeof v !== 'string'))) throw new Error('errors maps each field to its reason');
  return { code: code as IceCodeName, message };
}

/** The bank segment of a bank page's path names one of the two banks: any other is no page. */
const aPage = (path: string) => isIcePagePath(path) && (!path.startsWith('/ice/bank/') || /^\/ice\/bank\/(saman|mellat)\//.test(path));

/** Throws with the reason when an answer of /ice breaks an invariant; `path` decoded as the router sees it, `method` as the server sees it. */
export function checkIceAnswer(wire: Wire, answer: Answer, path: string, method: string): void {
  const route = iceRouteOf(method, path);
  const hasBody = method !== 'HEAD' && answer.status !== 204 && answer.status !== 304;
  if (answer.status >= 500 && !forced(wire)) throw new Error(`HTTP ${answer.status} without X-Sandbox-Error or a scenario`);
  if (answer.status >= 500 && answer.status !== 503) throw new Error(`HTTP ${answer.status}: ICE's only 5xx is serviceUnavailable's 503`);
  const type = answer.headers['content-type'] ?? '';
  if (route?.page && aPage(path)) {
    if (answer.status === 303) {
      if (!answer.headers.location) throw new Error('a redirect without Location');
      return;
    }
    if (/^text\/html/i.test(type) || !hasBody) return;
    const { code } = checkIceError(wire, answer, route);
    if (!(code === 'invalidInput' && forced(wire))) throw new Error(`the page answered ${type} (${code}), not HTML`);
    return;
  }
  if (answer.status < 400) {
    if (answer.status >= 300) throw new Error(`redirect ${answer.status} from an ICE API route`);
    if (hasBody && answer.body !== '' && !/^application\/json/i.test(type)) throw new Error(`content-type ${type} from an ICE API route`);
    if (hasBody && answer.body !== '') JSON.parse(answer.body);
    return;
  }
  if (hasBody) checkIceError(wire, answer, route);
}
