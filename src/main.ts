// Process entry: read the environment, open the database, seed the world, serve.
import { serve } from '@hono/node-server';
import { readEnv } from './env.js';
import { createInstance } from './instance.js';
import { defaultTenant } from './sandbox/tenant-config.js';
import { jibitBasePath } from './providers/jibit/index.js';

const env = readEnv();
const startedAt = performance.now();
const instance = createInstance({
  db: env.MAHAK_DB,
  worldSeed: env.MAHAK_WORLD_SEED,
  trustProxy: env.MAHAK_TRUST_PROXY,
  journalLimit: env.MAHAK_JOURNAL_LIMIT,
});

const server = serve({ fetch: instance.app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = `http://localhost:${info.port}`;
  console.log(
    [
      `Mahak is serving on ${base} (database ${env.MAHAK_DB}, ready in ${Math.round(performance.now() - startedAt)} ms)`,
      `  Jibit inquiry API:  ${base}${jibitBasePath}   (instead of https://napi.jibit.ir/ide)`,
      `  Control API:        ${base}/_sandbox`,
      `  OpenAPI document:   ${base}/openapi.json`,
      `  Default tenant:     apiKey=${defaultTenant.apiKey} secretKey=${defaultTenant.secretKey}`,
      `  Try: curl -s -X POST ${base}${jibitBasePath}/v1/tokens/generate -H 'Content-Type: application/json' \\`,
      `         -d '{"apiKey":"${defaultTenant.apiKey}","secretKey":"${defaultTenant.secretKey}"}'`,
    ].join('\n'),
  );
});

function shutdown() {
  server.close(() => {
    instance.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
