// `mahak tenant create`: a tenant on a running sandbox, printed as JSON.
import { help } from './help.js';
import { parse } from './usage.js';
import { controlHeaders, reach, sandboxUrl } from './remote.js';
import type { Io } from './io.js';

export async function tenantCreateCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, { url: { type: 'string' }, name: { type: 'string' }, token: { type: 'string' } });
  if (values.help) return io.out(help.create), 0;
  const base = values.url !== undefined ? sandboxUrl(values.url, '--url') : sandboxUrl(env.MAHAK_URL || 'http://localhost:8787', 'MAHAK_URL');
  const res = await reach(`${base}/_sandbox/tenants`, io, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...controlHeaders(values.token, env) },
    body: JSON.stringify(values.name !== undefined ? { name: values.name } : {}),
  });
  if (!res) return 1;
  io.out(JSON.stringify(await res.json(), null, 2));
  return 0;
}
