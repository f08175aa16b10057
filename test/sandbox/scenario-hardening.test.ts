// Scenario files from anyone: any text at all is answered 400 with a reason (never a 500, a
// frozen server or a crashed process).
import { afterAll, describe, expect, it } from 'vitest';
import { json, sandbox } from '../helpers.js';

const app = sandbox();
afterAll(() => app.close());

const upload = (text: string) => app.app.request('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });

const refusal = (reasons: string[]) => ({ error: 'invalid_scenario', message: reasons.join('; '), details: { reasons } });

async function expectRefused(text: string, reasons: string[]) {
  const res = await upload(text);
  expect({ status: res.status, body: await json(res) }).toEqual({ status: 400, body: refusal(reasons) });
}

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
