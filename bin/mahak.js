#!/usr/bin/env node
// The mahak command. The sources are TypeScript, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
// Output piped into a command that stops reading (mahak scenario list | head) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli } = await import('../src/cli/index.ts');
const code = await runCli(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
