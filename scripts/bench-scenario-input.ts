// npx tsx scripts/bench-scenario-input.ts: what hostile scenario input costs the server. Match
// time of regexes that backtrack exponentially in JavaScript (RE2 here, so it should grow with
// the text's length only), and the time to refuse nasty uploads next to a large honest one.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compilePattern } from '../src/core/pattern.js';
import { createInstance } from '../src/instance.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeMs(run: () => unknown, rounds = 5): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function timeAsyncMs(run: () => Promise<unknown>, rounds = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

const fixed = (ms: number) => ms.toFixed(3).padStart(10);

console.log('pattern        compile ms   40 chars   1k chars  10k chars 100k chars (ms, no match)');
for (const [source, unit, tail] of [['(a|a)*b', 'a', ''], ['(a|aa)+$', 'a', '!'], ['^(a|a?)+$', 'a', '!'], ['(\\d|\\d)*x', '1', ''], ['^(a+)+$', 'a', '!']] as const) {
  const compileMs = timeMs(() => compilePattern(source));
  const pattern = compilePattern(source);
  const at = (n: number) => timeMs(() => pattern.test(unit.repeat(n) + tail));
  console.log(`${source.padEnd(12)} ${fixed(compileMs)} ${fixed(at(40))} ${fixed(at(1_000))} ${fixed(at(10_000))} ${fixed(at(100_000))}`);
}

const instance = createInstance({ db: ':memory:', worldSeed: 'bench' });
const upload = (text: string) => instance.app.request('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });
const head = 'name: bench\nprovider: jibit\ndescription: d\n';
const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
  .concat(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
  .join('\n');
const honest = readFileSync(new URL('../scenarios/jibit/charge-only-on-success.yaml', import.meta.url), 'utf8');
const steps = honest.slice(honest.indexOf('steps:') + 'steps:\n'.length);
const honestOf = (chars: number) => honest.replace(/^name: .*$/m, 'name: bench') + steps.repeat(Math.floor((chars - honest.length) / steps.length));
const largeYaml = honestOf(127_000);
const uploads: [string, string][] = [
  ['alias bomb (9 levels of 9)', laughs],
  ['250,000 unclosed [', '['.repeat(250_000)],
  ['120,000 compact block lists', `${head}rules: ${'- '.repeat(120_000)}x\n`],
  ['aliases expanding past 50,000 values', `${head}big: &big [${Array(5000).fill('1').join(',')}]\nmore: [${Array(20).fill('*big').join(',')}]\n`],
  [`an honest YAML scenario of ${Math.round(largeYaml.length / 1e3)} KB`, largeYaml],
  ['8 times as much, as YAML', honestOf(1_000_000)],
  ['the same scenario as JSON', JSON.stringify(parse(largeYaml, { merge: true }))],
  ['6 times as much, as JSON', JSON.stringify(parse(honestOf(750_000), { merge: true }))],
];
console.log('\nupload                                      status   ms (median of 5)');
for (const [name, text] of uploads) {
  let status = 0;
  const ms = await timeAsyncMs(async () => {
    status = (await upload(text)).status;
  });
  console.log(`${name.padEnd(44)} ${String(status).padEnd(8)} ${ms.toFixed(1)}`);
}

// The most matching one request can cost: 100 rules (the most a scenario may hold) each trying a
// pattern on the same 60 KB field, within Jibit's 64 KiB body limit.
const rules = Array.from({ length: 100 }, (_, i) => ({ when: { endpoint: 'token-generate', body: { pad: { regex: `(a|b|[0-9]|x${i})+(a|ab|y|z){3,20}[^q]*?(b|0)+$` } } }, then: { delayMs: 1 } }));
await upload(JSON.stringify({ name: 'bench-patterns', provider: 'jibit', description: 'd', rules }));
const tenant = (await (await instance.app.request('/_sandbox/tenants', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { id: string; jibit: { apiKey: string; secretKey: string } };
const generate = async (pad: string) =>
  instance.app.request('/jibit/ide/v1/tokens/generate', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-scenario': 'bench-patterns' },
    body: JSON.stringify({ ...tenant.jibit, pad }),
  });
const pad = 'ab01xyz'.repeat(60_000 / 7);
console.log(`\ntoken generation, 100 rule patterns on a ${Math.round(pad.length / 1e3)} KB field: ${(await timeAsyncMs(() => generate(pad))).toFixed(1)} ms; with no such field: ${(await timeAsyncMs(() => generate(''))).toFixed(1)} ms`);
instance.close();
