// API credentials of a live business: a client id (kept) and a secret shown once (stored as its
// SHA-256; asking again issues a new one and ends the old one and its tokens), and the API
// access token the token route issues: a JWT under ICE's API key, timed on the tenant clock.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { bearerCredential, callerAddress, callerAllowed, identify, type AppContext } from '../../../core/http.js';
import { derivedKey } from '../../../core/meta.js';
import { getTenant } from '../../../core/tenants.js';
import type { Db } from '../../../db/index.js';
import { iceApiRequests } from '../../../db/schema/index.js';
import { requireBusiness } from '../auth.js';
import { businessById, type BusinessRow } from '../business.js';
import { IceError } from '../errors.js';
import { apiRequestOf, updateRequest, type ApiRequestRow } from './store.js';

/** An API access token lasts one hour of tenant time; the token route issues the next. */
export const apiTokenLifetimeSeconds = 3600;
const apiIssuer = 'mahak-ice-api';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A new secret for the live request (and its client id, the first time); the secret is in the answer only. */
export function issueCredentials(db: Db, row: ApiRequestRow, nowMs: number): { row: ApiRequestRow; clientSecret: string } {
  const clientSecret = `ice_sk_${randomBytes(32).toString('base64url')}`;
  const updated = updateRequest(db, row, {
    clientId: row.clientId ?? `ice_ck_${randomBytes(12).toString('base64url')}`,
    clientSecretHash: hashOf(clientSecret),
    credentialVersion: row.credentialVersion + 1,
    credentialsIssuedAtMs: nowMs,
  });
  return { row: updated, clientSecret };
}

/** The listed IPs of step 4: IP 1, and IP 2 when given. */
export const listedIps = (row: ApiRequestRow): string[] => [row.ip1, row.ip2].filter((ip): ip is string => ip !== null);

/** The caller may use the API only from a listed address; the refusal says which address was seen. */
function requireListedCaller(c: AppContext, row: ApiRequestRow): void {
  if (!callerAllowed(c, listedIps(row))) throw new IceError('ipNotAllowed', { address: callerAddress(c) ?? null });
}

const keyOf = (db: Db) => derivedKey(db, 'ice-api-token');

/** POST /api/v1/api-token: the client id and current secret, from a listed IP, give an access token. */
export async function tokenFor(c: AppContext, tenantId: string, clientId: string, clientSecret: string, nowMs: number) {
  const db = c.get('deps').db;
  const row = db.select().from(iceApiRequests).where(and(eq(iceApiRequests.tenantId, tenantId), eq(iceApiRequests.clientId, clientId))).get();
  if (!row || row.status !== 'live' || row.clientSecretHash === null) throw new IceError('apiCredentialsWrong');
  requireListedCaller(c, row);
  const given = Buffer.from(hashOf(clientSecret), 'hex');
  if (!timingSafeEqual(given, Buffer.from(row.clientSecretHash, 'hex'))) throw new IceError('apiCredentialsWrong');
  const iat = Math.floor(nowMs / 1000);
  const accessToken = await new SignJWT({ ten: row.tenantId, cv: row.credentialVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(row.businessId)
    .setIssuer(apiIssuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + apiTokenLifetimeSeconds)
    .sign(keyOf(db));
  return { accessToken, tokenType: 'Bearer' as const, expiresInSeconds: apiTokenLifetimeSeconds };
}

interface ApiClaims {
  sub: string;
  ten: string;
  cv: number;
  iat: number;
  iss: string;
}

const issuerOf = (token: string): string | undefined => {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
};

/**
 * The report routes' caller: a panel token (requireBusiness), or an API token of a live
 * business under its current secret, called from one of its listed IPs.
 */
export async function requireApiCaller(c: AppContext): Promise<BusinessRow> {
  const { token, repeated } = bearerCredential(c);
  if (!token || repeated || issuerOf(token) !== apiIssuer) return requireBusiness(c);
  const deps = c.get('deps');
  const claims = decodeJwt(token) as Partial<ApiClaims>;
  const tenant = typeof claims.ten === 'string' ? getTenant(deps.db, claims.ten) : undefined;
  if (!tenant || typeof claims.sub !== 'string') throw new IceError('unauthorized');
  const nowMs = identify(c, tenant)!.now();
  try {
    await jwtVerify(token, keyOf(deps.db), { issuer: apiIssuer, algorithms: ['HS256'], currentDate: new Date(nowMs), clockTolerance: 0 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') throw new IceError('tokenExpired');
    throw new IceError('unauthorized');
  }
  if (typeof claims.iat !== 'number' || claims.iat * 1000 > nowMs) throw new IceError('unauthorized');
  const business = businessById(deps.db, tenant.id, claims.sub);
  const row = business && apiRequestOf(deps.db, business);
  if (!business || !row || row.status !== 'live' || row.credentialVersion !== claims.cv) throw new IceError('unauthorized');
  requireListedCaller(c, row);
  return business;
}
