// POST /payment/request and POST /payment/verify: the merchant's server side of the gateway,
// form-urlencoded in, JSON out.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { answer, identify, type AppContext, type AppEnv } from '../../../core/http.js';
import { tenantByFreepayApiKey, type TenantRow } from '../../../core/tenants.js';
import { isValidMobile, toAsciiDigits } from '../../../core/world/numbers.js';
import { answerFields, freepayCodes, requestFields, verifyFields } from '../catalog.js';
import { FreepayError } from '../errors.js';
import { verifyPayment } from '../flow.js';
import { merchantBlacklisted } from '../blacklist.js';
import { freepayMerchant, onRegisteredSite } from '../merchant.js';
import { catchUpFreepay } from '../money.js';
import { createPayment } from '../payments.js';
import { beforeWork, readForm } from '../pipeline.js';
import { documentRequest, documentVerify } from './openapi.js';

/** A whole, positive number of Rial written in ASCII or Persian digits; anything else is not an amount. */
function parseAmount(text: string | undefined): number | undefined {
  const digits = toAsciiDigits(text?.trim() ?? '');
  if (!/^\d{1,15}$/.test(digits)) return undefined;
  return Number(digits);
}

function requireField(fields: Record<string, string>, name: string): string {
  const value = fields[name]?.trim();
  if (!value) throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${name})`);
  return value;
}

/** A merchant's form call: the form read, the merchant named by its key, then rules, X-Sandbox-Error and the work. */
async function merchantCall(
  c: AppContext,
  endpointId: 'payment-request' | 'payment-verify',
  keyField: string,
  work: (fields: Record<string, string>, tenant: TenantRow | undefined) => Promise<Response>,
): Promise<Response> {
  c.set('endpointId', endpointId);
  const fields = await readForm(c);
  const key = fields[keyField];
  const tenant = key ? tenantByFreepayApiKey(c.get('deps').db, key) : undefined;
  identify(c, tenant);
  return beforeWork(c, endpointId, fields, () => work(fields, tenant));
}

export function registerApi(app: OpenAPIHono<AppEnv>) {
  documentRequest(app);
  documentVerify(app);

  app.post('/payment/request', (c) =>
    merchantCall(c, 'payment-request', requestFields.api, async (fields, tenant) => {
      const deps = c.get('deps');
      const api = requireField(fields, requestFields.api);
      const amountText = requireField(fields, requestFields.amount);
      const callbackText = requireField(fields, requestFields.callback);
      if (!tenant || tenant.freepayApiKey !== api) throw new FreepayError('invalidApiKey');
      const merchant = freepayMerchant(tenant);
      if (merchant.status === 'inactive') throw new FreepayError('merchantInactive');
      if (merchantBlacklisted(deps.db, merchant)) throw new FreepayError('merchantBlacklisted');
      const amount = parseAmount(amountText);
      if (amount === undefined || amount < merchant.minAmountRial || amount > merchant.maxAmountRial) {
        throw new FreepayError('invalidAmount', {}, `${freepayCodes.invalidAmount.message} (${merchant.minAmountRial} تا ${merchant.maxAmountRial} ریال)`);
      }
      let callback: URL;
      try {
        callback = new URL(callbackText);
      } catch {
        throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${requestFields.callback})`);
      }
      if (!['http:', 'https:'].includes(callback.protocol)) throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${requestFields.callback})`);
      if (!onRegisteredSite(merchant, callback)) throw new FreepayError('callbackNotRegistered');
      const mobile = fields[requestFields.mobile]?.trim() ? toAsciiDigits(fields[requestFields.mobile]!.trim()) : undefined;
      if (mobile !== undefined && !isValidMobile(mobile)) throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${requestFields.mobile})`);
      const email = fields[requestFields.email]?.trim() || undefined;
      if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${requestFields.email})`);
      const description = fields[requestFields.description]?.trim() || undefined;
      const orderId = fields[requestFields.orderId]?.trim() || undefined;
      if ((description?.length ?? 0) > 500 || (orderId?.length ?? 0) > 100) throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (description ≤ 500, order_id ≤ 100)`);
      const nowMs = c.get('clock')!.now();
      catchUpFreepay(deps, tenant.id, nowMs);
      const payment = createPayment(deps.db, { tenantId: tenant.id, amountRial: amount, callback: callback.toString(), description, mobile, email, orderId }, merchant, nowMs);
      return answer(c, { [answerFields.status]: freepayCodes.ok.status, [answerFields.authority]: payment.authority });
    }),
  );

  app.post('/payment/verify', (c) =>
    merchantCall(c, 'payment-verify', verifyFields.api, async (fields, tenant) => {
      requireField(fields, verifyFields.api);
      const authority = toAsciiDigits(requireField(fields, verifyFields.authority));
      const amount = parseAmount(requireField(fields, verifyFields.amount));
      if (!tenant) throw new FreepayError('invalidApiKey');
      // A listed merchant verifies nothing, payments made before the listing included (line 229).
      if (merchantBlacklisted(c.get('deps').db, freepayMerchant(tenant))) throw new FreepayError('merchantBlacklisted');
      if (amount === undefined) throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${verifyFields.amount})`);
      return answer(c, verifyPayment(c, tenant, authority, amount, c.get('clock')!.now()));
    }),
  );
}
