// Process entry of `npm start`: the same as `mahak serve`, options from the environment.
import { runCli } from './cli/index.js';

const code = await runCli(['serve', ...process.argv.slice(2)]);
if (code !== 0) process.exit(code);
