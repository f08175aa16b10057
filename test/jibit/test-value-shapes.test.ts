// Every field the document prints for an endpoint's answer shows in at least one of its success
// test values' answers, nested fields and array items included, so an integrator who maps the
// answers of the published values has seen the whole documented shape.
import { expect, test } from 'vitest';
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { jibitTestValues } from '../../src/providers/jibit/test-values/index.js';
import { control, json, newTenant, sandbox, tokens } from '../helpers.js';
import { sendTestValue } from './send-test-value.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Paths of `shape` (the catalog's `response`: a type name for a field, an object, or an array of
 * one item shape; a key in <angle brackets> stands for any key) that no answer holds a value for.
 */
export function uncovered(shape: unknown, answers: readonly unknown[], at = ''): string[] {
  if (Array.isArray(shape)) {
    const items = answers.flatMap((a) => (Array.isArray(a) ? a : []));
    return items.length === 0 ? [`${at}[]`] : uncovered(shape[0], items, `${at}[]`);
  }
  if (isObject(shape)) {
    return Object.entries(shape).flatMap(([key, inner]) => {
      const path = at === '' ? key : `${at}.${key}`;
      const values = /^<.+>$/.test(key)
        ? answers.flatMap((a) => (isObject(a) ? Object.values(a) : []))
        : answers.map((a) => (isObject(a) ? a[key] : undefined));
      return values.length === 0 ? [path] : uncovered(inner, values, path);
    });
  }
  return answers.some((a) => a !== undefined && a !== null) ? [] : [at];
}

test.each([
  ['a field no answer has', { a: 'string', b: 'string' }, [{ a: 'x' }, { a: 'y', b: null }], ['b']],
  ['a field one answer has', { a: 'string', b: 'string' }, [{ a: 'x' }, { a: 'y', b: 'z' }], []],
  ['an empty array', { list: [{ n: 'long' }] }, [{ list: [] }], ['list[]']],
  ['an item field no item has', { list: [{ n: 'long', m: 'long' }] }, [{ list: [{ n: 1 }] }, { list: [{ n: 2 }] }], ['list[].m']],
  ['a placeholder key', { report: { '<bank>': 'string' } }, [{ report: {} }], ['report.<bank>']],
  ['a placeholder key with values', { report: { '<bank>': 'string' } }, [{ report: { MELLI: 'AVAILABLE' } }], []],
])('uncovered: %s', (_name, shape, answers, expected) => {
  expect(uncovered(shape, answers)).toEqual(expected);
});

test('the success test values of every Jibit endpoint together show every documented response field', async () => {
  const instance = sandbox();
  const creds = await newTenant(instance);
  // The daily report's test value asks for 1400/07/08: the calls are made on that day, so it lists them.
  expect((await control(instance, 'POST', `/tenants/${creds.id}/clock`, { set: '2021-09-30T10:00:00+03:30' })).status).toBe(200);
  const session = { ...creds, ...(await tokens(instance, creds)) };
  const values = jibitTestValues().filter((v) => v.outcome === 'success');
  const gaps: string[] = [];
  // In the catalog's order, which ends with the balances and the daily report.
  for (const endpoint of catalogEndpoints) {
    const answers: unknown[] = [];
    for (const value of values.filter((v) => v.endpoint === endpoint.id)) {
      const res = await sendTestValue(instance, value, session);
      const body = await json(res);
      expect(res.status, `${endpoint.id}: ${JSON.stringify(body)}`).toBe(200);
      answers.push(body);
    }
    gaps.push(...uncovered(endpoint.response, answers).map((path) => `${endpoint.id}: ${path}`));
  }
  expect(gaps).toEqual([]);
});
