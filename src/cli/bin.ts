#!/usr/bin/env node
// The mahak command's process entry, run by plain node from the build (bundled into dist/bundle/mahak.mjs).
import { runCli } from './index.js';

// Output piped into a command that stops reading (mahak scenario list | head) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const code = await runCli(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
