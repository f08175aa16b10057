// Every published test value produces its outcome, and every documented (endpoint, error)
// pair of the catalog can be produced on purpose: by a test value where the input decides
// it, otherwise by X-Sandbox-Error.
import { describe, expect, test } from 'vitest';
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { jibitTestValues } from '../../src/providers/jibit/test-values/index.js';
import { json, sandbox, signedIn } from '../helpers.js';
import { sendTestValue } from './send-test-value.js';

const instance = sandbox();
const values = jibitTestValues();

/** Codes about the provider's own state, which no input decides. */
const stateCodes = new Set(['server.error', 'providers.not_available', 'daily_limit.reached', 'client.not_found']);
const documentedMessage = (endpoint: string, code: string) =>
  catalogEndpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;

describe('published test values', () => {
  test.each(values.map((v) => [v.endpoint, v.outcome, v.note ? `(${v.note})` : '', v] as const))(
    '%s with its test value answers %s %s',
    async (endpoint, outcome, _note, value) => {
      const session = await signedIn(instance);
      const res = await sendTestValue(instance, value, session);
      const body = (await json(res)) as Record<string, unknown>;
      if (outcome === 'success') {
        expect(res.status, JSON.stringify(body)).toBe(200);
        expect(Object.keys(body).sort()).not.toEqual(['code', 'message']);
      } else {
        expect(body).toEqual({ code: outcome, message: documentedMessage(endpoint, outcome) });
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
    },
  );

  test('every endpoint has a success value and every input-decided documented error has one', () => {
    const missing: string[] = [];
    for (const endpoint of catalogEndpoints) {
      const outcomes = new Set(values.filter((v) => v.endpoint === endpoint.id).map((v) => v.outcome));
      if (!outcomes.has('success')) missing.push(`${endpoint.id}: success`);
      for (const error of endpoint.errors) {
        if (!outcomes.has(error.code) && !stateCodes.has(error.code)) missing.push(`${endpoint.id}: ${error.code}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('X-Sandbox-Error', () => {
  const pairs = catalogEndpoints.flatMap((e) => e.errors.map((er) => [e.id, er.code] as const));

  test('the catalog documents 245 (endpoint, code) pairs', () => {
    expect(pairs).toHaveLength(245);
  });

  test.each(pairs)('%s answers %s on request', async (endpoint, code) => {
    const session = await signedIn(instance);
    const success = values.find((v) => v.endpoint === endpoint && v.outcome === 'success')!;
    const res = await sendTestValue(instance, success, session, { 'X-Sandbox-Error': code });
    expect(await json(res)).toEqual({ code, message: documentedMessage(endpoint, code) });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  test('a code the endpoint does not document answers 400 listing the valid ones', async () => {
    const session = await signedIn(instance);
    const success = values.find((v) => v.endpoint === 'balances' && v.outcome === 'success')!;
    const res = await sendTestValue(instance, success, session, { 'X-Sandbox-Error': 'card.registered_as_lost' });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      code: 'sandbox.error_not_documented',
      message:
        'X-Sandbox-Error "card.registered_as_lost" is not a documented error of balances; documented codes: invalid.request_body, forbidden, server.error',
    });
  });
});
