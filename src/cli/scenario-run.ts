// `mahak scenario run <name or file>`: runs the steps against a running sandbox (--url) or a
// fresh one of its own, printing each step as it ends.
import { runScenario, type StepResult } from '../core/scenarios/runner.js';
import { createSandbox } from '../index.js';
import { help } from './help.js';
import { parse, UsageError } from './usage.js';
import { controlToken, sandboxUrl } from './remote.js';
import { findScenario } from './scenario-find.js';
import type { Io } from './io.js';

const mark: Record<StepResult['outcome'], string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

export async function runCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parse(args, { url: { type: 'string' }, keep: { type: 'boolean' }, token: { type: 'string' }, dir: { type: 'string' } }, true);
  if (values.help) return io.out(help.run), 0;
  if (positionals.length !== 1) throw new UsageError('scenario run needs exactly one scenario: its name or its file');
  const url = values.url === undefined ? undefined : sandboxUrl(values.url, '--url');
  const token = controlToken(values.token, env);
  const found = await findScenario(positionals[0]!, { url, token, dir: values.dir }, io, env);
  if ('exitCode' in found) return found.exitCode;
  const { scenario, source } = found;
  // Its own sandbox listens too, so a step's webhook to the tenant's inbox crosses a socket.
  const inProcess = url === undefined ? createSandbox({ scenarios: false }) : undefined;
  io.out(`${scenario.name}: ${scenario.steps.length} steps against ${url ?? 'an in-process sandbox'}`);
  try {
    const baseUrl = url ?? (await inProcess!.listen(0)).url;
    const result = await runScenario(scenario, {
      baseUrl,
      ...(inProcess ? { fetch: (at: string, init: RequestInit) => inProcess.fetch(new Request(at, init)) } : {}),
      ...(!inProcess && token !== undefined ? { controlToken: token } : {}),
      source,
      keepTenant: values.keep === true,
      onStep: (step) => {
        io.out(`${mark[step.outcome]}  ${step.name}${step.outcome === 'skipped' ? '' : ` (${step.ms} ms)`}`);
        for (const problem of step.problems) io.out(`        ${problem}`);
      },
    });
    if (result.setupProblem) {
      io.out(`FAIL  ${result.setupProblem}`);
      return 1;
    }
    const passed = result.steps.filter((s) => s.outcome === 'passed').length;
    io.out(`${result.ok ? 'passed' : 'failed'}: ${passed} of ${result.steps.length} steps${values.keep && result.tenantId ? `; tenant ${result.tenantId} kept` : ''}`);
    return result.ok ? 0 : 1;
  } finally {
    await inProcess?.close();
  }
}
