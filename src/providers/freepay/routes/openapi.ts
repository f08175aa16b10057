// The Freepay routes in /openapi.json, written from the catalog: field names, codes and messages.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { answerFields, callbackParams, callbackStatus, freepayCodes, freepayEndpoints, requestFields, testCards, verifyFields, type FreepayEndpointId } from '../catalog.js';

const codeList = (endpointId: FreepayEndpointId) =>
  freepayEndpoints[endpointId].map((name) => `\`${freepayCodes[name].status}\` ${name} (HTTP ${freepayCodes[name].http}): ${freepayCodes[name].message}`).join('\n- ');

const ErrorBody = z
  .object({ [answerFields.status]: z.number().int().negative(), [answerFields.message]: z.string() })
  .openapi('FreepayError');

/** The endpoint's refusals as example answers, named by code, with the message the sandbox sends. */
const refusals = (endpointId: FreepayEndpointId) =>
  Object.fromEntries(
    freepayEndpoints[endpointId]
      .filter((name) => freepayCodes[name].status < 0)
      .map((name) => [name, { summary: `HTTP ${freepayCodes[name].http}`, value: { [answerFields.status]: freepayCodes[name].status, [answerFields.message]: freepayCodes[name].message } }]),
  );

const form = (fields: Record<string, z.ZodType>) => ({ content: { 'application/x-www-form-urlencoded': { schema: z.object(fields) } }, required: true });

export function documentRequest(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/payment/request',
    tags: ['Freepay'],
    summary: 'Request a payment: answers the authority to send the buyer to',
    description: `Field names are the sandbox's proposal (the document's tables were lost). Codes:\n- ${codeList('payment-request')}`,
    request: {
      body: form({
        [requestFields.api]: z.string().openapi({ description: "The merchant's API key", example: 'mahak-default-freepay-key' }),
        [requestFields.amount]: z.string().openapi({ description: 'Whole Rial', example: '150000' }),
        [requestFields.callback]: z.string().url().openapi({ description: "Absolute URL on one of the merchant's registered sites", example: 'http://localhost:3000/callback' }),
        [requestFields.description]: z.string().optional(),
        [requestFields.mobile]: z.string().optional().openapi({ example: '09123456789' }),
        [requestFields.email]: z.string().optional(),
        [requestFields.orderId]: z.string().optional(),
      }),
    },
    responses: {
      200: { description: 'Accepted', content: { 'application/json': { schema: z.object({ [answerFields.status]: z.literal(1), [answerFields.authority]: z.string().openapi({ example: '48151623420815' }) }) } } },
      default: { description: 'Refused', content: { 'application/json': { schema: ErrorBody, examples: refusals('payment-request') } } },
    },
  });
}

export function documentVerify(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/payment/verify',
    tags: ['Freepay'],
    summary: 'Verify a payment after the callback: idempotent',
    description: `The first verify of a paid payment answers status 1 and credits the merchant once; every later one answers status 2 with the same data. Codes:\n- ${codeList('payment-verify')}`,
    request: {
      body: form({
        [verifyFields.api]: z.string(),
        [verifyFields.authority]: z.string(),
        [verifyFields.amount]: z.string().openapi({ description: 'The amount the merchant expects, in Rial' }),
      }),
    },
    responses: {
      200: {
        description: 'Verified now (status 1) or before (status 2)',
        content: {
          'application/json': {
            schema: z.object({
              [answerFields.status]: z.union([z.literal(1), z.literal(2)]),
              [answerFields.message]: z.string(),
              [answerFields.amount]: z.number().int(),
              [answerFields.authority]: z.string(),
              [answerFields.refId]: z.string(),
              [answerFields.cardPan]: z.string().openapi({ example: '603799******0013' }),
              [answerFields.orderId]: z.string().nullable(),
              [answerFields.paidAt]: z.string().openapi({ description: 'ISO-8601' }),
            }),
          },
        },
      },
      409: {
        description: 'Not paid, cancelled, or failed: a failed payment (-11, or -14 when what the buyer typed was not the card\'s) says why and whose fault',
        content: {
          'application/json': {
            schema: ErrorBody.extend({
              [answerFields.authority]: z.string().optional(),
              [answerFields.failure]: z.string().optional().openapi({ example: 'shaparak_switch_error' }),
              reason_message: z.string().optional(),
              [answerFields.failureClass]: z.enum(['acceptor', 'user', 'issuer', 'shaparak', 'business']).optional(),
              failure_class_message: z.string().optional().openapi({ example: 'خطای شاپرکی' }),
            }),
          },
        },
      },
      default: { description: 'Refused', content: { 'application/json': { schema: ErrorBody, examples: refusals('payment-verify') } } },
    },
  });
}

export function documentGateway(app: OpenAPIHono<AppEnv>) {
  const cards = testCards.map((card) => `\`${card.number}\` ${card.outcome}`).join(', ');
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/payment/gateway:{authority}',
    tags: ['Freepay'],
    summary: 'The payment page the buyer is sent to (HTML)',
    description: `Paying or cancelling redirects (303) to the callback with \`${callbackParams.authority}\` and \`${callbackParams.status}\` = ${Object.values(callbackStatus).join(' | ')}. Test cards: ${cards}. Codes:\n- ${codeList('payment-gateway')}`,
    request: { params: z.object({ authority: z.string().openapi({ param: { name: 'authority', in: 'path' } }) }) },
    responses: {
      200: { description: 'The page', content: { 'text/html': { schema: z.string() } } },
      404: { description: 'Unknown authority: a page saying so', content: { 'text/html': { schema: z.string() } } },
      403: { description: 'The merchant is blacklisted: a page saying it cannot take payments', content: { 'text/html': { schema: z.string() } } },
      410: { description: 'Expired or already used: a page saying so', content: { 'text/html': { schema: z.string() } } },
    },
  });
}
