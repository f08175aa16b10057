// Faker is loaded on first use: a sandbox started on an existing database answers stored
// records without it, and loads it for the first record it has to generate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mahak-lazy-faker-'));
const db = join(dir, 'mahak.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The instance and world modules as a fresh process has them: nothing loaded yet. */
async function freshModules() {
  vi.resetModules();
  const { createInstance } = await import('../../src/instance.js');
  const { fakerLoaded } = await import('../../src/core/world/random.js');
  const helpers = await import('../helpers.js');
  return { createInstance, fakerLoaded, ...helpers };
}

test('a start on an existing database loads no faker until a record must be generated', async () => {
  const first = await freshModules();
  first.createInstance({ db, worldSeed: 'lazy' }).close();
  expect(first.fakerLoaded()).toBe(true); // seeding a new file generates the world

  const { createInstance, fakerLoaded, signedIn, jibit } = await freshModules();
  const instance = createInstance({ db, worldSeed: 'lazy', scenariosDir: join(import.meta.dirname, '../../scenarios') });
  try {
    const health = await instance.app.request('/jibit/ide/health');
    expect(health.status).toBe(200);
    const s = await signedIn(instance);
    // A fixture card (fixtures/world.json) is stored: answered from the database.
    const stored = await jibit(instance, '/v1/cards', { query: { number: '6037991234567893' }, token: s.token });
    expect(stored.status).toBe(200);
    expect(fakerLoaded()).toBe(false);

    // A valid card the world does not store is generated, which loads faker there and then.
    const generated = await jibit(instance, '/v1/cards', { query: { number: '6219861034529007' }, token: s.token });
    expect(generated.status).toBe(200);
    expect(fakerLoaded()).toBe(true);
  } finally {
    instance.close();
  }
});
