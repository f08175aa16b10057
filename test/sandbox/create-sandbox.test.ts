// createSandbox(): the package entry's in-process sandbox.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createSandbox } from '../../src/index.js';

test('fetch answers without a socket, and two sandboxes share nothing', async () => {
  const [a, b] = [createSandbox(), createSandbox()];
  const create = (s: typeof a) =>
    s.fetch(new Request('http://sandbox/_sandbox/tenants', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
  const tenant = (await (await create(a)).json()) as { id: string };
  expect((await b.fetch(new Request(`http://sandbox/_sandbox/tenants/${tenant.id}`))).status).toBe(404);
  expect((await a.fetch(new Request(`http://sandbox/_sandbox/tenants/${tenant.id}`))).status).toBe(200);
  await Promise.all([a.close(), b.close()]);
});

test('after listen() and close() nothing keeps the process alive', () => {
  const script = `
    import { createSandbox } from './src/index.ts';
    const s = createSandbox();
    const { jibitUrl } = await s.listen();
    const res = await fetch(jibitUrl + '/health');
    console.log(res.status);
    await s.close();
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    timeout: 20_000,
    encoding: 'utf8',
  });
  expect(run.signal).toBeNull(); // not killed by the timeout: it exited by itself
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('200');
});

test('the README shows the in-process example the suite runs', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('../examples/in-process.test.ts', import.meta.url), 'utf8')
    .replace("'../../src/index.js'; // in your project: from 'mahak'", "'mahak';");
  expect(readme).toContain(example.trim());
});
