// The README's ICE API onboarding, pasted into bash against a sandbox on a free port: the five
// steps on a tenant of its own, the credentials, an API token and the reports read with it from
// 127.0.0.1, each printing what the README shows.
import { afterAll, expect, test } from 'vitest';
import { createSandbox } from '../../src/index.js';
import { runShell, shellBlock, shownBeside } from '../readme-shell.js';

const sandbox = createSandbox();
afterAll(() => sandbox.close());

test("the README's API onboarding goes live and reads the reports with an API token, printing what it shows", async () => {
  const { port } = await sandbox.listen();
  const beside = shownBeside(await runShell(shellBlock('## ICE API onboarding'), port));
  expect(beside.map((b) => /\$[BH]\/[^\s"]+/.exec(b.command)![0])).toEqual([
    '$B/api-access/company',
    '$B/api-access/contracts/nda',
    '$B/api-access/contracts/nda/accept',
    '$B/api-access/contracts/api-firm/accept',
    '$B/api-access/invoice/payments',
    '$H/_sandbox/tenants/$ID/ice/charges/$(echo',
    '$B/api-access/documents',
    '$B/api-access/live',
    '$H/_sandbox/tenants/$ID/clock',
    '$B/api-access/credentials',
    '$B/api-token',
    '$B/reports',
  ]);
  expect(beside).toEqual(beside.map((b) => ({ ...b, fits: true })));
  expect(JSON.parse(beside.at(-1)!.output)).toEqual({ items: [], total: 0, page: 1, size: 10, pages: 0, tabs: { pending: 0, viewable: 0, rejected: 0, archived: 0 } });
}, 120_000);
