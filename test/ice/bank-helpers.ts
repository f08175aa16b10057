// Helpers for ICE's wallet charges: opening one through the API, acting as the payer through the
// control API, and posting the Saman or Mellat page's form as a browser does.
import type { Instance } from '../../src/instance.js';
import { control } from '../helpers.js';
import { ice } from './helpers.js';

export interface Opened {
  chargeId: string;
  paymentUrl: string;
  /** The page's path under the app: /ice/bank/{bank}/{paymentToken}. */
  path: string;
  paymentToken: string;
}

export const returnUrl = 'http://localhost:3000/wallet/return?order=7';

export async function openCharge(instance: Instance, token: string, body: Record<string, unknown> = {}): Promise<Opened> {
  const res = await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial: 500_000, bank: 'saman', returnUrl, ...body } });
  if (res.status !== 201) throw new Error(`charge failed: ${res.status} ${await res.text()}`);
  const { chargeId, paymentUrl } = (await res.json()) as { chargeId: string; paymentUrl: string };
  const path = new URL(paymentUrl).pathname;
  return { chargeId, paymentUrl, path, paymentToken: path.split('/').pop()! };
}

export const payAs = (instance: Instance, tenantId: string, chargeId: string, body: unknown) =>
  control(instance, 'POST', `/tenants/${tenantId}/ice/charges/${chargeId}/pay`, body);

export function bankForm(instance: Instance, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    instance.app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** What a payer types on the page besides the card; the captcha is the page's own. */
export const typed = (card: string, captcha: string) => ({ card, pin2: '12345', cvv2: '123', expMonth: '12', expYear: '09', captcha, action: 'pay' });

export const returned = (chargeId: string, status: string) => `${returnUrl}&chargeId=${chargeId}&status=${status}`;
