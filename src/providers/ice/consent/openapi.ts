// The consent page's entries in /openapi.json: pages answer HTML, so they are described here
// rather than built by iceRoute.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { iceEndpoints } from '../catalog.js';

const params = z.object({ consentToken: z.string().openapi({ param: { name: 'consentToken', in: 'path' }, description: 'The end of the link in the person’s SMS' }) });
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const codes = `Endpoint id \`consent-page\` (scenarios, X-Sandbox-Error: ${iceEndpoints['consent-page'].join(', ')}). Acting as the person without a browser: POST /_sandbox/tenants/{id}/ice/reports/{trackingCode}/approve, /reject or /pay.`;

export function documentConsentPage(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/c/{consentToken}',
    tags: ['ICE'],
    summary: "The person's consent page (Persian, right to left, phone-sized): who asks for what, the price when the person pays, the deadline, Approve and Reject",
    description: `A request no longer pending shows what became of it (approved, rejected, expired, deleted) and no buttons. ${codes}`,
    request: { params },
    responses: { 200: html('The page'), 404: html('No request has this token'), 503: html('An emulated outage') },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/c/{consentToken}',
    tags: ['ICE'],
    summary: "The person's answer: reject, or approve (a person-paid request goes to the chosen bank's page first)",
    description: `Reject refunds a wallet-paid request. Approve makes a wallet-paid request viewable at once; a person-paid one is approved when its charge is paid. ${codes}`,
    request: {
      params,
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              action: z.enum(['approve', 'reject']),
              bank: z.enum(['saman', 'mellat']).optional().openapi({ description: 'Person-paid approval: the bank page to pay on (default saman)' }),
            }),
          },
        },
      },
    },
    responses: {
      200: html('The answer taken: the page says what became of the request'),
      303: { description: 'Person-paid approval: to the bank page of a new charge' },
      400: html('No action, or an unknown bank: the page again, saying so'),
      404: html('No request has this token'),
      409: html('The request is no longer pending: the page says what became of it'),
      413: html('The form was past its 4 KiB limit: the page again, saying so'),
      503: html('An emulated outage'),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/c/{consentToken}/return',
    tags: ['ICE'],
    summary: 'Where the bank page sends the person back: a paid charge approves the request (once, however often it is opened)',
    description: `The charge's own status decides, not the query's. A failed, cancelled or expired payment shows the consent page again with the reason; the request stays pending. ${codes}`,
    request: {
      params,
      query: z.object({ chargeId: z.string().openapi({ description: 'Added by the bank page' }), status: z.string().optional().openapi({ description: 'Added by the bank page; informative only' }) }),
    },
    responses: {
      200: html('Approved, or the consent page again saying why the payment did not go through'),
      404: html('No request has this token, or the charge is not one of its own'),
      409: html('Paid, but the request was no longer pending'),
      503: html('An emulated outage'),
    },
  });
}
