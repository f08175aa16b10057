// The fuzz properties: each run makes a fresh tenant, sends a short sequence of generated
// requests (every answer checked), then checks that writes still work and that money moved only
// by what the journal says was charged. Shared by test/fuzz/*.test.ts and scripts/fuzz.ts.
import fc from 'fast-check';
import { createSandbox, type Sandbox } from '../../src/index.js';
import { checkAnswer, documentedOutages, kindOf } from './invariants.js';
import { readModel, type Area, type Model, type Operation } from './model.js';
import { describePlan, toWire, type Plan } from './plan.js';
import { operationPlanArb, regexScenarioPairArb, type Limits } from './requests.js';
import { viaApp, viaSocket, refused, refusedByNode, type Answer } from './send.js';
import { caller, endSession, newSession, type Call, type Session } from './session.js';
import { afterRun, snapshot } from './after-run.js';
import { testValueOperations } from './test-value-ops.js';

export interface Target {
  /** The sandbox as a test file or `mahak` gets it: in process (fetch) and on a port (listen). */
  sandbox: Sandbox;
  model: Model;
  /** Jibit 5xx codes the test values reach without a header, and the numbers that reach them. */
  outages: Map<string, string[]>;
  call: Call;
  port: number;
  /** Requests: generated ones the app answered, those the client or Node's HTTP parser refused, and the runs' set-up and checks. */
  counts: { fuzz: number; refusedByClient: number; refusedByNode: number; setup: number; byKindAndStatus: Record<string, number> };
  close(): Promise<void>;
}

export async function createTarget(): Promise<Target> {
  const sandbox = createSandbox({ worldSeed: 'test-world' });
  const counts = { fuzz: 0, refusedByClient: 0, refusedByNode: 0, setup: 0, byKindAndStatus: {} as Record<string, number> };
  const request = (path: string, init?: RequestInit) => sandbox.fetch(new Request(`http://localhost${path}`, init));
  const call = caller((path, init) => {
    counts.setup++;
    return request(path, init);
  });
  const model = await readModel((path) => request(path));
  const { port } = await sandbox.listen();
  return { sandbox, model, outages: documentedOutages(model.testValues), call, port, counts, close: () => sandbox.close() };
}

/** A generated request that broke an invariant, with what was sent and what came back. */
export class Violation extends Error {}

const noAnswerAfterMs = 5_000;

async function send(target: Target, plan: Plan, session: Session): Promise<void> {
  const wire = toWire(plan, session.vars);
  let answer: Answer | typeof refused | typeof refusedByNode;
  if (plan.transport === 'socket') {
    answer = await viaSocket(target.port, wire, noAnswerAfterMs);
  } else {
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<Answer>((resolve) => (timer = setTimeout(() => resolve({ status: 0, headers: {}, body: '', ms: noAnswerAfterMs }), noAnswerAfterMs)));
    answer = await Promise.race([viaApp((req) => target.sandbox.fetch(req), wire), silent]);
    clearTimeout(timer);
  }
  if (answer === refused || answer === refusedByNode) {
    target.counts[answer === refused ? 'refusedByClient' : 'refusedByNode']++;
    return;
  }
  target.counts.fuzz++;
  const bucket = `${kindOf(wire)} ${String(answer.status).slice(0, 1)}xx`;
  target.counts.byKindAndStatus[bucket] = (target.counts.byKindAndStatus[bucket] ?? 0) + 1;
  try {
    checkAnswer(wire, answer, target.outages);
  } catch (error) {
    const body = answer.body.length > 400 ? `${answer.body.slice(0, 400)}…` : answer.body;
    throw new Violation(`${(error as Error).message}\n  request:\n${describePlan(plan).replace(/^/gm, '    ')}\n  answer: HTTP ${answer.status} ${answer.headers['content-type'] ?? '(no content-type)'} in ${Math.round(answer.ms)} ms\n    ${body}`);
  }
}

/** One property run: a fresh tenant, the requests in order, then the checks of what must survive them. */
export async function runSequence(target: Target, plans: Plan[]): Promise<void> {
  const text = JSON.stringify(plans);
  const session = await newSession(target.call, (name) => text.includes(`{{${name}}}`));
  const before = await snapshot(target.call, session.tenantId);
  for (const plan of plans) await send(target, plan, session);
  try {
    await afterRun(target.call, session, before);
  } catch (error) {
    throw new Violation(`${(error as Error).message}\n  after the requests:\n${plans.map((p) => describePlan(p).replace(/^/gm, '    ')).join('\n')}`);
  }
  await endSession(target.call, session);
}

export type PropertyName = Area | 'socket';
export const propertyNames: PropertyName[] = ['jibit', 'freepay', 'control', 'socket'];

const rootOperations: Operation[] = ['/', '/openapi.json', '/nothing', '/jibit', '/_sandboxx'].map((path) => ({ area: 'control', method: 'GET', path, query: [], pathParams: [] }));

/** The routes a property draws from: the OpenAPI document's, the test values', and (control) the root's. */
function operationsFor(model: Model, name: PropertyName): Operation[] {
  const all = [...model.operations, ...testValueOperations(model)];
  if (name === 'socket') return all;
  return [...all.filter((op) => op.area === name), ...(name === 'control' ? rootOperations : [])];
}

export function sequenceArb(target: Target, name: PropertyName): fc.Arbitrary<Plan[]> {
  const limits: Limits = name === 'socket' ? { transport: 'socket', maxHugeHead: 500 } : { transport: 'app', maxHugeHead: 100_000 };
  const plans = operationsFor(target.model, name).map((op) => operationPlanArb(op, target.model, limits).map((plan) => [plan]));
  // Jibit runs also upload a scenario with a backtracking regex and name it in the next call.
  const steps = name === 'jibit' || name === 'socket' ? [...plans, regexScenarioPairArb(limits)] : plans;
  return fc.array(fc.oneof(...steps), { minLength: 1, maxLength: 8 }).map((groups) => groups.flat());
}

export function property(target: Target, name: PropertyName) {
  return fc.asyncProperty(sequenceArb(target, name), (plans) => runSequence(target, plans));
}
