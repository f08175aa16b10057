// ICE errors: thrown by catalog name, answered as {"code", "message"} (Persian) with the code's
// HTTP status, plus what the caller needs to act on it (the fields at fault, tries left, ...).
import { iceCodes, type IceCodeName } from './catalog.js';

export class IceError extends Error {
  constructor(
    readonly code: IceCodeName,
    /** Fields added to the answer: `errors` (field → Persian reason), `triesLeft`, `retryAfterSeconds`, `state`. */
    readonly extra: Record<string, unknown> = {},
    /** A message other than the catalog's (a scenario's own). */
    readonly messageOverride?: string,
  ) {
    super(code);
  }

  get http(): number {
    return iceCodes[this.code].http;
  }

  get body(): { code: IceCodeName; message: string } & Record<string, unknown> {
    return { code: this.code, message: this.messageOverride ?? iceCodes[this.code].message, ...this.extra };
  }
}

/** invalidInput naming the fields at fault, each with its Persian reason. */
export const invalidFields = (errors: Record<string, string>) => new IceError('invalidInput', { errors });
