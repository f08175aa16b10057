// Freepay's webhook events (docs/webhooks.md "Freepay events"): a payment's outcome on the page,
// its verify, the return of a failed payment's money and each settlement, emitted to the tenant's
// Freepay endpoint in the transaction that makes the change, when the merchant takes that type.
import type { AppDeps } from '../../core/http.js';
import { emit } from '../../core/webhooks/index.js';
import type { FreepayEventType } from './event-types.js';
import { freepayMerchant } from './merchant.js';
import type { PaymentRow } from './payments.js';
import { detail, settlementView } from './views.js';
import type { TenantRow } from '../../core/tenants.js';
import type { freepaySettlements } from '../../db/schema/index.js';

type EmitDeps = Pick<AppDeps, 'db' | 'wall' | 'webhooks'>;

function emitFreepay(deps: EmitDeps, tenant: TenantRow, type: FreepayEventType, payload: unknown, occurredAtMs: number): void {
  if (!freepayMerchant(tenant).webhookEvents.includes(type)) return;
  emit(deps, { tenantId: tenant.id, provider: 'freepay', type, payload, occurredAtMs });
}

/**
 * `freepay.payment.<status>` for a payment as it is after a change made at `atMs` (tenant clock):
 * paid, failed or cancelled on the page, verified, reversed. `data` is the payment as the panel's
 * GET /panel/transactions/{authority} shows it at that instant.
 */
export function emitPaymentChange(deps: EmitDeps, tenant: TenantRow, p: PaymentRow, type: Extract<FreepayEventType, `freepay.payment.${string}`>, atMs: number): void {
  emitFreepay(deps, tenant, type, detail(p, atMs), atMs);
}

/** `freepay.settlement.done`, with the settlement as GET /panel/settlements lists it. */
export function emitSettlement(deps: EmitDeps, tenant: TenantRow, settlement: typeof freepaySettlements.$inferSelect): void {
  emitFreepay(deps, tenant, 'freepay.settlement.done', settlementView(settlement), settlement.atMs);
}
