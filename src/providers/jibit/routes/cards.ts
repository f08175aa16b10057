// GET /v1/cards: card inquiry (number only), card to account (deposit=true) and card to IBAN
// (iban=true), three services on one path (spec/jibit.md §2.3, §2.5, §2.6).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { convertibleDeposit, fullName, ibanInfo, usableCard } from '../answers.js';
import { jibitError } from '../errors.js';
import { cardNumber } from '../params.js';
import { CardInfo, CardType, DepositInfo, IbanInfo } from '../schemas.js';
import { callContext, serve } from '../serve.js';
import { optionalFlag, asciiDigits } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/cards',
  endpoints: ['card-inquiry', 'card-to-deposit', 'card-to-iban'],
  request: {
    query: z.object({
      number: cardNumber,
      deposit: optionalFlag('true: card to account number (card-to-deposit)'),
      iban: optionalFlag('true: card to IBAN (card-to-iban)'),
    }),
  },
  response: z.union([
    z.object({ number: z.string(), cardInfo: CardInfo }),
    z.object({ number: z.string(), type: CardType, depositInfo: DepositInfo }),
    z.object({ number: z.string(), type: z.enum(['DEBIT', 'UNKNOWN']), ibanInfo: IbanInfo }),
  ]),
});

export function registerCards(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const { endpointId } = callContext(c);
    const number = asciiDigits(c.req.valid('query').number.trim());
    const { world } = c.get('deps');
    return serve(c, () => {
      const card = usableCard(world, number);
      if (endpointId === 'card-to-deposit') {
        return { number, type: card.type, depositInfo: { bank: card.bank, depositNumber: card.depositNumber } };
      }
      if (endpointId === 'card-to-iban') {
        if (card.type !== 'DEBIT') throw jibitError('card_type.not_supported');
        if (world.cardToIbanAvailability()[card.bank] !== 'AVAILABLE') throw jibitError('providers.not_available');
        const deposit = convertibleDeposit(world.deposit(card.bank, card.depositNumber));
        return { number, type: card.type, ibanInfo: ibanInfo(world, deposit) };
      }
      const owner = world.person(card.ownerNationalCode);
      return {
        number,
        cardInfo: { bank: card.bank, type: card.type, ownerName: owner ? fullName(owner) : '', depositNumber: card.depositNumber },
      };
    });
  });
}
