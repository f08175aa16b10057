// Request validation in Jibit's terms. Each schema states its failures as Jibit codes in its
// messages; the hook turns the first failure into that error, anything else into
// invalid.request_body. The same schemas describe the routes in /openapi.json.
import { z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { jibitError } from './errors.js';

const codePattern = /^[A-Za-z_]+\.[A-Za-z_]+$/;

function codeOf(issues: readonly { message: string }[]): string {
  const message = issues[0]?.message ?? '';
  return codePattern.test(message) ? message : 'invalid.request_body';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jibitHook: Hook<any, AppEnv, any, any> = (result) => {
  if (!result.success) throw jibitError(codeOf(result.error.issues));
};

/** Validates outside a route's validators (dispatched services); throws the Jibit error. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw jibitError(codeOf(result.error.issues));
  return result.data;
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits read as ASCII digits. */
export function asciiDigits(value: string): string {
  if (!/[\u0660-\u0669\u06F0-\u06F9]/.test(value)) return value;
  return value
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

interface ParamRule {
  /** Code when the parameter is absent or empty. */
  missing: string;
  /** Code when it is present but not acceptable. */
  invalid: string;
  /** Checks the value after digit normalisation and trimming. */
  check?: (value: string) => boolean;
  description?: string;
  example?: string;
}

/** A required string parameter whose failures are the given Jibit codes. */
export function param(rule: ParamRule) {
  const schema = z
    .string({ error: (issue) => (issue.input == null ? rule.missing : 'invalid.request_body') })
    .max(1000, rule.invalid)
    .refine((v) => v.trim() !== '', { message: rule.missing, abort: true })
    .refine((v) => !rule.check || rule.check(asciiDigits(v.trim())), { message: rule.invalid });
  return schema.openapi({ description: rule.description, example: rule.example });
}

/** An optional free-text parameter (names): any string, bounded. */
export function optionalText(description: string, example?: string) {
  return z.string({ error: 'invalid.request_body' }).max(1000, 'invalid.request_body').optional().openapi({ description, example });
}

/** A mode flag the document says must be `true`. */
export function trueFlag(description: string) {
  return z.literal('true', { error: 'invalid.request_body' }).openapi({ description, example: 'true' });
}

/** An optional mode flag: true or false. */
export function optionalFlag(description: string) {
  return z.enum(['true', 'false'], { error: 'invalid.request_body' }).optional().openapi({ description });
}
