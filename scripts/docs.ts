// npm run docs: rewrites the generated sections of README.md and the generated files
// (the scenario JSON Schema and the Jibit error-code scenarios).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from './docs-sections.js';
import { generatedFiles } from './generated-files.js';

const root = new URL('../', import.meta.url);
const readme = new URL('README.md', root);
writeFileSync(readme, renderReadme(readFileSync(readme, 'utf8')));
for (const file of generatedFiles()) writeFileSync(new URL(file.path, root), file.content);
console.log(`README.md sections and ${generatedFiles().length} generated files updated`);
