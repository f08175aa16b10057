// npm run fuzz: the long property-based run over every route (test/fuzz has the properties; the
// short run is part of npm test). Runs rounds of every property until FUZZ_REQUESTS generated
// requests (default 20,000) were answered, keeps going past a failure, and prints the requests,
// each distinct failure with its shrunk counterexample and how to replay it, the seed and the time.
//   FUZZ_SEED=<n>                 the first round's seed (default: from the clock; printed)
//   FUZZ_REQUESTS=<n>             generated requests to send (default 20000)
//   FUZZ_PROPERTIES=jibit,socket  only these properties (default: all; ICE's are ice, ice-pages, ice-upload)
//   FUZZ_PROPERTY=<name> FUZZ_SEED=<n> FUZZ_PATH=<path>   replay one counterexample
import { availableParallelism } from 'node:os';
import fc from 'fast-check';
import { createTarget, property, propertyNames, type PropertyName } from '../test/fuzz/engine.js';
import { createIceTarget, iceProperty, icePropertyNames, type IcePropertyName } from '../test/fuzz/ice-engine.js';

type Name = PropertyName | IcePropertyName;

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const wanted = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const runsPerRound = 25;
const chosen: Name[] = process.env.FUZZ_PROPERTIES ? (process.env.FUZZ_PROPERTIES.split(',') as Name[]) : [...propertyNames, ...icePropertyNames];
const startedMs = performance.now();
const target = await createTarget();
// ICE's properties read the database to see that a refusal moves no money: an instance of their own.
const iceTarget = await createIceTarget();
const isIce = (name: Name): name is IcePropertyName => (icePropertyNames as Name[]).includes(name);
const answered = () => target.counts.fuzz + iceTarget.counts.fuzz;

interface Failure {
  property: Name;
  seed: number;
  path: string;
  message: string;
}

/** One failure per reason and route (per reason alone for what a whole run broke): numbers and credentials aside. */
const signature = (message: string) => {
  const [reason, context, request] = message.split('\n');
  const what = (reason ?? '').replace(/\d+/g, 'N');
  return context?.includes('after the requests') ? what : `${what} | ${request?.trim().replace(/"[^"]*"$/, '').replace(/\{\{\w+\}\}|\d+/g, 'X')}`;
};

async function check(name: Name, roundSeed: number, path?: string): Promise<Failure | undefined> {
  const details = await fc.check(isIce(name) ? iceProperty(iceTarget, name) : property(target, name), { seed: roundSeed, numRuns: runsPerRound, path, endOnFailure: true, interruptAfterTimeLimit: 120_000 });
  if (!details.failed) return undefined;
  const error = details.errorInstance as Error | null;
  return { property: name, seed: roundSeed, path: details.counterexamplePath ?? '', message: error?.message ?? String(details.errorInstance) };
}

const replayPath = process.env.FUZZ_PATH;
const failures = new Map<string, Failure & { times: number }>();
if (replayPath !== undefined) {
  const name = (process.env.FUZZ_PROPERTY ?? 'jibit') as Name;
  const failure = await check(name, seed, replayPath);
  if (failure) failures.set(signature(failure.message), { ...failure, times: 1 });
} else {
  for (let round = 0; answered() < wanted; round++) {
    for (const name of chosen) {
      const failure = await check(name, seed + round, undefined);
      if (!failure) continue;
      const known = failures.get(signature(failure.message));
      if (known) known.times++;
      else failures.set(signature(failure.message), { ...failure, times: 1 });
    }
    if (round % 10 === 9) console.log(`… ${answered()} requests, ${failures.size} distinct failures, ${Math.round((performance.now() - startedMs) / 1000)} s`);
  }
}
await target.close();
await iceTarget.close();

const seconds = (performance.now() - startedMs) / 1000;
const both = [target.counts, iceTarget.counts];
const [fuzz, refusedByClient, refusedByNode, setup] = (['fuzz', 'refusedByClient', 'refusedByNode', 'setup'] as const).map((k) => both.reduce((n, c) => n + c[k], 0));
const byKindAndStatus: Record<string, number> = {};
for (const c of both) for (const [k, n] of Object.entries(c.byKindAndStatus)) byKindAndStatus[k] = (byKindAndStatus[k] ?? 0) + n;
console.log(`\nfuzz ${new Date().toISOString().slice(0, 10)}: seed ${seed}, ${fuzz} generated requests answered by the app (${refusedByClient} refused by the client, ${refusedByNode} by Node's HTTP parser, ${setup} of set-up and checks)`);
console.log(`answers: ${Object.entries(byKindAndStatus).sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`${failures.size} distinct failures, ${seconds.toFixed(0)} s, ${availableParallelism()} cores, Node ${process.version}`);
for (const f of failures.values()) {
  console.log(`\n[${f.property}] seen in ${f.times} round(s); replay: FUZZ_PROPERTY=${f.property} FUZZ_SEED=${f.seed} FUZZ_PATH=${f.path} npm run fuzz`);
  console.log(f.message.replace(/^Property failed[\s\S]*?Got error: /, ''));
}
process.exitCode = failures.size > 0 ? 1 : 0;
