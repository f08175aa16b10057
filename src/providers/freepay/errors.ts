// Freepay errors: thrown by catalog name, answered as {"status": <negative code>, "message"}
// with the code's HTTP status (and, for a failed payment, why it failed).
import { freepayCodes, type FreepayCodeName } from './catalog.js';

export class FreepayError extends Error {
  constructor(
    readonly code: FreepayCodeName,
    /** Fields added to the answer (a failed payment's reason). */
    readonly extra: Record<string, unknown> = {},
    /** A message other than the catalog's (a scenario's own). */
    readonly messageOverride?: string,
  ) {
    super(code);
  }

  get http(): number {
    return freepayCodes[this.code].http;
  }

  get body(): { status: number; message: string } & Record<string, unknown> {
    const code = freepayCodes[this.code];
    return { status: code.status, message: this.messageOverride ?? code.message, ...this.extra };
  }
}

export const freepayError = (name: FreepayCodeName, extra?: Record<string, unknown>) => new FreepayError(name, extra);
