// GET /v1/ibans?value=: bank, account number, status and owners of an IBAN (§2.4).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { convertibleDeposit, ibanInfo } from '../answers.js';
import { iban } from '../params.js';
import { IbanInfo } from '../schemas.js';
import { serve } from '../serve.js';
import { asciiDigits } from '../validation.js';
import { requireDocumentedForms } from '../documented-forms.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/ibans',
  endpoints: ['iban-inquiry'],
  request: { query: z.object({ value: iban }) },
  response: z.object({ value: z.string(), ibanInfo: IbanInfo }),
});

export function registerIbans(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    requireDocumentedForms(c, c.req.valid('query'), { value: 'iban' });
    const value = asciiDigits(c.req.valid('query').value.trim());
    const { world } = c.get('deps');
    return serve(c, () => {
      // Conversion failures belong to card/account-to-IBAN services; an existing IBAN still answers.
      const deposit = convertibleDeposit(world.depositByIban(value), ['CONVERSION_FAILED']);
      return { value, ibanInfo: ibanInfo(world, deposit) };
    });
  });
}
