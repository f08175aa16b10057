// ICE's fuzz properties: each run makes a fresh tenant (its ready business signed in, a pending
// report, an open charge as the run's requests need them), sends generated requests, and checks
// every answer (ice-invariants.ts), that a refused call moved no money (the sandbox's balances and
// ledger rows unchanged), and after the run that every ledger adds up. Three properties: the JSON
// API, the consent and bank pages, and the multipart legal upload. Shared by test/fuzz/ice.test.ts
// and scripts/fuzz.ts.
import fc from 'fast-check';
import { createInstance, shippedScenariosDir, type Instance } from '../../src/instance.js';
import { clockOf, getTenant } from '../../src/core/tenants.js';
import { catchUpIce } from '../../src/providers/ice/catch-up.js';
import { iceEndpoints } from '../../src/providers/ice/catalog.js';
import { defaultTenant } from '../../src/sandbox/tenant-config.js';
import { iceRouteOf, isIcePagePath } from './ice-routes.js';
import { legalUploadArb, describeUpload, uploadRequest, type Upload } from './ice-upload.js';
import { checkAnswer, kindOf } from './invariants.js';
import { readModel, type Model, type Operation } from './model.js';
import { describePlan, toWire, type Plan, type Wire } from './plan.js';
import { operationPlanArb, type Limits } from './requests.js';
import { viaApp, refused, type Answer } from './send.js';
import { caller, type Call } from './session.js';
import { iceVars } from './ice-session.js';
import { testValueOperations } from './test-value-ops.js';
import type { Text, Vars } from './text.js';
import { Violation } from './engine.js';

export type IcePropertyName = 'ice' | 'ice-pages' | 'ice-upload';
export const icePropertyNames: IcePropertyName[] = ['ice', 'ice-pages', 'ice-upload'];

export interface IceTarget {
  instance: Instance;
  model: Model;
  call: Call;
  /** Requests: generated ones the app answered, those the client refused, and the runs' set-up and checks. */
  counts: { fuzz: number; refusedByClient: number; refusedByNode: number; setup: number; byKindAndStatus: Record<string, number> };
  close(): Promise<void>;
}

export async function createIceTarget(): Promise<IceTarget> {
  const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', scenariosDir: shippedScenariosDir });
  const counts = { fuzz: 0, refusedByClient: 0, refusedByNode: 0, setup: 0, byKindAndStatus: {} as Record<string, number> };
  const request = (path: string, init?: RequestInit) => Promise.resolve(instance.app.request(path, init));
  const call = caller((path, init) => {
    counts.setup++;
    return request(path, init);
  });
  const model = await readModel((path) => request(path));
  return { instance, model, call, counts, close: async () => instance.close() };
}

/** Every tenant's ICE money at once: the businesses' balances and the ledger's rows. */
interface Money {
  balanceRial: number;
  ledgerRows: number;
}

function money(target: IceTarget): Money {
  const row = target.instance.deps.db.$client
    .prepare('SELECT (SELECT COALESCE(SUM(balance_rial), 0) FROM ice_businesses) AS balanceRial, (SELECT COUNT(*) FROM ice_ledger) AS ledgerRows')
    .get() as Money;
  return row;
}

/** Each business of the tenant: its balance is its ledger's sum and its last row's balance after; a report debited and refunded at most once. */
function checkLedgers(target: IceTarget, tenantId: string): void {
  const db = target.instance.deps.db.$client;
  const businesses = db
    .prepare(
      `SELECT b.id, b.balance_rial AS balance, COALESCE(SUM(l.amount_rial), 0) AS sum,
        (SELECT balance_after_rial FROM ice_ledger WHERE business_id = b.id ORDER BY id DESC LIMIT 1) AS lastAfter
       FROM ice_businesses b LEFT JOIN ice_ledger l ON l.business_id = b.id WHERE b.tenant_id = ? GROUP BY b.id`,
    )
    .all(tenantId) as { id: string; balance: number; sum: number; lastAfter: number | null }[];
  for (const b of businesses) {
    if (b.balance !== b.sum || b.balance !== (b.lastAfter ?? 0)) throw new Error(`business ${b.id}: balance ${b.balance} Rial, ledger sum ${b.sum}, last row's balance after ${b.lastAfter}`);
  }
  const twice = db
    .prepare("SELECT kind, tracking_code AS trackingCode, COUNT(*) AS n FROM ice_ledger WHERE tenant_id = ? AND kind IN ('report', 'refund') GROUP BY kind, tracking_code HAVING n > 1")
    .all(tenantId) as { kind: string; trackingCode: string; n: number }[];
  if (twice.length > 0) throw new Error(`ledger rows written twice: ${JSON.stringify(twice)}`);
}

interface IceSession {
  tenantId: string;
  vars: Vars;
}

async function ok<T>(res: Promise<Response>, status: number, what: string): Promise<T> {
  const answer = await res;
  const text = await answer.text();
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/**
 * A fresh tenant whose issuer-timeout card waits 50 ms, not 3 s. For uploads, a business signed up
 * anew (the ready one is approved, so it may send nothing) and a review that rejects at once, so
 * that every well-formed upload leaves it free to send again.
 */
async function newIceSession(target: IceTarget, name: IcePropertyName, uses: (name: string) => boolean): Promise<IceSession> {
  const { call } = target;
  const ice = name === 'ice-upload' ? { issuerTimeoutMs: 50, legalReview: { decision: 'reject', reason: 'مدارک خوانا نیست', afterSeconds: 0 } } : { issuerTimeoutMs: 50 };
  const tenant = await ok<{ id: string }>(call('POST', '/_sandbox/tenants', { ice }), 201, 'tenant creation');
  const vars: Vars = { tenantId: tenant.id, ...(await iceVars(call, tenant.id, uses)) };
  if (name === 'ice-upload') {
    const publicCall = { 'X-Sandbox-Tenant': tenant.id };
    const profile = { businessName: 'فروشگاه آزمون', firstName: 'سارا', lastName: 'احمدی', mobile: '09990000001' };
    const { registrationId } = await ok<{ registrationId: string }>(call('POST', '/ice/api/v1/registrations', profile, publicCall), 201, 'sign-up');
    await ok(call('POST', `/ice/api/v1/registrations/${registrationId}/verify`, { code: '123456' }, publicCall), 200, 'sign-up code');
    const account = await ok<{ accessToken: string }>(call('POST', `/ice/api/v1/registrations/${registrationId}/account`, { username: 'fuzzshop', password: 'Fuzz12345' }, publicCall), 201, 'sign-up account');
    vars.iceToken = account.accessToken;
  }
  return { tenantId: tenant.id, vars };
}

const noAnswerAfterMs = 5_000;

function within<T>(answer: Promise<T>, silent: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(silent), noAnswerAfterMs)));
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

const silentAnswer: Answer = { status: 0, headers: {}, body: '', ms: noAnswerAfterMs };

type Step = Plan | { upload: Upload };

/** The answer as fetch gives it, timed. */
async function answerOf(response: Response | Promise<Response>, startedMs: number): Promise<Answer> {
  const res = await response;
  const body = await res.text();
  return { status: res.status, headers: Object.fromEntries(res.headers), body, ms: performance.now() - startedMs };
}

/** An upload reads and parses up to 20 MiB: it may take longer than a JSON call's second. */
const uploadMaxMs = 3_000;

/**
 * The tenants' due work done now (a test mobile's person answering, a consent lapsing): any next
 * call would do it, refused or not, so it is done before the money is counted, not charged to the call.
 */
function dueWorkDone(target: IceTarget, tenantIds: string[]): void {
  const deps = target.instance.deps;
  for (const id of tenantIds) {
    const tenant = getTenant(deps.db, id);
    if (tenant) catchUpIce(deps, id, clockOf(tenant, deps.wall).now());
  }
}

/** One generated request: sent, its answer checked, and a refusal checked to have moved no money. */
async function send(target: IceTarget, step: Step, session: IceSession): Promise<void> {
  dueWorkDone(target, [session.tenantId, defaultTenant.id]);
  const before = money(target);
  let answer: Answer | typeof refused;
  let wire: Wire;
  if ('upload' in step) {
    const { path, init } = uploadRequest(step.upload, session.vars);
    wire = { method: 'PUT', target: path, headers: Object.entries(init.headers) };
    answer = await within(answerOf(target.instance.app.request(path, init), performance.now()), silentAnswer);
  } else {
    wire = toWire(step, session.vars);
    answer = await within(viaApp((req) => target.instance.app.fetch(req), wire), silentAnswer);
  }
  if (answer === refused) {
    target.counts.refusedByClient++;
    return;
  }
  target.counts.fuzz++;
  const bucket = `${'upload' in step ? 'ice-upload' : isIcePagePath(wire.target.split('?')[0]!) ? 'ice-page' : kindOf(wire)} ${String(answer.status).slice(0, 1)}xx`;
  target.counts.byKindAndStatus[bucket] = (target.counts.byKindAndStatus[bucket] ?? 0) + 1;
  try {
    if ('upload' in step) {
      if (answer.ms > uploadMaxMs) throw new Error(`answered in ${Math.round(answer.ms)} ms, over ${uploadMaxMs} ms`);
      checkAnswer(wire, { ...answer, ms: 0 }, new Map());
    } else {
      checkAnswer(wire, answer, new Map());
    }
    const after = money(target);
    if (answer.status >= 400 && (after.balanceRial !== before.balanceRial || after.ledgerRows !== before.ledgerRows)) {
      throw new Error(`a refusal (HTTP ${answer.status}) moved money: balances ${before.balanceRial} → ${after.balanceRial} Rial, ledger rows ${before.ledgerRows} → ${after.ledgerRows}`);
    }
  } catch (error) {
    const what = 'upload' in step ? describeUpload(step.upload) : describePlan(step);
    const body = answer.body.length > 400 ? `${answer.body.slice(0, 400)}…` : answer.body;
    throw new Violation(`${(error as Error).message}\n  request:\n${what.replace(/^/gm, '    ')}\n  answer: HTTP ${answer.status} ${answer.headers['content-type'] ?? '(no content-type)'} in ${Math.round(answer.ms)} ms\n    ${body}`);
  }
}

/** One property run: a fresh tenant, the requests in order, then every ledger of the tenant checked. */
export async function runIceSequence(target: IceTarget, name: IcePropertyName, steps: Step[]): Promise<void> {
  const text = JSON.stringify(steps);
  const session = await newIceSession(target, name, (v) => text.includes(`{{${v}}}`));
  for (const step of steps) await send(target, step, session);
  try {
    checkLedgers(target, session.tenantId);
  } catch (error) {
    throw new Violation(`${(error as Error).message}\n  after the requests:\n${steps.map((s) => ('upload' in s ? describeUpload(s.upload) : describePlan(s)).replace(/^/gm, '    ')).join('\n')}`);
  }
  await (await target.call('DELETE', `/_sandbox/tenants/${session.tenantId}`)).text();
}

/** The ICE routes a property draws from: the OpenAPI document's and the test values'. */
function iceOperations(model: Model, pages: boolean): Operation[] {
  const all = [...model.operations, ...testValueOperations(model)].filter((op) => op.area === 'ice');
  return all.filter((op) => isIcePagePath(op.path) === pages);
}

/** Sometimes a code the route documents in X-Sandbox-Error, so that forced answers are judged as often as refusals. */
function forcedArb(op: Operation): fc.Arbitrary<[string, Text][]> {
  const route = iceRouteOf(op.method, op.path.replace(/\{\w+\}/g, 'x'));
  const codes = route ? iceEndpoints[route.endpointId] : [];
  if (codes.length === 0) return fc.constant([]);
  return fc.oneof({ weight: 6, arbitrary: fc.constant<[string, Text][]>([]) }, { weight: 1, arbitrary: fc.constantFrom(...codes).map((c): [string, Text][] => [['X-Sandbox-Error', c]]) });
}

export function iceSequenceArb(target: IceTarget, name: IcePropertyName): fc.Arbitrary<Step[]> {
  if (name === 'ice-upload') return fc.array(legalUploadArb.map((upload): Step => ({ upload })), { minLength: 1, maxLength: 4 });
  const limits: Limits = { transport: 'app', maxHugeHead: 100_000 };
  const plans = iceOperations(target.model, name === 'ice-pages').map((op) =>
    fc.tuple(operationPlanArb(op, target.model, limits), forcedArb(op)).map(([plan, forced]): Step => ({ ...plan, headers: [...plan.headers, ...forced] })),
  );
  return fc.array(fc.oneof(...plans), { minLength: 1, maxLength: 8 });
}

export function iceProperty(target: IceTarget, name: IcePropertyName) {
  return fc.asyncProperty(iceSequenceArb(target, name), (steps) => runIceSequence(target, name, steps));
}
