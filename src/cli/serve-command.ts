// `mahak serve`: flags in the place of the environment variables, each checked and named in
// words before anything opens; then serve.ts starts the server.
import { readEnv } from '../env.js';
import { startServer } from './serve.js';
import { adminTokenProblem, emptyFlag, portProblem } from './failures.js';
import { help } from './help.js';
import { parse, UsageError } from './usage.js';
import type { Io } from './io.js';

export async function serveCommand(args: string[], io: Io, source: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'admin-token': { type: 'string' },
    db: { type: 'string' },
    scenarios: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.help) return io.out(help.serve), 0;
  // A flag is named as the flag, in words: the variable it stands for is not what was typed.
  const badFlag =
    emptyFlag(values) ??
    (values.port !== undefined ? portProblem('--port', values.port) : portProblem('PORT', source.PORT)) ??
    adminTokenProblem(values['admin-token']);
  if (badFlag) throw new UsageError(badFlag);
  let env;
  try {
    env = readEnv({
      ...source,
      ...(values.port !== undefined ? { PORT: values.port } : {}),
      ...(values.host !== undefined ? { HOST: values.host } : {}),
      ...(values['admin-token'] !== undefined ? { MAHAK_ADMIN_TOKEN: values['admin-token'] } : {}),
      ...(values.db !== undefined ? { MAHAK_DB: values.db } : {}),
      ...(values.scenarios !== undefined ? { MAHAK_SCENARIOS: values.scenarios } : {}),
      ...(values.seed !== undefined ? { MAHAK_WORLD_SEED: values.seed } : {}),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const started = await startServer(
    {
      port: env.PORT,
      host: env.HOST,
      db: env.MAHAK_DB,
      ...(env.MAHAK_SCENARIOS !== undefined ? { scenarios: env.MAHAK_SCENARIOS, scenariosFrom: values.scenarios !== undefined ? '--scenarios' : 'MAHAK_SCENARIOS' } : {}),
      worldSeed: env.MAHAK_WORLD_SEED,
      trustProxy: env.MAHAK_TRUST_PROXY,
      journalLimit: env.MAHAK_JOURNAL_LIMIT,
      ...(env.MAHAK_ADMIN_TOKEN !== undefined ? { adminToken: env.MAHAK_ADMIN_TOKEN } : {}),
    },
    io,
  );
  if ('exitCode' in started) return started.exitCode;
  const shutdown = () => void started.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return 0;
}
