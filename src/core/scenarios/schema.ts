// The scenario file format: one zod schema, used to validate files at start-up and uploads at
// run time, and exported as scenarios/scenario.schema.json for editors.
import { z } from 'zod';
import { clockRange } from '../clock.js';
import { FixturesPatch } from '../world/fixtures.js';
import { PatternRefused, patternOf } from '../pattern.js';
import { AnswerHeaders } from './answer-headers.js';
import { deliveryFaultKinds } from '../webhooks/faults.js';
import { maxAttempts } from '../webhooks/schedule.js';

export const faultKinds = ['reset', 'hang', 'malformed-json', 'empty-body'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** Longest a delay or a hang may hold an answer: long enough for any client timeout, never forever. */
export const maxHoldMs = 120_000;
export const defaultHangMs = 30_000;

const positive = z.number().int().min(1);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Why a {regex} matcher's pattern cannot be used, or undefined; compiling it keeps it with the matcher. */
function patternRefusal(matcher: { regex: string }): string | undefined {
  try {
    patternOf(matcher);
    return undefined;
  } catch (error) {
    if (error instanceof PatternRefused) return error.message;
    throw error;
  }
}

/** A matcher's pattern is compiled when the scenario is validated, and refused there with its reason. */
const RegexMatcher = z
  .strictObject({ regex: z.string().describe('A pattern in RE2 syntax of at most 500 characters, found anywhere in the value (anchor it with ^ and $); no backreferences or lookaround') })
  .superRefine((matcher, ctx) => {
    const refused = patternRefusal(matcher);
    if (refused) ctx.addIssue({ code: 'custom', path: ['regex'], message: refused });
  });

export const Matcher = z
  .union([scalar, z.strictObject({ equals: scalar }), z.strictObject({ oneOf: z.array(scalar).min(1) }), RegexMatcher])
  .describe('A value to equal, or {equals}, {oneOf: [...]} or {regex} (RE2 syntax, matched in linear time)');
export type Matcher = z.infer<typeof Matcher>;

/** Whether an expected value is a {regex: ...} matcher rather than a value to equal. */
const isRegexMatcher = (v: unknown): v is { regex: unknown } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && 'regex' in v;

const ScenarioName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and hyphens (at most 64), starting with a letter or digit');

/** Which of the matching attempts (or events) a rule fires on. */
const counting = {
  nth: positive.optional().describe('Only the nth matching attempt'),
  from: positive.optional().describe('Attempts from this one on'),
  to: positive.optional().describe('Attempts up to this one'),
  every: positive.optional().describe('Every nth attempt: every: 3 fires on attempts 3, 6, 9…'),
};

function checkCounting(w: { nth?: number | undefined; from?: number | undefined; to?: number | undefined; every?: number | undefined }, ctx: z.RefinementCtx): void {
  if (w.nth !== undefined && (w.from !== undefined || w.to !== undefined || w.every !== undefined)) {
    ctx.addIssue({ code: 'custom', message: 'nth names one attempt; it cannot be combined with from, to or every' });
  }
  if (w.from !== undefined && w.to !== undefined && w.from > w.to) {
    ctx.addIssue({ code: 'custom', message: `from (${w.from}) is after to (${w.to})` });
  }
}

export const When = z
  .strictObject({
    endpoint: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe("Catalog endpoint id (or a list of them); left out, the rule matches every endpoint of the scenario's provider"),
    query: z.record(z.string(), Matcher).optional().describe('Query parameters the request must have'),
    body: z.record(z.string(), Matcher).optional().describe('JSON body fields (dotted paths) the request must have'),
    ...counting,
  })
  .superRefine(checkCounting);
export type When = z.infer<typeof When>;

export const Then = z
  .strictObject({
    error: z.string().min(1).optional().describe("A documented error code of the endpoint, answered in the provider's own shape"),
    message: z.string().optional().describe("With error: the message to answer instead of the document's"),
    status: z.number().int().min(200).max(599).optional().describe('An answer of your own: its HTTP status (with body and headers)'),
    body: z.unknown().optional().describe('With status: the body (an object is sent as JSON, a string as it is)'),
    headers: AnswerHeaders.optional().describe(
      'With status: response headers (ASCII values; not Content-Length, Transfer-Encoding, Connection, Keep-Alive, Upgrade, Proxy-Connection, TE, Trailer, Host or HTTP/2 pseudo-headers)',
    ),
    fault: z.enum(faultKinds).optional().describe('reset: the connection is dropped; hang: no answer until the client gives up (bounded by hangMs); malformed-json / empty-body: a broken 200 (or status) answer'),
    hangMs: z.number().int().min(1).max(maxHoldMs).optional().describe(`With fault: hang, how long before the connection is dropped (default ${defaultHangMs})`),
    delayMs: z.number().int().min(0).max(maxHoldMs).optional().describe('Wait this long first; alone, the normal answer follows the wait'),
  })
  .superRefine((t, ctx) => {
    const kinds = [t.error !== undefined && 'error', t.fault !== undefined && 'fault', t.status !== undefined && t.fault === undefined && 'status'].filter(Boolean);
    if (kinds.length > 1) ctx.addIssue({ code: 'custom', message: `choose one of error, status or fault (got ${kinds.join(' and ')})` });
    if (kinds.length === 0 && t.delayMs === undefined) ctx.addIssue({ code: 'custom', message: 'say what happens: error, status, fault or delayMs' });
    if (t.message !== undefined && t.error === undefined) ctx.addIssue({ code: 'custom', message: 'message goes with error' });
    if ((t.body !== undefined || t.headers !== undefined) && (t.status === undefined || t.fault !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'body and headers go with status (and no fault)' });
    }
    if (t.hangMs !== undefined && t.fault !== 'hang') ctx.addIssue({ code: 'custom', message: 'hangMs goes with fault: hang' });
    if (t.status !== undefined && (t.fault === 'reset' || t.fault === 'hang')) {
      ctx.addIssue({ code: 'custom', message: `fault: ${t.fault} sends no status` });
    }
  });
export type Then = z.infer<typeof Then>;

export const Rule = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional().describe('Shown in the journal as <scenario>/<id> (default: the rule number)'),
  when: When.default({}),
  then: Then,
  times: positive.optional().describe('Fire at most this many times'),
});
export type Rule = z.infer<typeof Rule>;

export const DeliveryRule = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional().describe('Shown on the attempts as <scenario>/<id> (default: the rule number)'),
    when: z
      .strictObject({
        type: Matcher.optional().describe("The event type (ice.report.viewable, freepay.payment.paid, mahak.test…); left out, every event of the scenario's provider"),
        nth: positive.optional().describe('Only the nth matching event'),
        from: positive.optional().describe('Events from this one on'),
        to: positive.optional().describe('Events up to this one'),
        every: positive.optional().describe('Every nth matching event'),
      })
      .superRefine(checkCounting)
      .default({}),
    fault: z
      .enum(deliveryFaultKinds)
      .describe(
        'duplicate: delivered, then sent once more at once (same id and body); out-of-order: held back until a later event of the endpoint is delivered (at most 5 minutes); bad-signature: a Mahak-Webhook-Signature no secret makes; endpoint-down: not sent, the attempt failing as if the endpoint could not be reached',
      ),
    attempts: z.number().int().min(1).max(maxAttempts).optional().describe('bad-signature and endpoint-down: how many attempts carry the fault (default 1); the retries after them are normal'),
    times: positive.optional().describe('Fire at most this many times'),
  })
  .superRefine((r, ctx) => {
    if (r.attempts !== undefined && r.fault !== 'bad-signature' && r.fault !== 'endpoint-down') {
      ctx.addIssue({ code: 'custom', path: ['attempts'], message: `attempts goes with bad-signature or endpoint-down, not ${r.fault}` });
    }
  });
export type DeliveryRule = z.infer<typeof DeliveryRule>;

export const StepRequest = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  path: z.string().startsWith('/').describe('From the sandbox root, e.g. /jibit/ide/v1/cards or /_sandbox/tenants/{{tenant.id}}/clock'),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  body: z.unknown().optional().describe('An object is sent as JSON (as a form when Content-Type says application/x-www-form-urlencoded); a string as it is'),
  headers: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().min(1).max(maxHoldMs).optional().describe('Give up waiting after this long (default 10000)'),
});

export const Expect = z.strictObject({
  status: z.number().int().min(100).max(599).optional(),
  code: z.string().optional().describe("The body's error code field"),
  body: z
    .record(z.string(), z.unknown())
    .superRefine((fields, ctx) => {
      // Any value is allowed here, so only the {regex} matchers are checked.
      for (const [path, wanted] of Object.entries(fields)) {
        const regex = isRegexMatcher(wanted) ? wanted.regex : undefined;
        if (regex === undefined) continue;
        const refused = typeof regex === 'string' ? patternRefusal({ regex }) : 'a regex matcher takes a pattern as text';
        if (refused) ctx.addIssue({ code: 'custom', path: [path, 'regex'], message: refused });
      }
    })
    .optional()
    .describe('Fields by dotted path (items by index: list.0.name) and the value or matcher each must have'),
  headers: z.record(z.string(), Matcher).optional(),
  fault: z.enum(faultKinds).optional().describe('The answer is this fault: reset or hang (no answer), malformed-json or empty-body'),
  minMs: z.number().int().min(0).optional().describe('The answer took at least this long'),
  maxMs: z.number().int().min(0).optional().describe('The answer took at most this long'),
});
export type Expect = z.infer<typeof Expect>;

export const Step = z.strictObject({
  name: z.string().min(1),
  request: StepRequest,
  expect: Expect.default({}),
  retryForMs: z
    .number()
    .int()
    .min(1)
    .max(maxHoldMs)
    .optional()
    .describe('Ask again (every 100 ms) until the expectations hold, for at most this long: for what happens after an answer, such as a webhook delivery; GET and HEAD only'),
  save: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().min(1))
    .optional()
    .describe('Values for later steps: name → dotted path in the answer (body.accessToken, headers.x-track-id, status)'),
}).superRefine((step, ctx) => {
  if (step.retryForMs !== undefined && step.request.method !== 'GET' && step.request.method !== 'HEAD') {
    ctx.addIssue({ code: 'custom', path: ['retryForMs'], message: `goes with GET or HEAD, which are safe to send again, not ${step.request.method}` });
  }
});
export type Step = z.infer<typeof Step>;

const ClockSetup = z
  .strictObject({
    at: z.iso
      .datetime({ offset: true })
      .refine((at) => Date.parse(at) >= clockRange.fromMs && Date.parse(at) <= clockRange.toMs, `must be between ${clockRange.from} and ${clockRange.to}`)
      .optional().describe("Set the tenant's clock to this instant (ISO-8601 with a zone)"),
    frozen: z.boolean().optional().describe('Freeze the clock (at `at`, or where it is)'),
  })
  .optional();

/** The clock, and each provider's settings under its id (checked by that provider's schema). */
export interface Setup {
  clock?: z.infer<typeof ClockSetup>;
  [provider: string]: unknown;
}

/** The parts of a scenario every provider shares; `provider` and `setup` depend on the list. */
const ScenarioParts = z.strictObject({
  $schema: z.string().optional(),
  $comment: z.string().optional(),
  name: ScenarioName,
  description: z.string().min(1).describe('Given / When / Then, in plain words'),
  fixtures: FixturesPatch.optional().describe('Extra records for the synthetic world, as in fixtures/world.json; they join the shared world when the scenario is loaded'),
  rules: z.array(Rule).default([]),
  deliveries: z.array(DeliveryRule).max(100).default([]).describe("Faults put on purpose on the webhook deliveries of the scenario's provider while it is the tenant's active scenario"),
  steps: z.array(Step).default([]),
});

export type Scenario = z.output<typeof ScenarioParts> & { provider: string; setup?: Setup };
export type ScenarioInput = z.input<typeof ScenarioParts> & { provider: string; setup?: Setup };

/** The scenario schema for these providers: `provider` names one of them, `setup` takes their settings. */
/**
 * What the schema needs of each provider, written out rather than taken from core/provider.ts:
 * the package's declarations of the scenario types then stop at zod, not the whole app.
 */
interface SetupOf {
  id: string;
  settings: { schema: z.ZodType; setupDescription: string };
}

export function scenarioSchema(providers: readonly SetupOf[]): z.ZodType<Scenario, ScenarioInput> {
  const ids = providers.map((p) => p.id);
  const Setup = z.strictObject({
    clock: ClockSetup,
    ...Object.fromEntries(providers.map((p) => [p.id, p.settings.schema.optional().describe(p.settings.setupDescription)])),
  });
  const { $schema, $comment, name, description, fixtures, rules, deliveries, steps } = ScenarioParts.shape;
  // Spelt out field by field so the JSON schema keeps the order a reader expects.
  return z
    .strictObject({
      $schema,
      $comment,
      name,
      provider: z.enum(ids as [string, ...string[]]),
      description,
      setup: Setup.optional(),
      fixtures,
      rules,
      deliveries,
      steps,
    })
    .describe('A Mahak scenario') as unknown as z.ZodType<Scenario, ScenarioInput>;
}

/** The schema editors read: `# yaml-language-server: $schema=../scenario.schema.json`. */
export function scenarioJsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}
