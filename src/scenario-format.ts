// The scenario format of this sandbox: core's schema and checks, bound to the provider list, for
// the CLI, the docs script and the package entry.
import { createScenarioFormat } from './core/scenarios/parse.js';
import { readScenarioFile as readFileAs } from './core/scenarios/book.js';
import type { Scenario as ScenarioShape } from './core/scenarios/schema.js';
import { providers } from './providers/index.js';

export { scenarioFiles } from './core/scenarios/book.js';

export const scenarioFormat = createScenarioFormat(providers);

/** The scenario schema: `provider` names a listed provider, `setup` takes its settings. */
export const Scenario = scenarioFormat.schema;
export type Scenario = ScenarioShape;

export const parseScenarioText = (text: string, source: string) => scenarioFormat.parseText(text, source);

/** The schema editors read: `# yaml-language-server: $schema=../scenario.schema.json`. */
export const scenarioJsonSchema = () => scenarioFormat.jsonSchema();

/** Reads and checks one file; a file must be named after its scenario and sit in its provider's folder. */
export const readScenarioFile = (path: string, root?: string) => readFileAs(scenarioFormat, path, root);
