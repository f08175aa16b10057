// A browser suite without chromium: on a developer's machine it is skipped with the reason in the
// output; in CI it fails, saying why. Runs vitest on a one-test suite with chromium pointed nowhere.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const missing = "chromium not found at /nowhere/chromium (install Debian's chromium package: apt-get install chromium)";

function runSuite(ci: boolean) {
  const env = { ...process.env, CHROMIUM_PATH: '/nowhere/chromium', CI: ci ? 'true' : '', NO_COLOR: '1', FORCE_COLOR: '0' };
  const run = spawnSync('npx', ['vitest', 'run', '--reporter=verbose', 'test/web/fixtures/browser-suite.test.ts'], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('a browser suite with chromium missing', () => {
  it('outside CI: skipped, its test named after the reason, a warning in the output', () => {
    const { status, output } = runSuite(false);
    expect(status).toBe(0);
    expect(output).toContain(`a browser suite > skipped: ${missing}`);
    expect(output).toContain(`a browser suite: skipped, ${missing}`);
    expect(output).toMatch(/Tests\s+1 skipped \(1\)/);
  }, 60_000);

  it('in CI: fails, saying why', () => {
    const { status, output } = runSuite(true);
    expect(status).toBe(1);
    expect(output).toContain(`a browser suite > needs chromium: ${missing}`);
    expect(output).toContain(`Error: the browser tests must run in CI: ${missing}`);
    expect(output).toMatch(/Tests\s+1 failed \(1\)/);
  }, 60_000);
});
