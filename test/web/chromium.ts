// The browser tests' chromium: Debian's, driven by playwright-core. Without it a developer's run
// says in its output why the browser tests did not run; in CI (CI=true) a missing chromium fails.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe, it } from 'vitest';

/** Debian's path; CHROMIUM_PATH names another (the skip's own test points it nowhere). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export const chromiumMissing = existsSync(chromiumPath) ? undefined : `chromium not found at ${chromiumPath} (install Debian's chromium package: apt-get install chromium)`;

/**
 * `describe` for a browser suite. Without chromium: outside CI one skipped test whose name gives
 * the reason (and a warning in the output); in CI one failing test with the same reason.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (chromiumMissing === undefined) {
    describe(name, suite);
    return;
  }
  describe(name, () => {
    if (process.env.CI) {
      it(`needs chromium: ${chromiumMissing}`, () => {
        throw new Error(`the browser tests must run in CI: ${chromiumMissing}`);
      });
      return;
    }
    console.warn(`${name}: skipped, ${chromiumMissing}`);
    it.skip(`skipped: ${chromiumMissing}`, () => {});
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
