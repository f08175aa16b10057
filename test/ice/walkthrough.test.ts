// The README's ICE walk-through, run as written: each curl line is sent in process to a fresh
// sandbox, each shown answer must be what comes back (`…` standing for what differs from run to
// run), and the answers are then checked whole on a pinned clock, so the walk-through cannot rot.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createInstance, type Instance } from '../../src/instance.js';
import { readyBusinessId } from '../../src/providers/ice/tenancy.js';
import { shownTime } from '../../src/providers/ice/time.js';
import { createSandbox } from '../../src/index.js';
import { fits, runShell, shellBlock, shellCommands, shownBeside } from '../readme-shell.js';

interface Call {
  curl: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The answer the README shows, its continuation lines joined; undefined when it shows none. */
  shown: string | undefined;
  /** `T=$(curl … | field accessToken)`: a shell variable taken from this call's answer. */
  saves: { name: string; field: string }[];
}

interface WalkThrough {
  variables: Record<string, string>;
  calls: Call[];
}

function readmeBlock(): string {
  return shellBlock('### ICE walk-through');
}

/** A command line's words, as sh splits them: quotes kept together, $NAME expanded outside single quotes. */
function words(line: string, variables: Record<string, string>): string[] {
  const out: string[] = [];
  const expand = (text: string) => text.replace(/\$(\w+)/g, (_, name: string) => variables[name] ?? `$${name}`);
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.matchAll(pattern)) out.push(m[1] ?? expand(m[2] ?? m[3]!));
  return out;
}

/**
 * The walk-through's variables (H=…, B=$H/…) and calls, with the answer each shows and the values it
 * keeps: `T=$(curl … | field accessToken)` keeps a field of that call's answer, `R=$(curl …); echo "$R"`
 * prints it, and `TC=$(echo "$R" | field trackingCode)` keeps a field of the call before.
 */
function parseWalkThrough(): WalkThrough {
  const variables: Record<string, string> = {};
  const calls: Call[] = [];
  const expand = (text: string) => text.replace(/\$(\w+)/g, (_, name: string) => variables[name] ?? `$${name}`);
  for (const { command, shown } of shellCommands(readmeBlock())) {
    const line = command.replace(/\s*\\\n\s*/g, ' ');
    if (line.startsWith('field() ')) continue;
    const kept = /^(\w+)=\$\(echo "\$R" \| field (\w+)\)$/.exec(line);
    if (kept) {
      calls.at(-1)!.saves.push({ name: kept[1]!, field: kept[2]! });
      continue;
    }
    const call = /^(?:(\w+)=\$\()?(curl .*?)(?: \| field (\w+)\)|\); echo "\$R")?$/.exec(line);
    if (call) {
      const [, name, curl, field] = call;
      calls.push({ curl: curl!, ...curlRequest(curl!, variables), shown, saves: field ? [{ name: name!, field }] : [] });
      continue;
    }
    const assignment = /^(\w+)=(\S+)$/.exec(line);
    if (!assignment) throw new Error(`the walk-through has a line this test does not know: ${line}`);
    variables[assignment[1]!] = expand(assignment[2]!);
  }
  return { variables, calls };
}

function curlRequest(line: string, variables: Record<string, string>): Pick<Call, 'method' | 'url' | 'headers' | 'body'> {
  const args = words(line, variables).slice(1);
  let method: string | undefined;
  let url = '';
  let body: string | undefined;
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-s') continue;
    else if (arg === '-X') method = args[++i];
    else if (arg === '-d') body = args[++i];
    else if (arg === '-H') {
      const header = args[++i]!;
      const colon = header.indexOf(':');
      headers[header.slice(0, colon)] = header.slice(colon + 1).trim();
    } else if (arg.startsWith('-')) throw new Error(`the walk-through uses a curl option this test does not know: ${arg}`);
    else url = arg;
  }
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), url, headers, body };
}

/** 2026-11-30 10:00 in Tehran, a Monday (1405/09/09). */
const startMs = Date.parse('2026-11-30T10:00:00+03:30');
const hour = 3_600_000;

/** Runs the walk-through's calls in order on a fresh sandbox: each answer's status and body. */
async function run(instance: Instance, walk: WalkThrough) {
  const shell = { ...walk.variables };
  const answers: { status: number; text: string; body: Record<string, unknown> }[] = [];
  for (const call of walk.calls) {
    const { url, headers, body, method } = curlRequest(call.curl, shell);
    const res = await instance.app.request(url, { method, headers, body });
    const text = await res.text();
    const answer = { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> };
    answers.push(answer);
    for (const { name, field } of call.saves) shell[name] = String(answer.body[field]);
  }
  return answers;
}

const pinned = () => createInstance({ db: ':memory:', worldSeed: 'mahak', wall: manualClock(startMs) });

describe("the README's ICE walk-through", () => {
  const walk = parseWalkThrough();

  it('is read as seven calls, each showing its answer, against the documented base URL', () => {
    expect(walk.variables).toEqual({ H: 'http://localhost:8787', B: 'http://localhost:8787/ice/api/v1' });
    expect(walk.calls.map((c) => `${c.method} ${c.url.replace(walk.variables.B!, '$B')}`)).toEqual([
      'POST $B/auth/login',
      'GET $B/wallet',
      'POST $B/reports',
      'GET $B/reports/$TC',
      'GET $B/reports/$TC/credit-report',
      'GET $B/wallet/transactions',
      'GET $B/wallet',
    ]);
    expect(walk.calls.map((c) => c.shown !== undefined)).toEqual([false, true, true, true, true, true, true]);
    expect(walk.calls.flatMap((c) => c.saves)).toEqual([
      { name: 'T', field: 'accessToken' },
      { name: 'TC', field: 'trackingCode' },
    ]);
  });

  it('answers what the README shows, call by call', async () => {
    const instance = pinned();
    try {
      const answers = await run(instance, walk);
      walk.calls.forEach((call, i) => {
        if (call.shown === undefined) return;
        const { status, text } = answers[i]!;
        expect({ call: call.curl, status, fits: fits(call.shown!, text), text }).toEqual({ call: call.curl, status: i === 6 ? 503 : i === 2 ? 201 : 200, fits: true, text });
      });
    } finally {
      instance.close();
    }
  });

  it('answers in whole as the README describes them, on the clock it was run', async () => {
    const instance = pinned();
    try {
      const [login, wallet, created, viewable, report, ledger, outage] = await run(instance, walk);
      expect(login!.body).toEqual({ businessId: readyBusinessId('ten_default'), accessToken: expect.stringMatching(/^eyJhbGciOiJIUzI1NiIs[\w-]*\.[\w-]+\.[\w-]+$/), expiresInSeconds: 43200 });
      expect(wallet!.body).toEqual({ balanceRial: 10_000_000, lowBalance: false, reportPriceRial: 100_000 });

      const trackingCode = created!.body.trackingCode as string;
      expect(trackingCode).toMatch(/^\d{10}$/);
      const request = {
        trackingCode,
        state: 'pending',
        stateLabel: 'در انتظار تأیید',
        personType: 'natural',
        nationalCode: '0020000014',
        nationalId: null,
        mobile: '09120000001',
        payer: 'credit',
        payerLabel: 'پرداخت از اعتبار',
        price: { reportRial: 91_750, vatRial: 8_250, totalRial: 100_000 },
        sms: 'sent',
        businessName: 'شرکت نمونه ماهک',
        requestedAt: shownTime(startMs),
        consentExpiresAt: shownTime(startMs + 24 * hour),
        approvedAt: null,
        viewableUntil: null,
        rejectedAt: null,
        expiredAt: null,
        archivedAt: null,
        refundedAt: null,
      };
      expect(created!.body).toEqual(request);
      expect(viewable!.body).toEqual({ ...request, state: 'viewable', stateLabel: 'قابل مشاهده', approvedAt: shownTime(startMs), viewableUntil: shownTime(startMs + 24 * hour) });

      expect(Object.keys(report!.body)).toEqual(['trackingCode', 'viewableUntil', 'report']);
      expect(report!.body.trackingCode).toBe(trackingCode);
      expect(report!.body.viewableUntil).toEqual(shownTime(startMs + 24 * hour));
      expect(report!.body.report).toMatchObject({ personType: 'natural', issuedAt: shownTime(startMs).at, rank: 'A1', score: 870, rankDescription: 'عالی', noRankReason: null });
      expect((report!.body.report as { person: { nationalCode: string } }).person.nationalCode).toBe('0020000014');

      const at = shownTime(startMs);
      expect(ledger!.body).toEqual({
        page: 1,
        size: 10,
        total: 2,
        pages: 1,
        capped: false,
        transactions: [
          { row: 1, description: `تسویه با آیس بابت گزارش با کد رهگیری ${trackingCode}`, ...at, amountRial: 100_000, direction: 'debit', directionSymbol: '▼', balanceAfterRial: 9_900_000, kind: 'report', trackingCode },
          { row: 2, description: 'موجودی اولیه حساب آزمایشی', ...at, amountRial: 10_000_000, direction: 'credit', directionSymbol: '▲', balanceAfterRial: 10_000_000, kind: 'opening' },
        ],
      });
      expect(outage!.body).toEqual({ code: 'serviceUnavailable', message: 'سرویس موقتاً در دسترس نیست' });
    } finally {
      instance.close();
    }
  });

  it('prints what the README shows when pasted into bash, against a sandbox on a free port', async () => {
    const sandbox = createSandbox();
    try {
      const runs = await runShell(readmeBlock(), (await sandbox.listen()).port);
      const beside = shownBeside(runs);
      expect(beside).toHaveLength(6);
      expect(beside).toEqual(beside.map((b) => ({ ...b, fits: true })));
    } finally {
      await sandbox.close();
    }
  }, 120_000);

  it('fails a shown answer that is not what comes back', () => {
    expect(fits('{"a":1,…,"c":3}', '{"a":1,"b":2,"c":3}')).toBe(true);
    expect(fits('{"a":1,…,"c":3}', '{"a":1,"b":2,"c":4}')).toBe(false);
    expect(fits('{"a":"…","b":2}', '{"a":"x","b":3}')).toBe(false);
    expect(fits('{"a":1}', '{"a":1,"b":2}')).toBe(false);
    expect(fits('{"a":…}', '{"a":1}')).toBe(true);
  });
});
