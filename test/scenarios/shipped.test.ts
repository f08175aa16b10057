// Every scenario that comes with Mahak runs its own steps: a scenario that stops being true
// fails the suite. One in-process sandbox for the whole folder; each run has a tenant of its own.
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/index.js';
import { readScenarioFile, scenarioFiles } from '../../src/scenario-format.js';
import { runScenario } from '../../src/core/scenarios/runner.js';
import { shippedScenariosDir } from '../../src/instance.js';

const sandbox = createSandbox();
// Served on a real port too: a scenario that points a webhook endpoint at the tenant's inbox gets
// its deliveries over a socket, while the steps themselves are answered in process.
const { url: baseUrl } = await sandbox.listen(0);
afterAll(() => sandbox.close());

const files = scenarioFiles(shippedScenariosDir);

describe('shipped scenarios', () => {
  it.each(files.map((path) => [path.slice(shippedScenariosDir.length + 1), path]))('%s: every step holds', async (_, path) => {
    const { scenario, source } = readScenarioFile(path, shippedScenariosDir);
    const result = await runScenario(scenario, {
      baseUrl,
      fetch: (url, init) => sandbox.fetch(new Request(url, init)),
      source,
    });
    const failures = result.steps.filter((s) => s.outcome !== 'passed').map((s) => `${s.outcome}: ${s.name}: ${s.problems.join('; ')}`);
    expect({ setupProblem: result.setupProblem, failures }).toEqual({ setupProblem: undefined, failures: [] });
    expect(result.steps.length).toBe(scenario.steps.length);
    expect(result.ok).toBe(true);
  });
});
