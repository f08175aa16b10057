/** @jsxImportSource hono/jsx */
// A tenant's clock on the dashboard: the time it shows, and advance, set and freeze, each a
// POST /_sandbox/tenants/{id}/clock of the control API.
import type { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { AppEnv } from '../core/http.js';
import { reasonOf, seg, succeeded, type Control } from './control.js';
import { Notice, shortTime } from './layout.js';
import { dashboardBase } from '../sandbox/dashboard-session.js';

export interface ClockView {
  now: string;
  frozen: boolean;
  tehranDay: string;
}

const steps: [string, number][] = [
  ['+1 min', 60],
  ['+1 h', 3600],
  ['+1 day', 86_400],
  ['+7 days', 604_800],
];

export const ClockCard: FC<{ tenantId: string; clock: ClockView; notice?: { kind: 'done' | 'error'; text: string } | undefined }> = ({ tenantId, clock, notice }) => {
  const action = `${dashboardBase}/tenants/${seg(tenantId)}/clock`;
  const post = { 'hx-post': action, 'hx-target': '#clock', 'hx-swap': 'outerHTML' };
  const day = clock.tehranDay;
  return (
    <section class="card" id="clock">
      <h2>Clock</h2>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <p class="row">
        <span class="big mono" id="clock-now">
          {shortTime(clock.now)}
        </span>
        <span class="muted">{`Tehran day ${day.slice(0, 4)}/${day.slice(4, 6)}/${day.slice(6)}`}</span>
        <span class={`pill ${clock.frozen ? 'warn' : 'ok'}`} id="clock-state">
          {clock.frozen ? 'frozen' : 'running'}
        </span>
      </p>
      <div>
        {steps.map(([label, seconds]) => (
          <form class="inline" {...post}>
            <input type="hidden" name="advanceSeconds" value={String(seconds)} />
            <button class="plain" type="submit">
              {label}
            </button>
          </form>
        ))}
      </div>
      <form class="inline" {...post}>
        <label for="advance-seconds">Advance by</label>
        <input id="advance-seconds" name="advanceSeconds" type="text" inputmode="numeric" size={9} placeholder="seconds" required />
        <button type="submit">Advance</button>
      </form>
      <form class="inline" {...post}>
        <label for="clock-set">Set to</label>
        <input id="clock-set" name="set" type="text" size={26} placeholder="2026-03-20T20:29:59+03:30" required />
        <button type="submit">Set</button>
      </form>
      <form class="inline" {...post}>
        <input type="hidden" name="freeze" value={clock.frozen ? 'false' : 'true'} />
        <button type="submit" class="plain">
          {clock.frozen ? 'Unfreeze' : 'Freeze'}
        </button>
      </form>
    </section>
  );
};

/** The form's fields as one clock command of the control API, or why they are not one. */
export function clockCommand(form: Record<string, unknown>): { command: Record<string, unknown> } | { problem: string } {
  const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : undefined);
  const advance = field('advanceSeconds');
  if (advance !== undefined) {
    // Number('') is 0 and Number('1e3') is 1000: only a plain whole or decimal number is taken.
    if (!/^[+-]?\d+(?:\.\d+)?$/.test(advance)) return { problem: `advance: ${advance === '' ? 'an empty value' : `"${advance}"`} is not a number of seconds` };
    return { command: { advanceSeconds: Number(advance) } };
  }
  const set = field('set');
  if (set !== undefined) return { command: { set } };
  const freeze = field('freeze');
  if (freeze === 'true' || freeze === 'false') return { command: { freeze: freeze === 'true' } };
  return { problem: 'send advanceSeconds, set or freeze' };
}

export function registerClock(app: Hono<AppEnv>, control: Control) {
  app.post('/dashboard/tenants/:id/clock', async (c) => {
    const id = c.req.param('id');
    const parsed = clockCommand(await c.req.parseBody());
    const answer = 'command' in parsed ? await control<ClockView>(c, 'POST', `/tenants/${seg(id)}/clock`, parsed.command) : undefined;
    if (answer && succeeded(answer)) {
      // What the new time brought due (expiries, settlements) shows in the other panels.
      c.header('HX-Trigger', 'clock-changed');
      return c.html(<ClockCard tenantId={id} clock={answer.body} notice={{ kind: 'done', text: 'Clock changed.' }} />);
    }
    // The card stays usable after a refusal: it is drawn again from the clock as it is.
    const now = await control<{ clock: ClockView }>(c, 'GET', `/tenants/${seg(id)}`);
    const problem = answer ? reasonOf(answer) : (parsed as { problem: string }).problem;
    const status = (answer?.status ?? 400) as 400;
    if (!succeeded(now)) return c.html(<Notice kind="error">{reasonOf(now)}</Notice>, now.status as 404);
    return c.html(<ClockCard tenantId={id} clock={now.body.clock} notice={{ kind: 'error', text: problem }} />, status);
  });
}
