// Reading a scenario: YAML or JSON text → the schema → the checks the schema cannot make
// (endpoint ids of the provider, error codes the endpoints document, consistent fixtures).
import { readDocument } from './document.js';
import { providerFacts } from './providers.js';
import { Scenario } from './schema.js';
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

/**
 * YAML is a superset of JSON, so one parser reads both; `<<` merge keys are allowed. Whatever
 * the text, it comes back as a scenario or as ScenarioInvalid with the reasons.
 */
export function parseScenarioText(text: string, source: string): ParsedScenario {
  const read = readDocument(text);
  if (!read.ok) throw new ScenarioInvalid(source, read.reasons);
  return checkScenario(read.value, source);
}

export function checkScenario(input: unknown, source: string): ParsedScenario {
  const parsed = Scenario.safeParse(input);
  if (!parsed.success) {
    throw new ScenarioInvalid(
      source,
      parsed.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const scenario = parsed.data;
  const reasons = ruleProblems(scenario);
  let records: WorldRecords | undefined;
  if (scenario.fixtures) {
    try {
      records = extraFixtureRecords(scenario.fixtures, 'fixtures');
    } catch (error) {
      reasons.push((error as Error).message);
    }
  }
  if (reasons.length > 0) throw new ScenarioInvalid(source, reasons);
  return { scenario, records };
}

function ruleProblems(scenario: Scenario): string[] {
  const facts = providerFacts[scenario.provider];
  const known = new Set(facts.endpointIds);
  const problems: string[] = [];
  scenario.rules.forEach((rule, index) => {
    const at = `rules.${index}`;
    const endpoints = rule.when.endpoint === undefined ? [] : [rule.when.endpoint].flat();
    for (const id of endpoints) {
      if (!known.has(id)) problems.push(`${at}.when.endpoint: ${id} is not a ${scenario.provider} endpoint; endpoints: ${facts.endpointIds.join(', ')}`);
    }
    const code = rule.then.error;
    if (code === undefined) return;
    const within = endpoints.length > 0 ? endpoints.filter((id) => known.has(id)) : facts.endpointIds;
    const undocumented = within.filter((id) => !facts.documentedCode(id, code));
    if (endpoints.length > 0 && undocumented.length > 0) {
      problems.push(`${at}.then.error: ${code} is not a documented error of ${undocumented.join(', ')}`);
    } else if (endpoints.length === 0 && undocumented.length === within.length) {
      problems.push(`${at}.then.error: no ${scenario.provider} endpoint documents ${code}`);
    }
  });
  const ids = scenario.rules.map((r) => r.id).filter((id): id is string => id !== undefined);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) problems.push(`rules: id ${repeated[0]} is used twice`);
  return problems;
}
