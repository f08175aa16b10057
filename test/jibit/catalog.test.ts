// The server's copy of the Jibit catalog is the shared one, trimmed (scripts/sync-jibit-catalog.ts).
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { localCatalogPath, sharedCatalogPath, trimCatalog } from '../../scripts/sync-jibit-catalog.js';

test('src/providers/jibit/catalog.json is in sync with the shared catalog', () => {
  const local = JSON.parse(readFileSync(localCatalogPath, 'utf8'));
  expect(local.endpoints).toHaveLength(24);
  if (!existsSync(sharedCatalogPath)) return; // a clone without shared/ beside it checks the count only
  expect(local).toEqual(trimCatalog(JSON.parse(readFileSync(sharedCatalogPath, 'utf8'))));
});
