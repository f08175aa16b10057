// A server in a child process on loopback, for the benchmarks: started with tsx, its port read
// from the start-up banner (the bare reference route prints the same phrase), stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ChildServer { url: string; child: ChildProcess }

/** `cwd`, when given, is another checkout to serve from (the benchmark's before-and-after runs). */
export async function startChild(script: string, env: Record<string, string>, cwd?: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    ...(cwd !== undefined ? { cwd } : {}),
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const port = /serving on http:\/\/localhost:(\d+)/.exec(output)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}`, child };
  }
  throw new Error(`${script} exited before serving:\n${output}`);
}

export async function stopChild(server: ChildServer): Promise<void> {
  server.child.kill('SIGTERM');
  await once(server.child, 'exit');
}
