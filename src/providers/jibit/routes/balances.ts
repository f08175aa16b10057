// GET /v1/balances: the tenant's prepaid (PRF) and postpaid (POF) wallets, in Rial.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { Balance } from '../schemas.js';
import { answer, callContext } from '../serve.js';
import { jibitRoute, registerJibitRoute } from './route.js';

/** The document leaves the currency unstated; amounts are Rial, named by ISO 4217. */
export const currency = 'IRR';

const route = jibitRoute({
  method: 'get',
  path: '/v1/balances',
  endpoints: ['balances'],
  response: z.object({ balances: z.array(Balance) }),
});

export function registerBalances(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const { tenant } = callContext(c);
    const amounts = c.get('deps').meter.balances(tenant.id);
    return answer(
      c,
      {
        balances: (['PRF', 'POF'] as const).map((balanceType) => ({ balanceType, currency, amount: amounts[balanceType] })),
      },
    );
  });
}
