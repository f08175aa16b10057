// The tenant's Freepay merchant account: its row, how the panel shows it, its session (core's
// session token under Freepay's key) and who a panel call is: a session, or the merchant API key
// the other panel routes take.
import { eq } from 'drizzle-orm';
import { checkSession, issueSession, type SessionScheme } from '../../../core/accounts/sessions.js';
import { bearerCredential, identify, type AppContext } from '../../../core/http.js';
import { tenantByFreepayApiKey, type TenantRow } from '../../../core/tenants.js';
import type { Db } from '../../../db/index.js';
import { freepayAccounts } from '../../../db/schema/index.js';
import { FreepayError } from '../errors.js';
import { freepayMerchant } from '../merchant.js';

export type AccountRow = typeof freepayAccounts.$inferSelect;

/** A panel session lasts 12 hours of tenant time. */
export const sessionLifetimeSeconds = 12 * 3600;
const scheme: SessionScheme = { keyLabel: 'freepay-panel-session', issuer: 'mahak-freepay', lifetimeSeconds: sessionLifetimeSeconds };

export const accountOfTenant = (db: Db, tenantId: string): AccountRow | undefined =>
  db.select().from(freepayAccounts).where(eq(freepayAccounts.tenantId, tenantId)).get();

export async function issuePanelSession(db: Db, account: AccountRow, nowMs: number) {
  const { accessToken, expiresInSeconds } = await issueSession(db, scheme, account, nowMs);
  return { access_token: accessToken, expires_in: expiresInSeconds };
}

/** The account whose session token this call carries; the call then belongs to its tenant. */
export async function requireSession(c: AppContext): Promise<{ tenant: TenantRow; account: AccountRow }> {
  const session = await checkSession(c, scheme);
  if ('refusal' in session) throw new FreepayError(session.refusal === 'expired' ? 'sessionExpired' : 'unauthorized');
  const account = accountOfTenant(c.get('deps').db, session.claims.ten);
  if (!account || account.id !== session.claims.sub || account.tokenVersion !== session.claims.ver) throw new FreepayError('unauthorized');
  return { tenant: c.get('tenant')!, account };
}

/** A JWT has three dot-separated parts; a merchant API key has none. */
const looksLikeSession = (token: string) => token.split('.').length === 3;

/**
 * Who calls a section the API key reaches too: a session, or the merchant's API key. Either way
 * the merchant must be active: a merchant whose identity is not yet approved has no sections.
 */
export async function requireMerchant(c: AppContext): Promise<{ tenant: TenantRow; account: AccountRow | undefined }> {
  const { token, repeated } = bearerCredential(c);
  let found: { tenant: TenantRow; account: AccountRow | undefined };
  if (token && !repeated && looksLikeSession(token)) found = await requireSession(c);
  else {
    const tenant = token && !repeated ? tenantByFreepayApiKey(c.get('deps').db, token) : undefined;
    if (!tenant) throw new FreepayError('invalidApiKey');
    identify(c, tenant);
    found = { tenant, account: accountOfTenant(c.get('deps').db, tenant.id) };
  }
  if (found.account && found.account.status !== 'active') throw new FreepayError('accountNotActive', { account_status: found.account.status });
  return found;
}

const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The account as the panel's settings show it; the API key only once the account is active. */
export function profileView(account: AccountRow, tenant: TenantRow) {
  const document = account.document ? (JSON.parse(account.document) as { type: string; sizeBytes: number; sha256: string; fileName: string }) : null;
  return {
    account_id: account.id,
    account_status: account.status,
    rejection_reason: account.rejectionReason,
    first_name: account.firstName,
    last_name: account.lastName,
    mobile: account.mobile,
    national_code: account.nationalCode,
    landline: account.landline,
    address: account.address,
    email: account.email,
    document: document && { type: document.type, size_bytes: document.sizeBytes, sha256: document.sha256, file_name: document.fileName },
    documents_at: day(account.documentsAtMs),
    created_at: day(account.createdAtMs),
    merchant_name: freepayMerchant(tenant).name,
    api_key: account.status === 'active' ? tenant.freepayApiKey : null,
  };
}
