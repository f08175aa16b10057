// The README's Jibit walk-through, run with bash and curl as a reader pastes it, against a sandbox
// on a free port: every answer it shows comes back, the daily report of the tenant's own Tehran
// day included, and the money and usage it shows are the tenant's.
import { afterAll, expect, test } from 'vitest';
import { createSandbox } from '../../src/index.js';
import { runShell, shellBlock, shownBeside } from '../readme-shell.js';

const sandbox = createSandbox();
afterAll(() => sandbox.close());

test("the README's Jibit walk-through prints what it shows, on a tenant of its own", async () => {
  const { port } = await sandbox.listen();
  const runs = await runShell(shellBlock('### Jibit walk-through'), port);
  const beside = shownBeside(runs);
  expect(beside.map((b) => b.command.replace(/\s+\\\n\s*/g, ' ').replace(/ -H "Authorization: Bearer \$T".*$/, ''))).toEqual([
    'curl -s "$B/v1/cards?number=6037991234567893"',
    'curl -s "$B/v1/cards?number=6037991234567893&iban=true"',
    'curl -s "$B/v1/services/matching?cardNumber=6037991234567893&nationalCode=0123456789&birthDate=13600331"',
    'curl -s "$B/v1/cards?number=6104330000000052"',
    'curl -s "$B/v1/balances"',
    'curl -s "$B/v1/reports/daily?yearMonthDay=$DAY"',
    'curl -s "$B/v1/cards?number=6037991234567893"',
  ]);
  expect(beside).toEqual(beside.map((b) => ({ ...b, fits: true })));
  // The shown answers have no `…`: each is the whole answer.
  expect(beside.filter((b) => b.shown!.includes('…'))).toEqual([]);
  // The default tenant was not touched: the walk-through made its own.
  const tenants = await (await fetch(`http://127.0.0.1:${port}/_sandbox/tenants/ten_default`)).json();
  expect(tenants.jibit.usedToday).toEqual({});
}, 120_000);

test("the daily report's day is the tenant clock's Jalali day in Tehran, not the machine's", async () => {
  const { port } = await sandbox.listen();
  const block = shellBlock('### Jibit walk-through');
  // The tenant's clock set, before its token, to 2027-01-01 20:45 UTC: already 1405/10/12 00:15 in Tehran.
  const moved = block.replace(
    /^(TENANT=.*)$/m,
    `$1\ncurl -s -X POST $H/_sandbox/tenants/$(echo "$TENANT" | field id)/clock -H 'Content-Type: application/json' -d '{"set":"2027-01-01T20:45:00Z"}' > /dev/null`,
  );
  const withDay = moved.replace(/^(DAY=.*)$/m, '$1\necho "$DAY"');
  const runs = await runShell(withDay, port);
  expect(runs.find((r) => r.command === 'echo "$DAY"')!.output).toBe('051012');
  const shown = shownBeside(runs);
  expect(shown).toEqual(shown.map((b) => ({ ...b, fits: true })));
}, 120_000);
