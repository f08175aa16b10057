// The control API's answers to requests it cannot take.
import { expect, test } from 'vitest';
import { control, json, newTenant, sandbox } from '../helpers.js';

const instance = sandbox();

test('POST /_sandbox/tenants with a form-encoded body answers 415 asking for JSON', async () => {
  const res = await instance.app.request('/_sandbox/tenants', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'name=x',
  });
  expect(res.status).toBe(415);
  expect(await json(res)).toEqual({ error: 'unsupported_media_type', message: 'send the body as JSON with Content-Type: application/json' });
});

test.each([
  [{ set: '2200-01-01T00:00:01Z' }],
  [{ set: '1899-12-31T23:59:59Z' }],
  [{ advanceSeconds: 9e9 }],
])('POST /_sandbox/tenants/{id}/clock %j answers 400: the clock stays between 1900 and 2200', async (command) => {
  const { id } = await newTenant(instance);
  const before = await json(await control(instance, 'POST', `/tenants/${id}/clock`, { freeze: true }));
  const res = await control(instance, 'POST', `/tenants/${id}/clock`, command);
  expect(res.status).toBe(400);
  expect(await json(res)).toEqual({
    error: 'invalid_request',
    message: 'the clock must stay between 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z',
  });
  const after = (await json(await control(instance, 'GET', `/tenants/${id}`))) as { clock: unknown };
  expect(after.clock).toEqual(before);
});

test('POST /_sandbox/tenants/{id}/clock advances by whole milliseconds', async () => {
  const { id } = await newTenant(instance);
  await control(instance, 'POST', `/tenants/${id}/clock`, { freeze: true });
  await control(instance, 'POST', `/tenants/${id}/clock`, { set: '2026-01-01T00:00:00Z' });
  const res = await control(instance, 'POST', `/tenants/${id}/clock`, { advanceSeconds: 0.0004 });
  expect(await json(res)).toEqual({ now: '2026-01-01T00:00:00.000Z', frozen: true, tehranDay: '14041011' });
});
