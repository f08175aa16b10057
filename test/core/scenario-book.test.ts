// Scenarios across restarts of a file database: uploads are kept, a file that is gone is
// dropped, and a file of the folder wins over an upload of its name.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { control, json } from '../helpers.js';

const scenario = (name: string, description: string) => `name: ${name}\nprovider: jibit\ndescription: ${description}\n`;

it('keeps uploads, drops scenarios whose file is gone, and lets the folder win over an upload of its name', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mahak-book-'));
  const db = join(root, 'mahak.db');
  const folder = join(root, 'scenarios');
  mkdirSync(join(folder, 'jibit'), { recursive: true });
  writeFileSync(join(folder, 'jibit', 'from-file.yaml'), scenario('from-file', 'the file'));
  writeFileSync(join(folder, 'jibit', 'soon-gone.yaml'), scenario('soon-gone', 'a file removed later'));

  const first = createInstance({ db, worldSeed: 'test-world', scenariosDir: folder });
  const upload = (text: string) => first.app.request('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });
  expect((await upload(scenario('uploaded', 'an upload'))).status).toBe(201);
  expect((await upload(scenario('from-file', 'an upload over the file'))).status).toBe(200);
  first.close();

  rmSync(join(folder, 'jibit', 'soon-gone.yaml'));
  const again = createInstance({ db, worldSeed: 'test-world', scenariosDir: folder });
  const listed = (await json(await control(again, 'GET', '/scenarios'))) as { scenarios: { name: string; origin: string; description: string }[] };
  expect(listed.scenarios.map((s) => [s.name, s.origin, s.description])).toEqual([
    ['from-file', join('jibit', 'from-file.yaml'), 'the file'],
    ['uploaded', 'upload', 'an upload'],
  ]);
  again.close();

  // Without a folder, what was stored is what there is.
  const bare = createInstance({ db, worldSeed: 'test-world' });
  expect(((await json(await control(bare, 'GET', '/scenarios'))) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toEqual(['from-file', 'uploaded']);
  bare.close();
});
