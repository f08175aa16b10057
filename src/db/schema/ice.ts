// ICE credit-report consent: each tenant's ICE settings, its businesses (accounts, legal review,
// wallet), sign-ups and password resets with their SMS codes, wallet ledger, bank charges, report
// requests and API onboarding requests. Every table carries tenant_id, so a tenant's reset and
// deletion reach it.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const iceSettings = sqliteTable('ice_settings', {
  tenantId: text('tenant_id').primaryKey(),
  /** JSON: the tenant's ICE settings over the defaults (prices, lifetimes, legal review). */
  settings: text('settings').notNull(),
});

export const iceBusinesses = sqliteTable(
  'ice_businesses',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** Lower-cased; unique within the tenant. */
    username: text('username').notNull(),
    /** 09xxxxxxxxx; unique within the tenant. */
    mobile: text('mobile').notNull(),
    /** scrypt$<salt>$<hash>, never the password itself. */
    passwordHash: text('password_hash').notNull(),
    /** Bumped by a password change or reset: tokens issued before it are refused. */
    tokenVersion: integer('token_version').notNull().default(0),
    /** JSON: the registration's basic information (business name, names, phone, address, ...). */
    profile: text('profile').notNull(),
    email: text('email'),
    /** JSON: the nine legal fields, once sent. */
    legal: text('legal'),
    /** JSON: what is kept of the two uploaded documents (kind, type, size, sha256), never their bytes. */
    documents: text('documents'),
    legalStatus: text('legal_status', { enum: ['none', 'pending', 'approved', 'rejected'] }).notNull().default('none'),
    legalReason: text('legal_reason'),
    legalSubmittedAtMs: integer('legal_submitted_at_ms'),
    /** When a pending review decides itself (the tenant's legalReview setting); null: by the control API only. */
    legalDecideAtMs: integer('legal_decide_at_ms'),
    legalDecidedAtMs: integer('legal_decided_at_ms'),
    /** The approved official name: what the person's consent SMS names. */
    officialName: text('official_name'),
    balanceRial: integer('balance_rial').notNull().default(0),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [uniqueIndex('ice_businesses_username').on(t.tenantId, t.username), uniqueIndex('ice_businesses_mobile').on(t.tenantId, t.mobile)],
);

/** A sign-up in progress: basic information, then the SMS code, then username and password. */
export const iceRegistrations = sqliteTable(
  'ice_registrations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    mobile: text('mobile').notNull(),
    /** JSON: the basic information of step 1. */
    profile: text('profile').notNull(),
    code: text('code').notNull(),
    codeSentAtMs: integer('code_sent_at_ms').notNull(),
    codeExpiresAtMs: integer('code_expires_at_ms').notNull(),
    /** Wrong codes typed against the current code. */
    tries: integer('tries').notNull().default(0),
    verifiedAtMs: integer('verified_at_ms'),
    /** Set by step 3: the business this sign-up became. */
    businessId: text('business_id'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [index('ice_registrations_tenant').on(t.tenantId, t.mobile)],
);

/** "Forgot password": an SMS code to the business's mobile, then a new password. */
export const icePasswordResets = sqliteTable('ice_password_resets', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  businessId: text('business_id').notNull(),
  code: text('code').notNull(),
  codeSentAtMs: integer('code_sent_at_ms').notNull(),
  codeExpiresAtMs: integer('code_expires_at_ms').notNull(),
  tries: integer('tries').notNull().default(0),
  usedAtMs: integer('used_at_ms'),
});

/** The wallet's rows, as the panel's ledger table shows them. */
export const iceLedger = sqliteTable(
  'ice_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    businessId: text('business_id').notNull(),
    /** Positive: credit (▲); negative: debit (▼). */
    amountRial: integer('amount_rial').notNull(),
    balanceAfterRial: integer('balance_after_rial').notNull(),
    /** Persian, as the panel shows it. */
    description: text('description').notNull(),
    kind: text('kind', { enum: ['opening', 'charge', 'report', 'refund', 'adjustment'] }).notNull(),
    trackingCode: text('tracking_code'),
    chargeId: text('charge_id'),
    /** A row that may be written once only (`refund:<tracking code>`, `charge:<charge id>`): a second write fails, so money never moves twice. */
    onceKey: text('once_key').unique(),
    atMs: integer('at_ms').notNull(),
  },
  (t) => [index('ice_ledger_business').on(t.tenantId, t.businessId, t.id)],
);

/** A payment through a bank page: a wallet charge, or a person paying for a report. */
export const iceCharges = sqliteTable(
  'ice_charges',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    businessId: text('business_id').notNull(),
    purpose: text('purpose', { enum: ['wallet', 'report', 'api-invoice'] }).notNull(),
    /** The report a person pays for (purpose report). api-invoice: the API onboarding's pro-forma invoice, which never touches the wallet. */
    trackingCode: text('tracking_code'),
    amountRial: integer('amount_rial').notNull(),
    bank: text('bank', { enum: ['saman', 'mellat'] }).notNull(),
    /** Where the bank page sends the browser back (purpose wallet); the consent page for a report. */
    returnUrl: text('return_url').notNull(),
    /** The bank page's address token. */
    paymentToken: text('payment_token').notNull().unique(),
    status: text('status', { enum: ['pending', 'paid', 'failed', 'cancelled', 'expired'] }).notNull(),
    failure: text('failure'),
    cardPan: text('card_pan'),
    /** The bank's reference number of a paid charge. */
    reference: text('reference'),
    createdAtMs: integer('created_at_ms').notNull(),
    expiresAtMs: integer('expires_at_ms').notNull(),
    finishedAtMs: integer('finished_at_ms'),
  },
  (t) => [index('ice_charges_business').on(t.tenantId, t.businessId, t.createdAtMs)],
);

/** A report request and its consent: pending → viewable → archived, or rejected, expired, deleted. */
export const iceReports = sqliteTable(
  'ice_reports',
  {
    trackingCode: text('tracking_code').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    businessId: text('business_id').notNull(),
    personType: text('person_type', { enum: ['natural', 'legal'] }).notNull(),
    nationalCode: text('national_code'),
    nationalId: text('national_id'),
    mobile: text('mobile').notNull(),
    payer: text('payer', { enum: ['credit', 'person'] }).notNull(),
    reportRial: integer('report_rial').notNull(),
    vatRial: integer('vat_rial').notNull(),
    totalRial: integer('total_rial').notNull(),
    state: text('state', { enum: ['pending', 'viewable', 'rejected', 'expired', 'archived', 'deleted'] }).notNull(),
    /** The consent link's token (in the SMS). */
    consentToken: text('consent_token').notNull().unique(),
    /** The official name the SMS named, as it was at request time. */
    businessName: text('business_name').notNull(),
    smsStatus: text('sms_status', { enum: ['sent', 'undeliverable'] }).notNull(),
    /** A test mobile's scripted answer (approve, reject, silent, approveAfter, undeliverable), or null. */
    scripted: text('scripted'),
    /** When the scripted person acts (approveAfter). */
    scriptedAtMs: integer('scripted_at_ms'),
    requestedAtMs: integer('requested_at_ms').notNull(),
    consentExpiresAtMs: integer('consent_expires_at_ms').notNull(),
    approvedAtMs: integer('approved_at_ms'),
    viewableUntilMs: integer('viewable_until_ms'),
    rejectedAtMs: integer('rejected_at_ms'),
    expiredAtMs: integer('expired_at_ms'),
    archivedAtMs: integer('archived_at_ms'),
    deletedAtMs: integer('deleted_at_ms'),
    /** The state a request was in when the business deleted it. */
    stateBeforeDelete: text('state_before_delete'),
    /** The person's paid charge (payer person). */
    chargeId: text('charge_id'),
    refundedAtMs: integer('refunded_at_ms'),
  },
  (t) => [
    index('ice_reports_business').on(t.tenantId, t.businessId, t.state, t.requestedAtMs),
    index('ice_reports_due').on(t.tenantId, t.state, t.consentExpiresAtMs),
    // The catch-up before every call finds scripted answers and closing windows by range, not by
    // reading every pending or viewable request of the tenant.
    index('ice_reports_scripted').on(t.tenantId, t.state, t.scriptedAtMs),
    index('ice_reports_window').on(t.tenantId, t.state, t.viewableUntilMs),
    // The listing without a tab, newest first, read in index order a page at a time.
    index('ice_reports_newest').on(t.tenantId, t.businessId, t.requestedAtMs),
  ],
);

/**
 * A business's API onboarding (spec/ice.md §7): five steps (company information, the two
 * contracts, the pro-forma invoice, IPs and webhook URL, the move to live), then API credentials.
 * One per business; its number is the request number the panel's table shows.
 */
export const iceApiRequests = sqliteTable(
  'ice_api_requests',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    businessId: text('business_id').notNull(),
    /** Sequential within the tenant, from 10740 (the seed's example). */
    requestNumber: integer('request_number').notNull(),
    status: text('status', { enum: ['in-progress', 'going-live', 'live'] }).notNull(),
    /** JSON: step 1's company information. */
    company: text('company').notNull(),
    companyAtMs: integer('company_at_ms').notNull(),
    /** Step 2: the version of each contract last viewed, and the version accepted. */
    ndaViewedVersion: text('nda_viewed_version'),
    ndaViewedAtMs: integer('nda_viewed_at_ms'),
    ndaAcceptedVersion: text('nda_accepted_version'),
    ndaAcceptedAtMs: integer('nda_accepted_at_ms'),
    firmViewedVersion: text('firm_viewed_version'),
    firmViewedAtMs: integer('firm_viewed_at_ms'),
    firmAcceptedVersion: text('firm_accepted_version'),
    firmAcceptedAtMs: integer('firm_accepted_at_ms'),
    /** Step 3: issued when both contracts are accepted; its month starts that Tehran day. */
    invoiceIssuedAtMs: integer('invoice_issued_at_ms'),
    invoiceRial: integer('invoice_rial'),
    /** The latest bank charge opened for the invoice (purpose api-invoice). */
    invoiceChargeId: text('invoice_charge_id'),
    invoicePaidAtMs: integer('invoice_paid_at_ms'),
    /** Step 4: the addresses the API may be called from, and where webhooks go. */
    ip1: text('ip1'),
    ip2: text('ip2'),
    webhookUrl: text('webhook_url'),
    documentsAtMs: integer('documents_at_ms'),
    /** Step 5: asked at, and due at (liveDelayMinutes later on the tenant clock); liveAtMs once done. */
    liveRequestedAtMs: integer('live_requested_at_ms'),
    liveDueAtMs: integer('live_due_at_ms'),
    liveAtMs: integer('live_at_ms'),
    /** API credentials, once live: the secret is kept only as its SHA-256. */
    clientId: text('client_id').unique(),
    clientSecretHash: text('client_secret_hash'),
    /** Bumped by each new secret: tokens issued under an earlier one are refused. */
    credentialVersion: integer('credential_version').notNull().default(0),
    credentialsIssuedAtMs: integer('credentials_issued_at_ms'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('ice_api_requests_business').on(t.tenantId, t.businessId),
    uniqueIndex('ice_api_requests_number').on(t.tenantId, t.requestNumber),
    index('ice_api_requests_due').on(t.tenantId, t.status, t.liveDueAtMs),
  ],
);
