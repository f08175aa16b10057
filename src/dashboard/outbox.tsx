/** @jsxImportSource hono/jsx */
// A tenant's outbox on the dashboard: the SMS and emails sent (their links clickable, as on a
// phone) and the webhook events with every delivery attempt; htmx refreshes it every 3 s.
import type { Hono } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { AppEnv } from '../core/http.js';
import { reasonOf, seg, succeeded, type Control } from './control.js';
import { Json, Notice, shortTime } from './layout.js';
import { dashboardBase } from '../sandbox/dashboard-session.js';

interface Message {
  id: number;
  at: string;
  provider: string;
  recipient: string;
  channel: 'sms' | 'email' | 'webhook';
  message: { text?: string; subject?: string };
}

interface Attempt {
  number: number;
  at: string;
  url: string;
  result: string;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
  fault: string | null;
}

interface WebhookEvent {
  id: string;
  provider: string;
  type: string;
  occurredAt: string;
  state: string;
  nextAttemptAt: string | null;
  payload: unknown;
  attempts: Attempt[];
}

/** The newest messages and events shown. */
const shown = 50;

export const OutboxCard: FC<{ tenantId: string }> = ({ tenantId }) => (
  <section class="card" id="outbox">
    <h2>Outbox</h2>
    <div id="outbox-body" hx-get={`${dashboardBase}/tenants/${seg(tenantId)}/outbox`} hx-trigger="load, every 3s, clock-changed from:body, tenant-changed from:body">
      <p class="muted">Loading…</p>
    </div>
  </section>
);

/** A text with its http(s) links made clickable; the rest stays text. */
export function Linked({ text }: { text: string }): Child {
  const parts: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    parts.push(text.slice(last, m.index));
    parts.push(
      <a href={m[0]} target="_blank" rel="noopener" dir="ltr">
        {m[0]}
      </a>,
    );
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

const Messages: FC<{ title: string; rows: readonly Message[]; email?: boolean }> = ({ title, rows, email }) => (
  <>
    <h3>{`${title} (${rows.length})`}</h3>
    {rows.length === 0 ? (
      <p class="muted">None sent.</p>
    ) : (
      <table>
        <tbody>
          {rows.map((m) => (
            <tr class={email ? 'email' : 'sms'}>
              <td class="mono">{shortTime(m.at)}</td>
              <td>{m.provider}</td>
              <td class="mono">{m.recipient}</td>
              <td dir="auto">
                {m.message.subject ? <strong>{m.message.subject}</strong> : null}
                {m.message.subject ? <br /> : null}
                <Linked text={m.message.text ?? ''} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>
);

const Events: FC<{ events: readonly WebhookEvent[] }> = ({ events }) => (
  <>
    <h3>{`Webhooks (${events.length})`}</h3>
    {events.length === 0 ? <p class="muted">No webhook events.</p> : null}
    {events.map((e) => (
      <details class="webhook" id={`webhook-${e.id}`}>
        <summary>
          <span class="mono">{shortTime(e.occurredAt)}</span> <strong>{e.type}</strong>{' '}
          <span class={`pill ${e.state === 'delivered' ? 'ok' : e.state === 'failed' ? 'bad' : 'warn'}`}>{e.state}</span>{' '}
          <span class="muted">{`${e.attempts.length} attempt${e.attempts.length === 1 ? '' : 's'}${e.nextAttemptAt ? `, next at ${shortTime(e.nextAttemptAt)}` : ''}`}</span>
        </summary>
        {e.attempts.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>At</th>
                <th>URL</th>
                <th>Result</th>
                <th>Status</th>
                <th>ms</th>
                <th>Error / fault</th>
              </tr>
            </thead>
            <tbody>
              {e.attempts.map((a) => (
                <tr>
                  <td>{String(a.number)}</td>
                  <td class="mono">{shortTime(a.at)}</td>
                  <td class="mono">{a.url}</td>
                  <td class={a.result === 'succeeded' ? 'ok' : a.result === 'failed' ? 'bad' : 'warn'}>{a.result}</td>
                  <td class="mono">{a.status === null ? '' : String(a.status)}</td>
                  <td class="mono">{a.latencyMs === null ? '' : String(a.latencyMs)}</td>
                  <td>{[a.error, a.fault].filter(Boolean).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <Json value={e.payload} />
      </details>
    ))}
  </>
);

export function registerOutbox(app: Hono<AppEnv>, control: Control) {
  app.get('/dashboard/tenants/:id/outbox', async (c) => {
    const id = c.req.param('id');
    const [outbox, events] = await Promise.all([
      control<{ entries: Message[] }>(c, 'GET', `/tenants/${seg(id)}/outbox?limit=${shown * 4}`),
      control<{ events: WebhookEvent[] }>(c, 'GET', `/tenants/${seg(id)}/webhook-events?limit=${shown}`),
    ]);
    const failed = [outbox, events].find((a) => !succeeded(a));
    if (failed) return c.html(<Notice kind="error">{reasonOf(failed)}</Notice>, failed.status as 404);
    const of = (channel: Message['channel']) => outbox.body.entries.filter((m) => m.channel === channel).slice(0, shown);
    return c.html(
      <>
        <Messages title="SMS" rows={of('sms')} />
        <Messages title="Emails" rows={of('email')} email />
        <Events events={events.body.events} />
      </>,
    );
  });
}
