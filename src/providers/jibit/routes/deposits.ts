// GET /v1/deposits?bank=&number=&iban=true: account number to IBAN (§2.8).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import type { BankId } from '../../../core/world/types.js';
import { convertibleDeposit, ibanInfo } from '../answers.js';
import { checks } from '../checks.js';
import { jibitError } from '../errors.js';
import { bank, depositNumber, mustBeTrue } from '../params.js';
import { DepositToIbanInfo, IbanInfo } from '../schemas.js';
import { serve } from '../serve.js';
import { asciiDigits } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/deposits',
  endpoints: ['deposit-to-iban'],
  request: { query: z.object({ bank, number: depositNumber, iban: mustBeTrue('Must be true') }) },
  response: z.object({ number: z.string(), depositToIBANInfo: DepositToIbanInfo, ibanInfo: IbanInfo }),
});

export function registerDeposits(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const query = c.req.valid('query');
    const bankId = query.bank.trim() as BankId;
    const number = asciiDigits(query.number.trim());
    if (!checks.deposit(bankId, number)) throw jibitError('deposit.not_valid');
    const { world } = c.get('deps');
    return serve(c, () => {
      const deposit = convertibleDeposit(world.deposit(bankId, number));
      return { number, depositToIBANInfo: { bank: deposit.bank, iban: deposit.iban }, ibanInfo: ibanInfo(world, deposit) };
    });
  });
}
