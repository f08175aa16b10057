// X-Sandbox-Error: <code> makes an endpoint answer that documented code, for every provider.
// Which codes an endpoint documents comes from the same provider facts the scenarios use,
// passed in by the provider with how its errors look.
import { header, type AppContext } from './http.js';
import type { ScenarioFacts } from './provider.js';

export interface ForcedErrorShape {
  /** The provider's error for a documented code, as the endpoint spells it. */
  documented(code: string): Error;
  /** The provider's refusal of a code the endpoint does not document (listing the ones it does). */
  undocumented(wanted: string): Error;
}

export function forcedError(c: AppContext, facts: Pick<ScenarioFacts, 'documentedCode'>, endpointId: string, shape: ForcedErrorShape): void {
  const wanted = header(c, 'x-sandbox-error');
  if (wanted === undefined) return;
  const code = facts.documentedCode(endpointId, wanted);
  throw code ? shape.documented(code) : shape.undocumented(wanted);
}
