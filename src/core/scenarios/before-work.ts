// What a provider's call goes through before its own work, for the providers that answer a
// request at a time (Freepay, ICE): the scenario rule that answers it (from X-Sandbox-Scenario or
// the tenant's active scenario), else X-Sandbox-Error, else the work. Each provider passes how
// its errors look; Jibit keeps a path of its own, shaped for its hot path.
import { forcedError, type ForcedErrorShape } from '../forced-error.js';
import type { AppContext } from '../http.js';
import type { ScenarioFacts } from '../provider.js';
import { act } from './act.js';
import { scenarioRule } from './rules.js';

export interface WorkErrors extends ForcedErrorShape {
  /** The refusal of an X-Sandbox-Scenario that names no loaded scenario. */
  unknownScenario(named: string, known: string[]): Error;
  /** A rule's `error` (its code was checked against the endpoint when the scenario was loaded). */
  ruleError(code: string, message: string | undefined): Error;
}

/** Sets the call's endpoint, then answers by the scenario's rule, X-Sandbox-Error or `work`. */
export function beforeProviderWork(
  c: AppContext,
  facts: Pick<ScenarioFacts, 'id' | 'documentedCode'>,
  endpointId: string,
  body: Record<string, unknown> | undefined,
  errors: WorkErrors,
  work: () => Promise<Response>,
): Promise<Response> {
  c.set('endpointId', endpointId);
  const normal = async () => {
    forcedError(c, facts, endpointId, errors);
    return work();
  };
  const fired = scenarioRule(c, facts.id, endpointId, body, errors.unknownScenario);
  if (!fired) return normal();
  const fail = (code: string, message: string | undefined): never => {
    throw errors.ruleError(code, message);
  };
  return Promise.resolve(act(c, fired, { holds: c.get('deps').holds, fail, normal })) as Promise<Response>;
}
