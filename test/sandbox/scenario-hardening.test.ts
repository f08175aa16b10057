// Scenario files from anyone: their regexes match in linear time (RE2), their own answers keep
// HTTP framing intact, and any text at all is answered 400 with a reason (never a 500, a
// frozen server or a crashed process).
import { afterAll, describe, expect, it } from 'vitest';
import { control, jibit, json, sandbox, signedIn } from '../helpers.js';
import { runScenario } from '../../src/core/scenarios/runner.js';
import { Scenario } from '../../src/scenario-format.js';

const app = sandbox();
afterAll(() => app.close());

const upload = (text: string) => app.app.request('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });

/** A one-rule scenario as JSON text (no YAML escaping to think about). */
const oneRule = (name: string, rule: unknown) => JSON.stringify({ name, provider: 'jibit', description: 'Given a rule, then it applies.', rules: [rule] });

const refusal = (reasons: string[]) => ({ error: 'invalid_scenario', message: reasons.join('; '), details: { reasons } });

async function expectRefused(text: string, reasons: string[]) {
  const res = await upload(text);
  expect({ status: res.status, body: await json(res) }).toEqual({ status: 400, body: refusal(reasons) });
}

const matched = { rule: 'matched' };

describe('scenario regexes match in linear time', () => {
  // Each backtracks exponentially in JavaScript's RegExp on a value that almost matches:
  // 40 characters are 2^40 steps, which froze every tenant of the server.
  it.each([
    ['(a|a)*b', 'a'.repeat(40), 'aaab'],
    ['(a|aa)+$', `${'a'.repeat(40)}!`, 'xaa'],
    ['^(a|a?)+$', `${'a'.repeat(40)}!`, 'aaaa'],
    ['(\\d|\\d)*x', '1'.repeat(40), '12x'],
    ['^(a+)+$', `${'a'.repeat(40)}!`, 'aaa'],
  ])('a rule matching %s answers at once for an adversarial value, and fires on a matching one', async (regex, adversarial, matching) => {
    const name = `redos-${Buffer.from(regex).toString('hex').slice(0, 40)}`;
    expect((await upload(oneRule(name, { when: { endpoint: 'card-inquiry', query: { number: { regex } } }, then: { status: 418, body: matched } }))).status).toBe(201);
    const t = await signedIn(app);
    expect((await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name })).status).toBe(200);

    const missed = await jibit(app, '/v1/cards', { query: { number: adversarial }, token: t.token });
    expect({ status: missed.status, body: await json(missed) }).toEqual({ status: 400, body: { code: 'card.not_valid', message: expect.any(String) } });
    const hit = await jibit(app, '/v1/cards', { query: { number: matching }, token: t.token });
    expect({ status: hit.status, body: await json(hit) }).toEqual({ status: 418, body: matched });
  });

  it('takes RE2 syntax: inline flags and code points', async () => {
    const rule = { when: { endpoint: 'card-inquiry', query: { number: { regex: '(?i)^ab\\x{06F0}$' } } }, then: { status: 418, body: matched } };
    expect((await upload(oneRule('re2-syntax', rule))).status).toBe(201);
    const t = await signedIn(app);
    await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 're2-syntax' });
    const hit = await jibit(app, '/v1/cards', { query: { number: 'AB۰' }, token: t.token });
    expect({ status: hit.status, body: await json(hit) }).toEqual({ status: 418, body: matched });
  });

  const at = 'rules.0.when.query.number.regex';
  const hint = 'patterns use RE2 syntax (see docs/scenarios.md, "Patterns")';
  it.each([
    ['a backreference', '(a)\\1', `${at}: \`(a)\\1\` uses a backreference: \\1 and \\k<name> are not in RE2; ${hint}`],
    ['a named backreference', '(?<x>a)\\k<x>', `${at}: \`(?<x>a)\\k<x>\` uses a backreference: \\1 and \\k<name> are not in RE2; ${hint}`],
    ['a lookahead', 'a(?!b)', `${at}: \`a(?!b)\` uses lookaround: (?=, (?!, (?<= and (?<! are not in RE2; ${hint}`],
    ['a lookbehind', '(?<=a)b', `${at}: \`(?<=a)b\` uses lookaround: (?=, (?!, (?<= and (?<! are not in RE2; ${hint}`],
    ['a \\u escape', '[\\u06F0-\\u06F9]', `${at}: \`[\\u06F0-\\u06F9]\` uses \\u escapes; write a code point as \\x{06F0}; ${hint}`],
    ['an unclosed group', '(6037', `${at}: \`(6037\` is not a valid regular expression: missing closing ) at (6037; ${hint}`],
    ['too large a repeat', 'a{1001}', `${at}: \`a{1001}\` is not a valid regular expression: invalid repeat count at {1001}; ${hint}`],
    ['a pattern over 500 characters', 'a'.repeat(501), `${at}: \`${'a'.repeat(40)}…\` is 501 characters long; a pattern may have at most 500`],
  ])('refuses %s with 400 naming the rule and the pattern', async (_, regex, reason) => {
    await expectRefused(oneRule('refused-regex', { when: { query: { number: { regex } } }, then: { delayMs: 1 } }), [reason]);
  });

  it('refuses more than 100 regex matchers, before compiling any', async () => {
    const body = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, { regex: `^(a|b|[0-9]){3,20}x${i}$` }]));
    await expectRefused(oneRule('many-regexes', { when: { endpoint: 'token-generate', body }, then: { delayMs: 1 } }), [
      '(root): more than 100 regex matchers; each is tried on every request the scenario sees',
    ]);
    const hundred = Object.fromEntries(Object.entries(body).slice(0, 100));
    expect((await upload(oneRule('many-regexes', { when: { endpoint: 'token-generate', body: hundred }, then: { delayMs: 1 } }))).status).toBe(201);
  });

  it('checks the regexes of step expectations when the scenario is loaded', async () => {
    const text = JSON.stringify({
      name: 'refused-expectation',
      provider: 'jibit',
      description: 'Given steps, then their matchers are checked.',
      steps: [{ name: 'a', request: { path: '/jibit/ide/v1/balances' }, expect: { body: { code: { regex: '(x)\\1' } }, headers: { server: { regex: '(?=n)' } } } }],
    });
    await expectRefused(text, [
      `steps.0.expect.body.code.regex: \`(x)\\1\` uses a backreference: \\1 and \\k<name> are not in RE2; ${hint}`,
      `steps.0.expect.headers.server.regex: \`(?=n)\` uses lookaround: (?=, (?!, (?<= and (?<! are not in RE2; ${hint}`,
    ]);
  });

  it('runs step expectations with RE2, and a pattern completed by a saved value that is not one fails its step', async () => {
    const scenario = Scenario.parse({
      name: 'runner-patterns',
      provider: 'jibit',
      description: 'Given steps with patterns, then the runner matches them with RE2.',
      steps: [
        { name: 'inline flag', request: { path: '/jibit/ide/v1/balances' }, expect: { status: 403, headers: { 'content-type': { regex: '(?i)^APPLICATION/JSON' } } }, save: { status: 'status' } },
        // a{{{status}}0} is a{4030} once completed: a repeat count RE2 refuses.
        { name: 'completed', request: { path: '/jibit/ide/v1/balances' }, expect: { body: { code: { regex: 'a{{{status}}0}' } } } },
      ],
    });
    const result = await runScenario(scenario, { baseUrl: 'http://sandbox.test', fetch: async (url, init) => app.app.request(url, init) });
    expect(result.steps.map((s) => [s.name, s.outcome, s.problems])).toEqual([
      ['inline flag', 'passed', []],
      ['completed', 'failed', [`regex \`a{4030}\` is not a valid regular expression: invalid repeat count at {4030}; ${hint}`]],
    ]);
  });
});

describe("a rule's own answer headers keep HTTP framing intact", () => {
  const withHeaders = (headers: Record<string, string>, name = 'framing') => oneRule(name, { when: { endpoint: 'balances' }, then: { status: 200, body: { ok: true }, headers } });
  const at = 'rules.0.then.headers';
  const framing = 'frames the answer; the sandbox sets it from the body (to send a broken answer, use fault: malformed-json or empty-body)';
  const hop = 'is a hop-by-hop header of the connection, not part of an answer';

  it.each([
    [{ 'content-length': '5' }, `${at}.content-length: content-length ${framing}`],
    [{ 'Transfer-Encoding': 'chunked' }, `${at}.Transfer-Encoding: Transfer-Encoding ${framing}`],
    [{ Connection: 'close' }, `${at}.Connection: Connection ${hop}`],
    [{ 'keep-alive': 'timeout=5' }, `${at}.keep-alive: keep-alive ${hop}`],
    [{ upgrade: 'h2c' }, `${at}.upgrade: upgrade ${hop}`],
    [{ 'Proxy-Connection': 'keep-alive' }, `${at}.Proxy-Connection: Proxy-Connection ${hop}`],
    [{ TE: 'trailers' }, `${at}.TE: TE ${hop}`],
    [{ trailer: 'x-checksum' }, `${at}.trailer: trailer ${hop}`],
    [{ host: 'example.ir' }, `${at}.host: host is a request header`],
    [{ ':status': '200' }, `${at}.:status: :status is an HTTP/2 pseudo-header; the server sets those`],
    [{ 'x-note': 'ریال' }, `${at}.x-note: a header value must be ASCII (other characters reach the client mangled); percent-encode it or put it in the body`],
    [{ 'x-note': 'café' }, `${at}.x-note: a header value must be ASCII (other characters reach the client mangled); percent-encode it or put it in the body`],
    [{ 'x-note': 'a\u0007b' }, `${at}.x-note: a header value may not hold line breaks or control characters`],
    [{ 'x-note': 'a\u0000b' }, `${at}.x-note: a header value may not hold line breaks or control characters`],
  ])('refuses %j with 400 and the reason', async (headers, reason) => {
    await expectRefused(withHeaders(headers), [reason]);
  });

  it('keeps other ASCII headers, and the answer is framed by its body', async () => {
    expect((await upload(withHeaders({ 'x-note': 'plain text, tab\tand all', 'cache-control': 'no-store' }, 'framing-kept'))).status).toBe(201);
    const t = await signedIn(app);
    await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'framing-kept' });
    const res = await jibit(app, '/v1/balances', { token: t.token });
    expect(res.status).toBe(200);
    expect([res.headers.get('x-note'), res.headers.get('cache-control'), res.headers.get('transfer-encoding')]).toEqual(['plain text, tab\tand all', 'no-store', null]);
    expect(await res.text()).toBe('{"ok":true}');
  });
});

describe('POST /_sandbox/scenarios answers 400 with a reason for any text', () => {
  const head = 'name: nasty\nprovider: jibit\ndescription: d\n';
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    .concat(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
    .join('\n');
  const bigList = `${head}big: &big [${Array(5000).fill('1').join(',')}]\nmore: [${Array(20).fill('*big').join(',')}]\n`;
  const deepJson = `{"name":"nasty","provider":"jibit","description":"d","rules":[{"then":{"status":200,"body":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`;

  it.each([
    ['an alias bomb', laughs, ['not valid YAML or JSON: Excessive alias count indicates a resource exhaustion attack']],
    ['aliases expanding past the value limit', bigList, ['(root): more than 50000 values (aliases counted as often as they are used)']],
    ['10,000 unclosed [', '['.repeat(10_000), ['(root): nested too deeply at line 1 (more than 128 levels of indentation and brackets)']],
    ['10,000 nested lists', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, ['(root): nested too deeply at line 1 (more than 128 levels of indentation and brackets)']],
    ['10,000 nested maps', `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, ['(root): nested too deeply at line 1 (more than 128 levels of indentation and brackets)']],
    ['10,000 compact block lists', `${head}rules: ${'- '.repeat(10_000)}x\n`, ['(root): nested too deeply at line 4 (more than 128 levels of indentation and brackets)']],
    ['10,000 nested JSON lists in a body', deepJson, ['rules.0.then.body.0.0.0.0…: nested more than 64 levels deep']],
    ['10,000 unclosed { (not JSON, so YAML)', '{"a":'.repeat(10_000), ['(root): nested too deeply at line 1 (more than 128 levels of indentation and brackets)']],
    ['a number too large for a double (YAML)', `${head}rules: [{ then: { delayMs: 1e400 } }]\n`, ['rules.0.then.delayMs: Infinity is not a number a scenario can use']],
    ['a number too large for a double (JSON)', '{"name":"nasty","provider":"jibit","description":"d","rules":[{"then":{"status":200,"body":{"n":-1e999}}}]}', ['rules.0.then.body.n: -Infinity is not a number a scenario can use']],
    ['a huge integer where a count goes', `${head}rules: [{ when: { nth: 123456789012345678901234567890 }, then: { delayMs: 1 } }]\n`, ['rules.0.when.nth: Too big: expected int to be <=9007199254740991']],
    ['!!binary', `${head}rules: [{ then: { status: 200, body: !!binary aGVsbG8= } }]\n`, ['rules.0.then.body: binary data (!!binary) is not plain text, a number, true/false, null, a list or a map; write it as text']],
    ['!!set', `${head}rules: [{ then: { status: 200, body: !!set { a, b } } }]\n`, ['rules.0.then.body: a set (!!set) is not plain text, a number, true/false, null, a list or a map; write it as text']],
    ['!!timestamp', `${head}setup: { clock: { at: !!timestamp 2026-01-01 } }\n`, ['setup.clock.at: a date (!!timestamp) is not plain text, a number, true/false, null, a list or a map; write it as text']],
    ['a custom tag', `name: !shell rm -rf\nprovider: jibit\ndescription: d\n`, ['not valid YAML or JSON: Unresolved tag: !shell']],
    ['a merge key of a number', `${head}setup:\n  <<: 1\n`, ['not valid YAML or JSON: Merge sources must be maps or map aliases']],
    ['a merge key of a list alias', `${head}x: &x [1]\nsetup:\n  <<: *x\n`, ['not valid YAML or JSON: Merge sources must be maps or map aliases']],
    ['an alias before its anchor', `${head}setup: *later\n`, ['not valid YAML or JSON: Unresolved alias (the anchor must be set before the alias): later']],
    ['a list at the top', '- name: nasty\n- provider: jibit\n', ['(root): Invalid input: expected object, received array']],
    ['a string at the top', '"just text"', ['(root): Invalid input: expected object, received string']],
    ['a number at the top', '42', ['(root): Invalid input: expected object, received number']],
    ['null at the top', '~', ['(root): Invalid input: expected object, received null']],
    ['only a comment', '# nothing here\n', ['(root): Invalid input: expected object, received null']],
    ['two documents', `${head}---\n${head}`, ['not valid YAML or JSON: Source contains multiple documents; please use YAML.parseAllDocuments()']],
    ['a repeated key', `${head}name: again\n`, ['not valid YAML or JSON: Map keys must be unique']],
    ['a key named __proto__', `${head}rules: [{ when: { body: { __proto__: { regex: "." } } }, then: { delayMs: 1 } }]\n`, ['rules.0.when.body: a key named __proto__ is not allowed']],
    ['a tab as indentation', `${head}setup:\n\tclock: {}\n`, ['not valid YAML or JSON: Tabs are not allowed as indentation']],
  ])('%s', async (_, text, reasons) => {
    // Twice: the first answer must leave the server as it was.
    await expectRefused(text, reasons);
    await expectRefused(text, reasons);
  });
});
