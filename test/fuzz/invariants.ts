// What must hold of every answer, whatever was sent: no 5xx unless an outage was asked for, the
// provider's own error shape on 4xx (Jibit {code, message} with a documented code at the README's
// status, Freepay {status, message} with a catalog status, the control API {error, message}, the
// payment page HTML, ICE as ice-invariants.ts says), and an answer within a second.
import { testCards } from '../../src/providers/freepay/catalog.js';
import { checkIceAnswer } from './ice-invariants.js';
import { catalogMessages, freepayByStatus, readmeJibitStatuses, sandboxJibitCodes, type TestValue } from './model.js';
import type { Wire } from './plan.js';
import type { Answer } from './send.js';

export const maxAnswerMs = 1_000;

/** The issuer-timeout test card makes the page wait the merchant's issuerTimeoutMs (3 s by default) on purpose (README "Test cards"). */
const slowCards = testCards.filter((c) => c.outcome === 'issuer_timeout').map((c) => c.number);
const slowCardMs = 3_000;

/**
 * Numbers the test values document as reaching a 5xx code without any header: a card whose
 * bank or provider is down (README "Test values"). Asking for one of them is asking for the outage.
 */
export function documentedOutages(testValues: readonly TestValue[]): Map<string, string[]> {
  const outages = new Map<string, string[]>();
  for (const tv of testValues) {
    if ((jibitStatuses.get(tv.outcome) ?? 0) < 500 || tv.request.headers?.['X-Sandbox-Error']) continue;
    const numbers = Object.values({ ...tv.request.query, ...(tv.request.body as object) }).filter((v): v is string => typeof v === 'string' && /^\d{10,}$/.test(v));
    outages.set(tv.outcome, [...(outages.get(tv.outcome) ?? []), ...numbers]);
  }
  return outages;
}

const asciiDigits = (s: string) => s.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));

/** Everything the request says, escapes undone and digits in ASCII: where a documented number is looked for. */
function requestText(wire: Wire): string {
  let text = `${wire.target} ${wire.body ?? ''}`;
  try {
    text = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    /* kept as sent */
  }
  return asciiDigits(text);
}

const jibitStatuses = readmeJibitStatuses();
const allowedJibitCodes = new Set([...catalogMessages.keys(), ...sandboxJibitCodes]);

export type Kind = 'jibit' | 'freepay' | 'page' | 'control' | 'ice';

/** hono decodes a path's escapes with decodeURI, escape by escape when the whole will not decode. */
function decodedPath(target: string): string {
  let path: string;
  try {
    path = new URL(`http://localhost${target}`).pathname;
  } catch {
    path = target.split('?')[0]!;
  }
  try {
    return decodeURI(path);
  } catch {
    return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURI(m);
      } catch {
        return m;
      }
    });
  }
}

/** The method the server sees: a WHATWG Request upper-cases these six whatever their case (PATCH and unknown verbs stay as written). */
export const methodSeen = (method: string) => (['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(method.toUpperCase()) ? method.toUpperCase() : method);

/** Which part of the sandbox answers the request, as app.ts decides it. */
export function kindOf(wire: Wire): Kind {
  const path = decodedPath(wire.target);
  if (path === '/jibit/ide' || path.startsWith('/jibit/ide/')) return 'jibit';
  if (path === '/ice' || path.startsWith('/ice/')) return 'ice';
  if (path === '/freepay' || path.startsWith('/freepay/')) {
    const slug = /^\/freepay\/payment\/([^/]+)$/.exec(path)?.[1];
    let decoded = slug;
    try {
      decoded = slug && decodeURIComponent(slug);
    } catch {
      /* kept as sent */
    }
    return decoded?.startsWith('gateway:') && ['GET', 'HEAD', 'POST'].includes(methodSeen(wire.method)) ? 'page' : 'freepay';
  }
  return 'control';
}

const forced = (wire: Wire) => wire.headers.some(([n]) => /^x-sandbox-(error|scenario)$/i.test(n));
const namesScenario = (wire: Wire) => wire.headers.some(([n]) => /^x-sandbox-scenario$/i.test(n));

function parseJson(answer: Answer): unknown {
  if (!/^application\/json/i.test(answer.headers['content-type'] ?? '')) throw new Error(`content-type ${answer.headers['content-type']} is not JSON`);
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new Error('the body is not JSON');
  }
}

const keysOf = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).sort() : undefined);

function checkJibitError(wire: Wire, answer: Answer, outages: Map<string, string[]>): void {
  const body = parseJson(answer) as Record<string, unknown>;
  if (keysOf(body)?.join() !== 'code,message') throw new Error('a Jibit error is exactly {code, message}');
  const { code, message } = body;
  if (typeof code !== 'string' || typeof message !== 'string' || message === '') throw new Error('code and message are non-empty strings');
  if (!allowedJibitCodes.has(code)) throw new Error(`code ${code} is neither in the catalog nor one of the README's sandbox codes`);
  const status = jibitStatuses.get(code);
  if (status !== answer.status) throw new Error(`code ${code} answered with HTTP ${answer.status}; the README's table says ${status}`);
  if (!namesScenario(wire) && !code.startsWith('sandbox.') && code !== 'balance.not_enough' && !catalogMessages.get(code)?.has(message)) {
    throw new Error(`message ${JSON.stringify(message)} is not the catalog's for ${code}`);
  }
  if (answer.status >= 500) {
    const text = requestText(wire);
    const documented = outages.get(code)?.some((number) => text.includes(number)) ?? false;
    if (!forced(wire) && !documented) throw new Error(`HTTP ${answer.status} (${code}) without X-Sandbox-Error or a scenario`);
  }
}

function checkFreepayError(wire: Wire, answer: Answer): void {
  const body = parseJson(answer) as Record<string, unknown>;
  const keys = keysOf(body);
  if (!keys || keys.some((k) => !['failure', 'failure_class', 'failure_class_message', 'message', 'reason_message', 'status'].includes(k))) throw new Error('a Freepay error is {status, message} (a failed payment adds failure, reason_message and its class)');
  const code = typeof body.status === 'number' ? freepayByStatus.get(body.status) : undefined;
  if (!code || code.status >= 1) throw new Error(`status ${String(body.status)} is not a Freepay error code`);
  if (code.http !== answer.status) throw new Error(`Freepay ${code.status} answered with HTTP ${answer.status}; the catalog says ${code.http}`);
  if (typeof body.message !== 'string' || body.message === '') throw new Error('message is a non-empty string');
  if (answer.status >= 500 && !forced(wire)) throw new Error(`HTTP ${answer.status} without X-Sandbox-Error or a scenario`);
}

function checkControlError(answer: Answer): void {
  const body = parseJson(answer) as Record<string, unknown>;
  const keys = keysOf(body);
  if (!keys || !keys.includes('error') || !keys.includes('message') || keys.some((k) => !['details', 'error', 'message'].includes(k))) throw new Error('a control-API error is {error, message} (and details)');
  if (typeof body.error !== 'string' || typeof body.message !== 'string' || body.message === '') throw new Error('error and message are non-empty strings');
  if (answer.status >= 500) throw new Error(`HTTP ${answer.status} from the control API`);
}

/** Throws with the reason when the answer breaks an invariant. */
export function checkAnswer(wire: Wire, answer: Answer, outages: Map<string, string[]>): void {
  if (answer.status === 0) throw new Error('no answer (connection dropped or silent)');
  const allowedMs = maxAnswerMs + (slowCards.some((card) => requestText(wire).includes(card)) ? slowCardMs : 0);
  if (answer.ms > allowedMs) throw new Error(`answered in ${Math.round(answer.ms)} ms, over ${allowedMs} ms`);
  const kind = kindOf(wire);
  if (kind === 'ice') return checkIceAnswer(wire, answer, decodedPath(wire.target), methodSeen(wire.method));
  const hasBody = methodSeen(wire.method) !== 'HEAD' && answer.status !== 204 && answer.status !== 304;
  if (kind === 'page') {
    if (!/^text\/html/i.test(answer.headers['content-type'] ?? '') && answer.status !== 303) throw new Error(`the payment page answered ${answer.headers['content-type']}, not HTML`);
    if (answer.status >= 500 && !forced(wire)) throw new Error(`the payment page answered HTTP ${answer.status} without X-Sandbox-Error or a scenario`);
    return;
  }
  if (answer.status < 400) {
    if (answer.status >= 300) throw new Error(`redirect ${answer.status} from an API route`);
    if (hasBody && answer.body !== '' && /json/i.test(answer.headers['content-type'] ?? '')) parseJson(answer);
    return;
  }
  if (!hasBody) {
    if (answer.status >= 500 && !forced(wire)) throw new Error(`HTTP ${answer.status} without X-Sandbox-Error or a scenario`);
    return;
  }
  if (kind === 'jibit') checkJibitError(wire, answer, outages);
  else if (kind === 'freepay') checkFreepayError(wire, answer);
  else checkControlError(answer);
}
