// The README's first screen takes a newcomer from nothing to a successful call on each provider:
// the set-up commands, the base URLs and the quick calls within its first 60 lines, and the quick
// calls, run with bash and curl against a sandbox, print what the README shows.
import { afterAll, expect, test } from 'vitest';
import { createSandbox } from '../src/index.js';
import { fits, readme, runShell, shellBlock, shellCommands, shownBeside } from './readme-shell.js';

const sandbox = createSandbox();
afterAll(() => sandbox.close());

const firstScreen = readme().split('\n').slice(0, 60).join('\n');

test('the first 60 lines say what Mahak is, the two commands, the base URLs and the quick calls', () => {
  expect(firstScreen).toMatch(/^# Mahak\n\nMahak is a sandbox server/);
  expect(shellBlock('## Quick start', 0, firstScreen)).toBe('npm install && npm start     # serves on http://localhost:8787\nnpm test                     # the whole test suite\n');
  expect(firstScreen).toContain('npm install && npm start');
  expect(firstScreen).toContain('npm test');
  for (const url of ['/jibit/ide', '/freepay', '/ice', '/_sandbox', '/docs', '/openapi.json']) expect(firstScreen).toContain(`| \`http://localhost:8787${url}\` |`);
  const block = shellBlock('## Quick start', 1, firstScreen);
  expect(firstScreen).toContain(block); // the whole block, fences included, lies within the 60 lines
  expect(firstScreen.indexOf(block) + block.length + 3).toBeLessThanOrEqual(firstScreen.length);
});

test('the quick calls reach each provider and print what the README shows', async () => {
  const { port } = await sandbox.listen();
  const runs = await runShell(shellBlock('## Quick start', 1), port);
  expect(runs.map((r) => r.command.split('\n')[0]!.replace(/\s.*/, ''))).toEqual(['H=http://localhost:8787', 'field()', 'T=$(curl', 'curl', 'A=$(curl', 'echo', 'curl', 'curl', 'T=$(curl', 'curl']);
  const beside = shownBeside(runs);
  expect(beside).toEqual(beside.map((b) => ({ ...b, fits: true })));
  expect(beside.map((b) => JSON.parse(b.output.startsWith('{') ? b.output : '{}'))).toEqual([
    { number: '6037991234567893', cardInfo: { bank: 'MELLI', type: 'DEBIT', ownerName: 'علی محمدی', depositNumber: '1234567890123' } },
    {},
    { redirect: expect.stringMatching(/^http:\/\/localhost:3000\/callback\?authority=\d{14}&status=OK$/) },
    expect.objectContaining({ status: 1, amount: 150000, card_pan: '603799******0013' }),
    { balanceRial: 10_000_000, lowBalance: false, reportPriceRial: 100_000 },
  ]);
  expect(beside[1]!.output).toMatch(new RegExp(`^http://localhost:${port}/freepay/payment/gateway:\\d{14}$`));
}, 120_000);

test('a shown answer that is not what comes back does not fit', () => {
  expect(fits('{"a":1,…,"c":3}', '{"a":1,"b":2,"c":3}')).toBe(true);
  expect(fits('{"a":1,…,"c":3}', '{"a":1,"b":2,"c":4}')).toBe(false);
  expect(fits('{"a":"…","b":2}', '{"a":"x","b":3}')).toBe(false);
  expect(fits('{"a":1}', '{"a":1,"b":2}')).toBe(false);
  expect(fits('{"a":…}', '{"a":1}')).toBe(true);
  expect(fits('x…x', 'x')).toBe(false);
});

test('a shown answer is the comment right under a command; a comment after a blank line is not', () => {
  expect(shellCommands('# 1. first\ncurl a \\\n  -d b\n# {"x":1,\n#  "y":2}\n\n# 2. then\necho c\n')).toEqual([
    { command: 'curl a \\\n  -d b', shown: '{"x":1,"y":2}' },
    { command: 'echo c', shown: undefined },
  ]);
});
