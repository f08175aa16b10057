// What must survive a run of odd requests: a normal charged card inquiry is answered, journaled
// and counted; wallets moved by exactly the journal's chargedRial; usage by exactly the charged
// calls; the Freepay balance by exactly the payments verified.
import type { Call, Session } from './session.js';

interface View {
  clock: { tehranDay: string };
  jibit: { balances: Record<string, number>; usedToday: Record<string, number> };
  freepay: { balances: { FREEPAY: number } };
}
interface Entry {
  endpoint: string | null;
  status: number;
  chargedRial: number;
  headers: Record<string, string>;
  responseBody: unknown;
}

export interface Snapshot {
  tehranDay: string;
  jibitRial: number;
  usedToday: Record<string, number>;
  freepayRial: number;
}

async function json<T>(res: Promise<Response>, what: string): Promise<T> {
  const answer = await res;
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function snapshot(call: Call, tenantId: string): Promise<Snapshot> {
  const view = await json<View>(call('GET', `/_sandbox/tenants/${tenantId}`), 'the tenant view');
  return {
    tehranDay: view.clock.tehranDay,
    jibitRial: Object.values(view.jibit.balances).reduce((sum, amount) => sum + amount, 0),
    usedToday: view.jibit.usedToday,
    freepayRial: view.freepay.balances.FREEPAY,
  };
}

let checks = 0;
const demoCard = '6037991234567893';

export async function afterRun(call: Call, session: Session, before: Snapshot): Promise<void> {
  const { tenantId, vars } = session;
  const marker = `fuzz-check-${++checks}`;
  // The run's own token, when it has one: nothing the run may do to its tenant revokes it.
  const token = vars.accessToken ?? (await json<{ accessToken: string }>(call('POST', '/jibit/ide/v1/tokens/generate', { apiKey: vars.apiKey, secretKey: vars.secretKey }), 'token generation after the run')).accessToken;
  await json(call('GET', `/jibit/ide/v1/cards?number=${demoCard}`, undefined, { Authorization: `Bearer ${token}`, 'X-TRACK-ID': marker }), 'a card inquiry after the run');

  const { entries } = await json<{ entries: Entry[] }>(call('GET', `/_sandbox/tenants/${tenantId}/journal?limit=1000`), 'the journal after the run');
  const check = entries.find((e) => e.headers['x-track-id'] === marker);
  if (!check) throw new Error('the card inquiry made after the run is not in the journal');
  if (check.status !== 200 || !(check.chargedRial > 0)) throw new Error(`the card inquiry after the run is journaled with status ${check.status} and chargedRial ${check.chargedRial}`);

  const after = await snapshot(call, tenantId);
  const charged = entries.reduce((sum, e) => sum + e.chargedRial, 0);
  if (before.jibitRial - after.jibitRial !== charged) {
    throw new Error(`Jibit wallets went from ${before.jibitRial} to ${after.jibitRial} Rial, but the journal's chargedRial adds up to ${charged}`);
  }
  if (after.tehranDay === before.tehranDay) {
    const counted: Record<string, number> = {};
    for (const e of entries) if (e.chargedRial > 0 && e.endpoint) counted[e.endpoint] = (counted[e.endpoint] ?? 0) + 1;
    for (const endpoint of new Set([...Object.keys(counted), ...Object.keys(after.usedToday)])) {
      const used = (after.usedToday[endpoint] ?? 0) - (before.usedToday[endpoint] ?? 0);
      if (used !== (counted[endpoint] ?? 0)) throw new Error(`usage of ${endpoint} rose by ${used}, but the journal has ${counted[endpoint] ?? 0} charged calls`);
    }
  }
  const verified = entries
    .filter((e) => e.endpoint === 'payment-verify' && e.status === 200)
    .map((e) => e.responseBody as { status?: number; amount?: number })
    .filter((b) => b.status === 1)
    .reduce((sum, b) => sum + (b.amount ?? 0), 0);
  if (after.freepayRial - before.freepayRial !== verified) {
    throw new Error(`the Freepay balance went from ${before.freepayRial} to ${after.freepayRial} Rial, but verified payments add up to ${verified}`);
  }
}
