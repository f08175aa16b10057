// npm run docs: rewrites the generated sections of README.md and of the reference pages in docs/,
// and the generated files (the scenario JSON Schema and the Jibit error-code scenarios).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderDocFiles } from './docs-sections.js';
import { generatedFiles } from './generated-files.js';

const root = new URL('../', import.meta.url);
const documents = renderDocFiles((path) => readFileSync(new URL(path, root), 'utf8'));
for (const file of [...documents, ...generatedFiles()]) writeFileSync(new URL(file.path, root), file.content);
console.log(`${documents.map((d) => d.path).join(', ')} and ${generatedFiles().length} generated files updated`);
