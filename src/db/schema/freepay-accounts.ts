// Freepay's merchant onboarding and panel sections: sign-ups waiting for their SMS code, the
// tenant's merchant account (one per tenant: a tenant is one Freepay merchant) with its identity
// documents, and the bank accounts the merchant registered in the panel.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const freepaySignups = sqliteTable(
  'freepay_signups',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    mobile: text('mobile').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    code: text('code').notNull(),
    codeSentAtMs: integer('code_sent_at_ms').notNull(),
    codeExpiresAtMs: integer('code_expires_at_ms').notNull(),
    tries: integer('tries').notNull().default(0),
    /** When the right code was typed: the account was made then. */
    verifiedAtMs: integer('verified_at_ms'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [index('freepay_signups_tenant').on(t.tenantId, t.createdAtMs)],
);

export const freepayAccounts = sqliteTable('freepay_accounts', {
  /** One account per tenant: the person who signed up is the tenant's merchant. */
  tenantId: text('tenant_id').primaryKey(),
  id: text('id').notNull().unique(),
  mobile: text('mobile').notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Raised by a password change: sessions issued before it end. */
  tokenVersion: integer('token_version').notNull().default(0),
  /** documents_required → active, or rejected (the documents may be sent again). */
  status: text('status', { enum: ['documents_required', 'active', 'rejected'] }).notNull(),
  rejectionReason: text('rejection_reason'),
  nationalCode: text('national_code'),
  landline: text('landline'),
  address: text('address'),
  email: text('email'),
  /** JSON: the identity document's type, size, sha256 and file name (the bytes are not kept). */
  document: text('document'),
  documentsAtMs: integer('documents_at_ms'),
  createdAtMs: integer('created_at_ms').notNull(),
});

export const freepayBankAccounts = sqliteTable(
  'freepay_bank_accounts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    bank: text('bank').notNull(),
    accountNumber: text('account_number').notNull(),
    cardNumber: text('card_number').notNull(),
    iban: text('iban').notNull(),
    addedAtMs: integer('added_at_ms').notNull(),
  },
  (t) => [uniqueIndex('freepay_bank_accounts_iban').on(t.tenantId, t.iban)],
);
