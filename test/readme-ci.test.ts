// The README's "Use it in CI": the background start and its wait for health, run with bash against
// the `mahak` command, bring up a server that answers; the GitHub Actions example is valid YAML
// whose start step is that same block.
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { readme, runShell, shellBlock } from './readme-shell.js';

const freePort = () =>
  new Promise<number>((found) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => found(port));
    });
  });

test('the background start waits until the server answers, then the server is up', async () => {
  const block = shellBlock('### Start it in the background');
  expect(block.split('\n')[0]).toBe('npx mahak serve --db :memory: > mahak.log 2>&1 &');
  const port = await freePort();
  const root = new URL('..', import.meta.url).pathname;
  // The command from the sources (`npx mahak` is the build's), on a free port, its log in a scratch
  // file; loading the sources through tsx on a busy machine may take longer than the thirty seconds.
  const log = join(tmpdir(), `mahak-readme-ci-${port}.log`);
  const here = block
    .replace('npx mahak serve', `"${process.execPath}" --import tsx ${root}src/cli/bin.ts serve --port ${port}`)
    .replace('seq 150', 'seq 600')
    .replaceAll('mahak.log', log);
  const runs = await runShell(`trap 'kill $(jobs -p) 2>/dev/null' EXIT\n${here}curl -s http://localhost:8787/health\n`, port);
  rmSync(log, { force: true });
  expect(JSON.parse(runs.at(-1)!.output)).toEqual({
    status: 'ok',
    writer: { pending: { meter: 0, journal: 0 }, dropped: { meter: 0, journal: 0 }, failingSince: null, lastError: null },
  });
}, 120_000);

test('the GitHub Actions example is a workflow whose start step is the block above', () => {
  const text = readme();
  const from = text.indexOf('\n### GitHub Actions\n');
  expect(from).toBeGreaterThan(0);
  const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(text.slice(from))![1]!) as { on: string[]; jobs: { test: { steps: Record<string, unknown>[] } } };
  expect(workflow.on).toEqual(['push', 'pull_request']);
  const steps = workflow.jobs.test.steps;
  expect(steps.map((s) => s.uses ?? s.name ?? s.run)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'Start Mahak', 'npm test', 'cat mahak.log']);
  expect(steps[1]!.with).toEqual({ 'node-version': 20, cache: 'npm' });
  expect(steps[3]!.run).toBe(shellBlock('### Start it in the background'));
  expect(steps[5]!.if).toBe('failure()');
});
