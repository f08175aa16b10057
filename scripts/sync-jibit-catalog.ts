// Copies what the server needs from the Jibit catalog (../shared/spec/jibit-catalog.json)
// into src/providers/jibit/catalog.json: endpoints, parameters, documented errors and the
// documented shape of each success answer.
// Run it after the shared catalog changes: `npx tsx scripts/sync-jibit-catalog.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface SourceParam { name: string; type: string; required?: boolean; value?: unknown; descriptionEn?: string }
interface SourceError { code: string; messageFa: string; messageEn: string; normalizedCode?: string }
interface SourceEndpoint {
  id: string; titleFa: string; titleEn: string; method: string; path: string; purpose: string;
  query?: SourceParam[]; body?: SourceParam[]; errors: SourceError[]; response?: unknown;
}

export function trimCatalog(source: { endpoints: SourceEndpoint[] }) {
  const param = (p: SourceParam) => ({
    name: p.name,
    type: p.type,
    required: p.required ?? false,
    ...(p.value !== undefined ? { value: p.value } : {}),
    description: p.descriptionEn ?? '',
  });
  return {
    source: 'shared/spec/jibit-catalog.json',
    endpoints: source.endpoints.map((e) => ({
      id: e.id,
      titleFa: e.titleFa,
      titleEn: e.titleEn,
      method: e.method,
      path: e.path,
      purpose: e.purpose,
      query: (e.query ?? []).map(param),
      body: (e.body ?? []).map(param),
      errors: e.errors.map((er) => ({
        code: er.code,
        messageFa: er.messageFa,
        messageEn: er.messageEn,
        ...(er.normalizedCode ? { normalizedCode: er.normalizedCode } : {}),
      })),
      response: e.response ?? {},
    })),
  };
}

export const sharedCatalogPath = resolve(import.meta.dirname, '../../shared/spec/jibit-catalog.json');
export const localCatalogPath = resolve(import.meta.dirname, '../src/providers/jibit/catalog.json');

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const source = JSON.parse(readFileSync(sharedCatalogPath, 'utf8'));
  writeFileSync(localCatalogPath, JSON.stringify(trimCatalog(source), null, 2) + '\n');
  console.log(`wrote ${localCatalogPath}`);
}
