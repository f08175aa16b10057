// Tenants from before Freepay (no merchant key in their row) get one when the sandbox starts;
// the default tenant gets its documented key.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { getTenant } from '../../src/core/tenants.js';
import { control, json } from '../helpers.js';

it('gives a Freepay key to every tenant without one at start-up', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mahak-keys-')), 'mahak.db');
  const first = createInstance({ db: file, worldSeed: 'test-world' });
  const { id } = (await json(await control(first, 'POST', '/tenants'))) as { id: string };
  first.deps.db.$client.prepare('UPDATE tenants SET freepay_api_key = NULL').run();
  first.close();

  const again = createInstance({ db: file, worldSeed: 'test-world' });
  expect(getTenant(again.deps.db, 'ten_default')?.freepayApiKey).toBe('mahak-default-freepay-key');
  expect(getTenant(again.deps.db, id)?.freepayApiKey).toMatch(/^fpk_/);
  again.close();
});
