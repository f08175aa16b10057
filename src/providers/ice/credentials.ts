// A business's username and password as it chooses them (sign-up, settings, reset): the
// documented rules (passwords.ts), and a username no other business of the tenant has in any case.
import { z } from '@hono/zod-openapi';
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../core/http.js';
import { iceBusinesses } from '../../db/schema/index.js';
import { IceError } from './errors.js';
import { isStrongPassword, isValidUsername } from './passwords.js';

export const usernameField = z.string().max(64).openapi({ description: '4 to 32 English letters, digits, dot or underscore, starting with a letter', example: 'sara.shop' });
export const passwordField = z.string().max(128).openapi({ description: '8 to 64 characters with an upper-case and a lower-case English letter and a digit', example: 'Secret1234' });

export const NewCredentials = z.object({ username: usernameField, password: passwordField }).strict().openapi('IceNewCredentials');

export function refuseWeakPassword(password: string): void {
  if (!isStrongPassword(password)) throw new IceError('weakPassword');
}

/** The username as stored (lower case), refused when it breaks the rules or another business of the tenant has it. */
export function freeUsername(c: AppContext, typed: string, ownBusinessId?: string): string {
  if (!isValidUsername(typed)) throw new IceError('invalidUsername');
  const username = typed.toLowerCase();
  const tenantId = c.get('tenant')!.id;
  const mine = ownBusinessId === undefined ? undefined : ne(iceBusinesses.id, ownBusinessId);
  const other = c
    .get('deps')
    .db.select({ id: iceBusinesses.id })
    .from(iceBusinesses)
    .where(and(eq(iceBusinesses.tenantId, tenantId), eq(iceBusinesses.username, username), mine))
    .get();
  if (other) throw new IceError('usernameTaken');
  return username;
}

/** Step 3's username (as stored) once both are within the rules and the username is free. */
export function checkCredentials(c: AppContext, body: { username: string; password: string }): string {
  const username = freeUsername(c, body.username);
  refuseWeakPassword(body.password);
  return username;
}
