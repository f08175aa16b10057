// Event order per endpoint: an ordered endpoint (the default) gets the next event only once the
// one before it is delivered or has failed; an endpoint that opts out gets each on its own schedule.
import { afterAll, afterEach, expect, test } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { newTenant } from '../helpers.js';
import { advance, endpoint, events, freeze, receiver, sendTest, settle, type Receiver } from './receiver.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world' });
afterAll(() => instance.close());
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

/** A tenant whose receiver refuses the first delivery only, and two test events sent in a row. */
async function twoEvents(ordered: boolean) {
  const { id } = await newTenant(instance);
  await freeze(instance, id);
  const r = await receiver((n) => (n === 1 ? { status: 500 } : { status: 200 }));
  receivers.push(r);
  await endpoint(instance, id, r.url, 'ice', ordered);
  const first = (await sendTest(instance, id)).id;
  const second = (await sendTest(instance, id)).id;
  await r.arrived(1);
  await settle(instance);
  const order = () => r.received.map((x) => x.headers['mahak-webhook-id']);
  return { id, r, first, second, order };
}

test('an ordered endpoint holds the second event until the first is delivered, then sends it at once', async () => {
  const { id, r, first, second, order } = await twoEvents(true);
  expect(order()).toEqual([first]);
  expect(await events(instance, id)).toMatchObject([
    { id: second, state: 'pending', attempts: [] },
    { id: first, state: 'pending', attempts: [{ number: 1, status: 500 }] },
  ]);
  await advance(instance, id, 60);
  await r.arrived(3);
  await settle(instance);
  expect(order()).toEqual([first, first, second]);
});

test('an endpoint with ordered false gets the second event while the first waits for its retry', async () => {
  const { id, r, first, second, order } = await twoEvents(false);
  await r.arrived(2);
  await settle(instance);
  expect(order()).toEqual([first, second]);
  await advance(instance, id, 60);
  await r.arrived(3);
  expect(order()).toEqual([first, second, first]);
});
