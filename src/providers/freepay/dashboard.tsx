/** @jsxImportSource hono/jsx */
// Freepay on the dashboard: the merchant's balances, the newest payments (as the merchant panel
// lists them) with the buyer's Pay and Cancel for a pending one, and the settlements.
import { desc, eq } from 'drizzle-orm';
import type { ProviderDashboard } from '../../core/provider.js';
import { freepaySettlements } from '../../db/schema/index.js';
import { ActionButton } from '../../dashboard/action.js';
import { rialText, shortTime } from '../../dashboard/layout.js';
import { Rows } from '../../dashboard/table.js';
import { testCards } from '../../web/index.js';
import { panelTransactions } from './panel-query.js';
import { gatewayPrefix } from './routes/gateway.js';
import { settlementView, summary } from './views.js';
import { freepayBalance } from './wallet.js';

/** The newest payments and settlements shown. */
const shown = 15;
/** The test card that pays. */
const payingCard = testCards.find((card) => card.outcome === 'success')!.number;

export const freepayDashboard: ProviderDashboard = {
  title: 'Freepay',
  sections(deps, tenant, nowMs) {
    const payments = panelTransactions(deps.db, tenant.id, {}, nowMs, 1, shown);
    const settlements = deps.db.select().from(freepaySettlements).where(eq(freepaySettlements.tenantId, tenant.id)).orderBy(desc(freepaySettlements.atMs)).limit(shown).all();
    return [
      {
        title: 'Balances',
        body: (
          <p class="row">
            <span>
              <span class="muted">available </span>
              <span class="big mono">{rialText(freepayBalance(deps.db, tenant.id, 'FREEPAY'))}</span>
            </span>
            <span>
              <span class="muted">held until settled </span>
              <span class="big mono">{rialText(freepayBalance(deps.db, tenant.id, 'FREEPAY_HELD'))}</span>
            </span>
          </p>
        ),
      },
      {
        title: `Payments (${payments.total})`,
        body: (
          <Rows
            items={payments.rows}
            empty="No payments yet."
            head={['Authority', 'Status', 'Amount', 'Order', 'Card', 'Created', 'Act as the buyer']}
            row={(row) => {
              const p = summary(row, nowMs);
              return (
                <tr data-authority={p.authority}>
                  <td class="mono">
                    <a href={`/freepay/payment/${gatewayPrefix}${p.authority}`} target="_blank" rel="noopener">
                      {p.authority}
                    </a>
                  </td>
                  <td>
                    <span class="pill">{p.status}</span>
                  </td>
                  <td class="mono">{rialText(p.amount)}</td>
                  <td class="mono">{p.order_id ?? ''}</td>
                  <td class="mono">{p.card_pan ?? ''}</td>
                  <td class="mono">{p.created_at.iso ? shortTime(p.created_at.iso) : ''}</td>
                  <td>
                    {p.status === 'pending' ? (
                      <>
                        <ActionButton tenantId={tenant.id} provider="freepay" path={`freepay/payments/${p.authority}/pay`} body={{ card: payingCard }} label="Pay" />
                        <ActionButton tenantId={tenant.id} provider="freepay" path={`freepay/payments/${p.authority}/pay`} body={{ cancel: true }} label="Cancel" look="plain" />
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            }}
          />
        ),
      },
      {
        title: 'Settlements',
        body: (
          <Rows
            items={settlements.map(settlementView)}
            empty="No settlements yet."
            row={(s) => (
              <tr>
                <td class="mono">{s.id}</td>
                <td class="mono">{s.day}</td>
                <td class="mono">{rialText(s.amount)}</td>
                <td>{`${s.payments} payments`}</td>
                <td class="mono">{s.iban}</td>
              </tr>
            )}
          />
        ),
      },
    ];
  },
};
