// Reading a scenario: YAML or JSON text → the schema → the checks the schema cannot make
// (endpoint ids of the provider, error codes the endpoints document, consistent fixtures).
import { readDocument } from './document.js';
import { Rule, scenarioJsonSchema, scenarioSchema, type Scenario } from './schema.js';
import { nearest } from '../nearest.js';
import type { Provider, ScenarioFacts } from '../provider.js';
import { extraFixtureRecords } from '../world/fixtures.js';
import type { WorldRecords } from '../world/records.js';

/** A scenario that cannot be used, with every reason found (each prefixed by its field path). */
export class ScenarioInvalid extends Error {
  constructor(
    readonly source: string,
    readonly reasons: string[],
  ) {
    super(`${source}: ${reasons.join('; ')}`);
  }
}

export interface ParsedScenario {
  scenario: Scenario;
  /** The scenario's extra world records, ready to store. */
  records: WorldRecords | undefined;
}

/** The scenario format for a list of providers: its schema and the checks the schema cannot make. */
export interface ScenarioFormat {
  schema: ReturnType<typeof scenarioSchema>;
  /** The facts of a provider a valid scenario names. */
  facts(provider: string): ScenarioFacts | undefined;
  /**
   * YAML is a superset of JSON, so one parser reads both; `<<` merge keys are allowed. Whatever
   * the text, it comes back as a scenario or as ScenarioInvalid with the reasons.
   */
  parseText(text: string, source: string): ParsedScenario;
  check(input: unknown, source: string): ParsedScenario;
  /** A scenario this same build checked and stored as JSON, taken back without a second check. */
  restore(definition: string): ParsedScenario;
  jsonSchema(): unknown;
}

export function createScenarioFormat(providers: readonly Provider[]): ScenarioFormat {
  const schema = scenarioSchema(providers);
  const byId = new Map<string, ScenarioFacts>(providers.map((p) => [p.id, p]));
  const check = (input: unknown, source: string) => checkScenario(schema, byId, input, source);
  return {
    schema,
    facts: (provider) => byId.get(provider),
    check,
    parseText(text, source) {
      const read = readDocument(text);
      if (!read.ok) throw new ScenarioInvalid(source, read.reasons);
      return check(read.value, source);
    },
    restore(definition) {
      const scenario = JSON.parse(definition) as Scenario;
      // {regex} matchers compile on first use (patternOf), so plain data is the whole scenario.
      return { scenario, records: scenario.fixtures ? extraFixtureRecords(scenario.fixtures, 'fixtures') : undefined };
    },
    jsonSchema: () => scenarioJsonSchema(schema),
  };
}

/** At most this many reasons are listed, so an answer to a huge bad upload stays readable. */
const maxReasons = 100;

function checkScenario(schema: ScenarioFormat['schema'], byId: ReadonlyMap<string, ScenarioFacts>, input: unknown, source: string): ParsedScenario {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    // The rules that read are still checked against the catalog, so one pass shows every problem.
    reasons.push(...readableRuleProblems(input, byId));
    throw new ScenarioInvalid(source, capped(reasons));
  }
  const scenario = parsed.data;
  // The schema's enum admits only listed providers.
  const reasons = ruleProblems(scenario.provider, scenario.rules, byId.get(scenario.provider)!);
  let records: WorldRecords | undefined;
  if (scenario.fixtures) {
    try {
      records = extraFixtureRecords(scenario.fixtures, 'fixtures');
    } catch (error) {
      reasons.push((error as Error).message);
    }
  }
  if (reasons.length > 0) throw new ScenarioInvalid(source, capped(reasons));
  return { scenario, records };
}

function capped(reasons: string[]): string[] {
  if (reasons.length <= maxReasons) return reasons;
  return [...reasons.slice(0, maxReasons), `… and ${reasons.length - maxReasons} more`];
}

/** The catalog problems of the rules that pass the schema, in a document that does not. */
function readableRuleProblems(input: unknown, byId: ReadonlyMap<string, ScenarioFacts>): string[] {
  if (input === null || typeof input !== 'object') return [];
  const { provider, rules } = input as { provider?: unknown; rules?: unknown };
  const facts = typeof provider === 'string' ? byId.get(provider) : undefined;
  if (facts === undefined || !Array.isArray(rules)) return [];
  const readable = rules.map((rule) => {
    const read = Rule.safeParse(rule);
    return read.success ? read.data : undefined;
  });
  return ruleProblems(facts.id, readable, facts);
}

/** Rules that are undefined did not read; their index still names the others. */
function ruleProblems(provider: string, rules: readonly (Rule | undefined)[], facts: ScenarioFacts): string[] {
  const known = new Set(facts.endpointIds);
  const problems: string[] = [];
  rules.forEach((rule, index) => {
    if (rule === undefined) return;
    const at = `rules.${index}`;
    const endpoints = rule.when.endpoint === undefined ? [] : [rule.when.endpoint].flat();
    for (const id of endpoints) {
      if (known.has(id)) continue;
      const hint = nearest(id, facts.endpointIds);
      problems.push(`${at}.when.endpoint: ${id} is not a ${provider} endpoint; ${hint ? `did you mean ${hint}? ` : ''}endpoints: ${facts.endpointIds.join(', ')}`);
    }
    const code = rule.then.error;
    if (code === undefined) return;
    const within = endpoints.length > 0 ? endpoints.filter((id) => known.has(id)) : facts.endpointIds;
    const undocumented = within.filter((id) => !facts.documentedCode(id, code));
    // The nearest code the same endpoints document: a slip of the keyboard is named with its fix.
    const hint = () => {
      const near = nearest(code, new Set(undocumented.flatMap((id) => facts.documentedCodes(id))));
      return near === undefined ? '' : `; did you mean ${near}?`;
    };
    if (endpoints.length > 0 && undocumented.length > 0) {
      problems.push(`${at}.then.error: ${code} is not a documented error of ${undocumented.join(', ')}${hint()}`);
    } else if (endpoints.length === 0 && undocumented.length === within.length) {
      problems.push(`${at}.then.error: no ${provider} endpoint documents ${code}${hint()}`);
    }
  });
  const ids = rules.map((r) => r?.id).filter((id): id is string => id !== undefined);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) problems.push(`rules: id ${repeated[0]} is used twice`);
  return problems;
}
