/** @jsxImportSource hono/jsx */
// ICE on the dashboard: each business's wallet and the newest ledger rows, and the newest report
// requests with buttons that act as the person (approve, reject, pay: the control API's person
// routes) and a link to the consent page the person's SMS opens.
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { ProviderDashboard } from '../../core/provider.js';
import { iceLedger, iceReports } from '../../db/schema/index.js';
import { ActionButton } from '../../dashboard/action.js';
import { rialText, shortTime } from '../../dashboard/layout.js';
import { Rows } from '../../dashboard/table.js';
import { consentPathOf } from './consent/routes.js';
import { defaultPersonCard } from './control-person.js';
import { requestView } from './reports/view.js';
import { iceTenancy } from './tenancy.js';

/** The newest ledger rows and report requests shown. */
const shown = 15;

export const iceDashboard: ProviderDashboard = {
  title: 'ICE',
  sections(deps, tenant) {
    const { businesses } = iceTenancy.view(tenant, deps) as { businesses: { id: string; username: string; legalStatus: string; balanceRial: number }[] };
    const ledger = deps.db.select().from(iceLedger).where(eq(iceLedger.tenantId, tenant.id)).orderBy(desc(iceLedger.id)).limit(shown).all();
    const reports = deps.db
      .select()
      .from(iceReports)
      .where(and(eq(iceReports.tenantId, tenant.id), ne(iceReports.state, 'deleted')))
      // rowid breaks ties between requests of the same millisecond: the later first.
      .orderBy(desc(iceReports.requestedAtMs), desc(sql`rowid`))
      .limit(shown)
      .all();
    const act = (path: string, label: string, look?: 'plain' | 'danger') => <ActionButton tenantId={tenant.id} provider="ice" path={path} label={label} look={look} />;
    return [
      {
        title: 'Report requests',
        body: (
          <Rows
            items={reports}
            empty="No report requests yet."
            head={['Tracking code', 'State', 'Person', 'Payer', 'Price', 'Requested', 'Act as the person']}
            row={(row) => {
              const r = requestView(row);
              const base = `ice/reports/${r.trackingCode}`;
              return (
                <tr data-tracking-code={r.trackingCode}>
                  <td class="mono">{r.trackingCode}</td>
                  <td>
                    <span class="pill" data-state={r.state}>
                      {r.state}
                    </span>{' '}
                    <span dir="rtl">{r.stateLabel}</span>
                  </td>
                  <td class="mono">{`${r.mobile} · ${r.nationalCode ?? r.nationalId ?? ''}`}</td>
                  <td>{r.payer}</td>
                  <td class="mono">{rialText(r.price.totalRial)}</td>
                  <td class="mono">{r.requestedAt.at}</td>
                  <td>
                    {r.state === 'pending' ? (
                      <>
                        {act(`${base}/approve`, 'Approve')}
                        {act(`${base}/reject`, 'Reject', 'plain')}
                        {r.payer === 'person' ? (
                          <ActionButton tenantId={tenant.id} provider="ice" path={`${base}/pay`} body={{ card: defaultPersonCard }} label="Pay" look="plain" />
                        ) : null}
                        <a href={consentPathOf(row)} target="_blank" rel="noopener">
                          consent page
                        </a>
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
        title: 'Wallets',
        body: (
          <Rows
            items={businesses}
            empty="No businesses."
            row={(b) => (
              <tr>
                <td class="mono">{b.id}</td>
                <td>{b.username}</td>
                <td>{`legal review: ${b.legalStatus}`}</td>
                <td class="mono big">{rialText(b.balanceRial)}</td>
              </tr>
            )}
          />
        ),
      },
      {
        title: 'Ledger',
        body: (
          <Rows
            items={ledger}
            empty="No ledger rows."
            row={(e) => (
              <tr>
                <td class="mono">{shortTime(new Date(e.atMs).toISOString())}</td>
                <td>{e.kind}</td>
                <td class={`mono ${e.amountRial < 0 ? 'bad' : 'ok'}`}>{rialText(e.amountRial)}</td>
                <td class="mono">{rialText(e.balanceAfterRial)}</td>
                <td dir="rtl">{e.description}</td>
              </tr>
            )}
          />
        ),
      },
    ];
  },
};
