// The panel's session: core's session token (src/core/accounts/sessions.ts) under ICE's own key
// and issuer, naming the business, its tenant and the password generation it was issued under,
// so a password change or reset ends every earlier session.
import { checkSession, issueSession, type SessionScheme } from '../../core/accounts/sessions.js';
import type { AppContext, AppDeps } from '../../core/http.js';
import { businessById, type BusinessRow } from './business.js';
import { IceError } from './errors.js';

/** The panel's session lasts 12 hours of tenant time. */
export const accessLifetimeSeconds = 12 * 3600;

/** ICE's own key: a Jibit or Freepay token is no ICE token. */
const scheme: SessionScheme = { keyLabel: 'ice-access-token', issuer: 'mahak-ice', lifetimeSeconds: accessLifetimeSeconds };

export function issueAccessToken(deps: AppDeps, business: BusinessRow, nowMs: number): Promise<{ accessToken: string; expiresInSeconds: number }> {
  return issueSession(deps.db, scheme, business, nowMs);
}

/** The signed-in business of each call, by context. */
const signedIn = new WeakMap<AppContext, BusinessRow>();

/**
 * The business whose bearer token this call carries; the call then belongs to its tenant
 * (journal, clock, scenario). Refuses a missing, repeated, foreign, expired or superseded token.
 */
export async function requireBusiness(c: AppContext): Promise<BusinessRow> {
  const known = signedIn.get(c);
  if (known) return known;
  const session = await checkSession(c, scheme);
  if ('refusal' in session) throw new IceError(session.refusal === 'expired' ? 'tokenExpired' : 'unauthorized');
  const business = businessById(c.get('deps').db, session.claims.ten, session.claims.sub);
  if (!business || business.tokenVersion !== session.claims.ver) throw new IceError('unauthorized');
  signedIn.set(c, business);
  return business;
}

/** The signed-in business of a call that passed requireBusiness. */
export function businessOf(c: AppContext): BusinessRow {
  const business = signedIn.get(c);
  if (!business) throw new Error('businessOf: the call is not signed in');
  return business;
}
