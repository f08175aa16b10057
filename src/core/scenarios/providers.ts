// What the scenario machinery needs to know of each provider: its endpoint ids and which
// error codes each endpoint documents. A new provider adds one entry here.
import { documentedSpelling, endpointIds as jibitEndpointIds } from '../../providers/jibit/catalog.js';
import { documentedFreepayCode, freepayEndpointIds } from '../../providers/freepay/catalog.js';
import type { ScenarioProvider } from './schema.js';

export interface ProviderFacts {
  endpointIds: readonly string[];
  /** The code as the endpoint documents it, or undefined when it does not. */
  documentedCode(endpointId: string, code: string): string | undefined;
}

export const providerFacts: Record<ScenarioProvider, ProviderFacts> = {
  jibit: { endpointIds: jibitEndpointIds, documentedCode: documentedSpelling },
  // Freepay codes by name (amountMismatch) or status number (-12).
  freepay: { endpointIds: freepayEndpointIds, documentedCode: documentedFreepayCode },
};
