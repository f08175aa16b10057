// The only reader of process.env: parses it once, failing fast with the name of the bad variable.
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Loopback by default: beyond it (0.0.0.0, a LAN address) the control API needs an admin token. */
  HOST: z.string().min(1).default('127.0.0.1'),
  MAHAK_DB: z.string().min(1).default('./data/mahak.db'),
  MAHAK_WORLD_SEED: z.string().min(1).default('mahak'),
  /** The scenarios folder loaded at start-up (default: the scenarios that come with Mahak). */
  MAHAK_SCENARIOS: z.string().min(1).optional(),
  /** Where the CLI finds a running sandbox (mahak tenant create, mahak scenario list --url). */
  MAHAK_URL: z.string().url().default('http://localhost:8787'),
  /** Journal entries kept per tenant; older ones are dropped first. */
  MAHAK_JOURNAL_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  /** Locks the control API (/_sandbox): `Authorization: Bearer <token>`. Empty means none. */
  MAHAK_ADMIN_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .min(16, 'must be at least 16 characters (for example: openssl rand -base64 32)')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional(),
  ),
  /** Take the caller's address from X-Forwarded-For (only behind a proxy you trust). */
  MAHAK_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type Env = z.infer<typeof EnvSchema>;

/** What each variable takes, in words: a bad value is named with this, not with the schema's wording. */
const expected: Partial<Record<keyof Env, string>> = {
  PORT: 'give a whole number from 0 to 65535 (0 picks a free one)',
  HOST: 'give a host name or address, such as 127.0.0.1',
  MAHAK_DB: 'give a file path, or :memory:',
  MAHAK_WORLD_SEED: 'give any non-empty text',
  MAHAK_SCENARIOS: 'give the path of a scenarios folder',
  MAHAK_URL: 'give a URL such as http://localhost:8787',
  MAHAK_JOURNAL_LIMIT: 'give a whole number from 1 to 10000000',
  MAHAK_TRUST_PROXY: 'give true, false, 1 or 0',
};

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0]) as keyof Env;
    // The admin token's own reasons are already in words, and its value is never echoed.
    const words = expected[name];
    const reason = words === undefined ? issue?.message : `${JSON.stringify(source[name])} is not valid; ${words}`;
    throw new Error(`Bad environment variable ${name}: ${reason}`);
  }
  return parsed.data;
}
