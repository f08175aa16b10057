// Errors of the /_sandbox control API: a clear 4xx with a machine code and a reason.
import type { Hook } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../core/http.js';

export class SandboxError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get body() {
    return { error: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

export const SandboxErrorBody = z
  .object({ error: z.string(), message: z.string(), details: z.unknown().optional() })
  .openapi('SandboxError');

/** A route's JSON response, for createRoute. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
/** A route's error response: the control API's {error, message, details}. */
export const problemResponse = (description: string) => jsonResponse(SandboxErrorBody, description);

export const notFound = (what: string) => new SandboxError(404, 'not_found', `${what} does not exist`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const sandboxHook: Hook<any, AppEnv, any, any> = (result) => {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  throw new SandboxError(400, 'invalid_request', first ? `${first.path || 'body'}: ${first.message}` : 'invalid request', issues);
};
