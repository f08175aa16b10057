// GET /api/v1/wallet: the business's balance, and whether the panel would warn it to charge.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { iceSettingsOf } from '../settings.js';
import { iceRoute, reply } from '../route.js';

export const IceWallet = z
  .object({
    balanceRial: z.number().int(),
    /** The panel's "charge your credit" warning: the balance does not pay for one report. */
    lowBalance: z.boolean(),
    reportPriceRial: z.number().int(),
  })
  .openapi('IceWallet');

export function registerWallet(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/wallet',
      endpointId: 'wallet-get',
      access: 'business',
      summary: "The business's credit balance in Rial",
      answer: { status: 200, schema: IceWallet, description: 'The balance' },
    },
    (c, { business }) => {
      const settings = iceSettingsOf(c.get('deps').db, business!.tenantId);
      const price = settings.reportPriceRial + settings.vatRial;
      return reply(c, { balanceRial: business!.balanceRial, lowBalance: business!.balanceRial < price, reportPriceRial: price });
    },
  );
}
