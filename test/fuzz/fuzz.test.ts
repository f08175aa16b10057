// Property-based fuzzing of every route (a short run; `npm run fuzz` is the long one). The
// seed is fixed so that a failure repeats: FUZZ_SEED=<n> overrides it, FUZZ_RUNS the runs.
import { afterAll, beforeAll, describe, test } from 'vitest';
import fc from 'fast-check';
import { createTarget, property, propertyNames, type Target } from './engine.js';

const seed = Number(process.env.FUZZ_SEED ?? 20_250_321);
const runs = Number(process.env.FUZZ_RUNS ?? 12);

let target: Target;
beforeAll(async () => {
  target = await createTarget();
  console.log(`fuzz seed ${seed} (FUZZ_SEED=${seed} repeats this run), ${runs} runs a property`);
});
afterAll(async () => {
  const { fuzz, refusedByClient, refusedByNode, setup } = target.counts;
  console.log(`fuzz requests: ${fuzz} answered by the app, ${refusedByClient} refused by the client, ${refusedByNode} by Node's HTTP parser, ${setup} of set-up and checks`);
  await target.close();
});

describe('every route keeps its invariants under generated requests', () => {
  test.each(propertyNames)('%s', async (name) => {
    await fc.assert(property(target, name), { seed, numRuns: runs, endOnFailure: true });
  });
});
