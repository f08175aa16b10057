// Deciding which rule of a scenario answers a request. Attempts are counted per tenant,
// scenario and rule: the nth request of the tenant that matches the rule's `when` (endpoint
// and fields) is attempt n of that rule, whether or not an earlier rule fired.
import { header, type AppContext } from '../http.js';
import { patternOf } from '../pattern.js';
import type { ScenarioBook } from './book.js';
import type { ScenarioFacts } from '../provider.js';
import type { Matcher, Rule, Then, When } from './schema.js';
import type { EventFault } from '../webhooks/faults.js';

export interface RuleRequest {
  provider: string;
  endpointId: string;
  query: URLSearchParams | undefined;
  body: Record<string, unknown> | undefined;
}

export interface FiredRule {
  /** `<scenario>/<rule id or number>`, as the journal shows it. */
  label: string;
  then: Then;
}

interface Counters {
  attempts: number[];
  fired: number[];
}

const asText = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** Query values are text, so 100 and "100" are equal; null (or {equals: null}) asks for an absent field. */
function sameValue(actual: unknown, expected: string | number | boolean | null): boolean {
  if (expected === null) return actual === undefined || actual === null;
  return actual === expected || (asText(actual) !== undefined && asText(actual) === String(expected));
}

export function matchesValue(actual: unknown, matcher: Matcher): boolean {
  if (matcher === null || typeof matcher !== 'object') return sameValue(actual, matcher);
  if ('equals' in matcher) return sameValue(actual, matcher.equals);
  if ('oneOf' in matcher) return matcher.oneOf.some((m) => sameValue(actual, m));
  // Compiled when the scenario was validated; RE2, so linear in the text whatever the pattern.
  const text = asText(actual);
  return text !== undefined && patternOf(matcher).test(text);
}

/** A field by dotted path (list items by index). */
export function fieldAt(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function matchesWhen(when: When, then: Then, facts: ScenarioFacts | undefined, request: RuleRequest): boolean {
  if (when.endpoint !== undefined) {
    const ids = when.endpoint;
    if (typeof ids === 'string' ? ids !== request.endpointId : !ids.includes(request.endpointId)) return false;
  } else if (then.error !== undefined) {
    // A rule for every endpoint answers its error only where the endpoint documents it.
    if (!facts?.documentedCode(request.endpointId, then.error)) return false;
  }
  for (const [name, m] of Object.entries(when.query ?? {})) {
    if (!matchesValue(request.query?.get(name) ?? undefined, m)) return false;
  }
  for (const [path, m] of Object.entries(when.body ?? {})) {
    if (!matchesValue(fieldAt(request.body, path), m)) return false;
  }
  return true;
}

function attemptFires(when: When, attempt: number): boolean {
  if (when.nth !== undefined) return attempt === when.nth;
  if (when.from !== undefined && attempt < when.from) return false;
  if (when.to !== undefined && attempt > when.to) return false;
  if (when.every !== undefined) return attempt % when.every === 0;
  return true;
}

export const ruleLabel = (scenario: string, rule: Rule, index: number) => `${scenario}/${rule.id ?? index + 1}`;

export class ScenarioEngine {
  readonly #book: ScenarioBook;
  readonly #counters = new Map<string, Counters>();

  constructor(book: ScenarioBook) {
    this.#book = book;
  }

  /** The rule of `scenarioName` that answers this request, counting the attempt for every rule it matches. */
  decide(tenantId: string, scenarioName: string, request: RuleRequest): FiredRule | undefined {
    const stored = this.#book.get(scenarioName);
    if (!stored || stored.provider !== request.provider) return undefined;
    const { rules } = stored.scenario;
    const facts = this.#book.format.facts(stored.provider);
    const key = `${tenantId}\u0000${scenarioName}`;
    let counters = this.#counters.get(key);
    if (!counters || counters.attempts.length !== rules.length) {
      counters = { attempts: rules.map(() => 0), fired: rules.map(() => 0) };
      this.#counters.set(key, counters);
    }
    let chosen: FiredRule | undefined;
    rules.forEach((rule, i) => {
      if (!matchesWhen(rule.when, rule.then, facts, request)) return;
      const attempt = ++counters.attempts[i]!;
      if (chosen || !attemptFires(rule.when, attempt)) return;
      if (rule.times !== undefined && counters.fired[i]! >= rule.times) return;
      counters.fired[i]!++;
      chosen = { label: ruleLabel(scenarioName, rule, i), then: rule.then };
    });
    return chosen;
  }

  /**
   * The delivery fault of `scenarioName` for an event being emitted, counting the event for every
   * delivery rule it matches (the scenario's provider's events only), as decide counts requests.
   */
  decideDelivery(tenantId: string, scenarioName: string, event: { provider: string; type: string }): Omit<EventFault, 'spent'> | undefined {
    const stored = this.#book.get(scenarioName);
    if (!stored || stored.provider !== event.provider) return undefined;
    const rules = stored.scenario.deliveries;
    if (rules.length === 0) return undefined;
    const key = `${tenantId}\u0000${scenarioName}\u0000deliveries`;
    let counters = this.#counters.get(key);
    if (!counters || counters.attempts.length !== rules.length) {
      counters = { attempts: rules.map(() => 0), fired: rules.map(() => 0) };
      this.#counters.set(key, counters);
    }
    let chosen: Omit<EventFault, 'spent'> | undefined;
    rules.forEach((rule, i) => {
      if (rule.when.type !== undefined && !matchesValue(event.type, rule.when.type)) return;
      const attempt = ++counters.attempts[i]!;
      if (chosen || !attemptFires(rule.when, attempt)) return;
      if (rule.times !== undefined && counters.fired[i]! >= rule.times) return;
      counters.fired[i]!++;
      chosen = { label: `${scenarioName}/${rule.id ?? i + 1}`, kind: rule.fault, attempts: rule.attempts ?? 1 };
    });
    return chosen;
  }

  /** Fresh attempt counters for this tenant and scenario (on activation). */
  restart(tenantId: string, scenarioName: string): void {
    this.#counters.delete(`${tenantId}\u0000${scenarioName}`);
    this.#counters.delete(`${tenantId}\u0000${scenarioName}\u0000deliveries`);
  }

  /** Drops every counter of the tenant (on reset or deletion). */
  forgetTenant(tenantId: string): void {
    for (const key of this.#counters.keys()) if (key.startsWith(`${tenantId}\u0000`)) this.#counters.delete(key);
  }

  /** Drops every tenant's counters of a scenario (when it is replaced). */
  forgetScenario(scenarioName: string): void {
    for (const key of this.#counters.keys()) if (key.endsWith(`\u0000${scenarioName}`) || key.endsWith(`\u0000${scenarioName}\u0000deliveries`)) this.#counters.delete(key);
  }
}

/**
 * The rule that answers this call: of the scenario named by X-Sandbox-Scenario, else of the
 * tenant's active one. An unknown name in the header throws what `unknown` builds (the
 * provider's own error shape), whether or not the call names a tenant.
 */
export function scenarioRule(
  c: AppContext,
  provider: string,
  endpointId: string,
  body: Record<string, unknown> | undefined,
  unknown: (named: string, known: string[]) => Error,
): FiredRule | undefined {
  const deps = c.get('deps');
  const named = header(c, 'x-sandbox-scenario');
  if (named !== undefined && !deps.scenarios.get(named)) throw unknown(named, deps.scenarios.names());
  const tenant = c.get('tenant');
  const scenario = named ?? tenant?.scenario;
  if (!tenant || !scenario) return undefined;
  return deps.rules.decide(tenant.id, scenario, { provider, endpointId, query: c.get('query'), body });
}
