/** @jsxImportSource hono/jsx */
// Jibit on the dashboard: the tenant's wallets (PRF, POF) with today's use, and the newest ledger
// rows, as GET /_sandbox/tenants/{id} and the meter show them.
import type { ProviderDashboard } from '../../core/provider.js';
import { ledgerEntries } from '../../core/ledger.js';
import { rialText, shortTime } from '../../dashboard/layout.js';
import { Rows } from '../../dashboard/table.js';
import { jibitTenancy } from './tenancy.js';

/** The newest ledger rows shown. */
const ledgerRows = 15;

export const jibitDashboard: ProviderDashboard = {
  title: 'Jibit',
  sections(deps, tenant) {
    const view = jibitTenancy.view(tenant, deps) as { billing: string; balances: Record<string, number>; usedToday: Record<string, number> };
    const used = Object.entries(view.usedToday);
    const ledger = ledgerEntries(deps.db, tenant.id, ledgerRows);
    return [
      {
        title: 'Wallets',
        body: (
          <div>
            <p class="row">
              {Object.entries(view.balances).map(([wallet, amount]) => (
                <span>
                  <span class="muted">{`${wallet} `}</span>
                  <span class="big mono" data-wallet={wallet}>
                    {rialText(amount)}
                  </span>
                </span>
              ))}
              <span class="pill">{view.billing}</span>
            </p>
            <p class="muted">{used.length === 0 ? 'No calls charged today.' : `Today: ${used.map(([endpoint, n]) => `${endpoint} ×${n}`).join(', ')}`}</p>
          </div>
        ),
      },
      {
        title: 'Ledger',
        body: (
          <Rows
            items={ledger}
            empty="No ledger rows."
            head={['At (tenant clock)', 'Wallet', 'Amount', 'Balance after', 'Reason']}
            row={(e) => (
              <tr>
                <td class="mono">{shortTime(new Date(e.atMs).toISOString())}</td>
                <td>{e.wallet}</td>
                <td class={`mono ${e.amountRial < 0 ? 'bad' : 'ok'}`}>{rialText(e.amountRial)}</td>
                <td class="mono">{rialText(e.balanceAfterRial)}</td>
                <td>{e.endpointId ?? e.reason}</td>
              </tr>
            )}
          />
        ),
      },
    ];
  },
};
