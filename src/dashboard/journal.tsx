/** @jsxImportSource hono/jsx */
// A tenant's journal on the dashboard: a live table (htmx polls it every 2 s) filtered by
// provider, path, status and time, and one call's request and response, masked as stored.
import type { Context, Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { AppEnv } from '../core/http.js';
import type { JournalEntry } from '../core/journal.js';
import { reasonOf, seg, succeeded, type Control } from './control.js';
import { Json, Notice, shortTime } from './layout.js';
import { dashboardBase } from '../sandbox/dashboard-session.js';

/** An entry as the control API answers it (GET /_sandbox/tenants/{id}/journal). */
type Entry = JournalEntry;

/** The newest calls the table reads, and the newest a call's view is found among. */
const tableRows = 200;
const viewWindow = 1000;

const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const journalPath = (tenantId: string) => `${dashboardBase}/tenants/${seg(tenantId)}/journal`;

export const JournalCard: FC<{ tenantId: string; providers: readonly string[] }> = ({ tenantId, providers }) => (
  <section class="card" id="journal">
    <h2>Journal</h2>
    <form class="inline" id="journal-filters" hx-get={journalPath(tenantId)} hx-target="#journal-table">
      <select name="provider" aria-label="provider">
        <option value="">every provider</option>
        {providers.map((p) => (
          <option value={p}>{p}</option>
        ))}
      </select>
      <input name="path" placeholder="path contains" size={18} aria-label="path" />
      <input name="status" placeholder="status: 200, 4xx" size={12} aria-label="status" />
      <input name="since" placeholder="since 2026-03-20T20:30:00+03:30" size={30} aria-label="since" />
    </form>
    <div
      id="journal-table"
      hx-get={journalPath(tenantId)}
      hx-trigger="load, every 2s, input changed delay:400ms from:#journal-filters, tenant-changed from:body"
      hx-include="#journal-filters"
    >
      <p class="muted">Loading…</p>
    </div>
    <div id="journal-entry"></div>
  </section>
);

/** A status filter: none, one status (200, asked of the control API) or a class (4xx, applied here). */
type StatusFilter = { kind: 'none' } | { kind: 'exact' } | { kind: 'class'; digit: number } | { kind: 'bad'; problem: string };

function statusFilter(text: string): StatusFilter {
  if (text === '') return { kind: 'none' };
  if (/^[1-5]\d\d$/.test(text)) return { kind: 'exact' };
  const digit = /^([1-5])xx$/i.exec(text)?.[1];
  if (digit) return { kind: 'class', digit: Number(digit) };
  return { kind: 'bad', problem: `status: "${text}" is neither a status (200) nor a class (4xx)` };
}

const JournalTable: FC<{ tenantId: string; entries: readonly Entry[] }> = ({ tenantId, entries }) => (
  <>
    <table>
      <thead>
        <tr>
          <th>#</th>
          <th>Time (tenant clock)</th>
          <th>Provider</th>
          <th>Call</th>
          <th>Status</th>
          <th>Error code</th>
          <th>Charged</th>
          <th>ms</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr class="entry" hx-get={`${journalPath(tenantId)}/${e.id}`} hx-target="#journal-entry" data-entry={String(e.id)}>
            <td class="mono">{String(e.id)}</td>
            <td class="mono">{shortTime(e.at)}</td>
            <td>{e.provider}</td>
            <td class="mono">{`${e.method} ${e.path}`}</td>
            <td class={`mono status-${String(e.status)[0]}`}>{String(e.status)}</td>
            <td class="mono">{e.errorCode ?? ''}</td>
            <td class="mono">{e.chargedRial ? String(e.chargedRial) : ''}</td>
            <td class="mono">{String(e.latencyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    {entries.length === 0 ? <p class="muted">No calls match.</p> : null}
  </>
);

const EntryView: FC<{ e: Entry }> = ({ e }) => (
  <div class="grid" id="entry-view">
    <div>
      <h3>{`Request #${e.id}: ${e.method} ${e.path}`}</h3>
      <p class="muted">{`${shortTime(e.at)} · ${e.provider}${e.endpoint ? ` · ${e.endpoint}` : ''}`}</p>
      <h3>Query</h3>
      <Json value={Object.keys(e.query).length === 0 ? undefined : e.query} />
      <h3>Headers</h3>
      <Json value={e.headers} />
      <h3>Body</h3>
      <Json value={e.requestBody} />
    </div>
    <div>
      <h3>{`Response: ${e.status}${e.errorCode ? ` ${e.errorCode}` : ''}`}</h3>
      <p class="muted">{`${e.latencyMs} ms${e.chargedRial ? ` · charged ${e.chargedRial} IRR` : ''}${e.rule ? ` · scenario rule ${e.rule}` : ''}`}</p>
      <Json value={e.responseBody} />
    </div>
  </div>
);

export function registerJournal(app: Hono<AppEnv>, control: Control) {
  const bad = (c: Context<AppEnv>, text: string, status = 400) => c.html(<Notice kind="error">{text}</Notice>, status as 400);

  app.get('/dashboard/tenants/:id/journal', async (c) => {
    const id = c.req.param('id');
    const provider = c.req.query('provider')?.trim() ?? '';
    const path = c.req.query('path')?.trim() ?? '';
    const status = c.req.query('status')?.trim() ?? '';
    // An unencoded '+' in a typed address reads as a space: `…T20:30:00+03:30` still means +03:30.
    const since = (c.req.query('since')?.trim() ?? '').replace(/ (\d{2}:\d{2})$/, '+$1');
    const known = c.get('deps').providers.map((p) => p.id);
    if (provider !== '' && !known.includes(provider)) return bad(c, `provider: ${provider} is none of ${known.join(', ')}`);
    const byStatus = statusFilter(status);
    if (byStatus.kind === 'bad') return bad(c, byStatus.problem);
    if (since !== '' && !isoWithZone.test(since)) return bad(c, `since: "${since}" is not an ISO-8601 date-time with a zone, like 2026-03-20T20:30:00+03:30 or 2026-03-20T17:00:00Z`);
    const query = new URLSearchParams({ limit: String(tableRows) });
    if (provider !== '') query.set('provider', provider);
    if (byStatus.kind === 'exact') query.set('status', status);
    if (since !== '') query.set('since', since);
    const answer = await control<{ entries: Entry[] }>(c, 'GET', `/tenants/${seg(id)}/journal?${query}`);
    if (!succeeded(answer)) return bad(c, reasonOf(answer), answer.status);
    const entries = answer.body.entries.filter((e) => (path === '' || e.path.includes(path)) && (byStatus.kind !== 'class' || Math.floor(e.status / 100) === byStatus.digit));
    return c.html(<JournalTable tenantId={id} entries={entries} />);
  });

  app.get('/dashboard/tenants/:id/journal/:entry', async (c) => {
    const id = c.req.param('id');
    const wanted = c.req.param('entry');
    if (!/^\d{1,15}$/.test(wanted)) return bad(c, `journal entry ${wanted}: not an entry number`);
    const answer = await control<{ entries: Entry[] }>(c, 'GET', `/tenants/${seg(id)}/journal?limit=${viewWindow}`);
    if (!succeeded(answer)) return bad(c, reasonOf(answer), answer.status);
    const entry = answer.body.entries.find((e) => e.id === Number(wanted));
    if (!entry) return bad(c, `journal entry ${wanted} is not among tenant ${id}'s newest ${viewWindow} calls`, 404);
    return c.html(<EntryView e={entry} />);
  });
}
