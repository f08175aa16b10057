// The API onboarding's routes (spec/ice.md §7): its status, the five steps in order, and the API
// credentials once live. Every route wants a signed-in business whose legal information is approved.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { isIpOrCidr, type AppContext, type AppEnv } from '../../../core/http.js';
import { endpointOf, rotateSecret } from '../../../core/webhooks/endpoints.js';
import { defaultOverlapSeconds } from '../../../core/webhooks/schedule.js';
import type { Db } from '../../../db/index.js';
import { iceProvider } from '../webhooks.js';
import { requireApproved, type BusinessRow } from '../business.js';
import { banks, paymentUrlOf } from '../charges.js';
import { IceError, invalidFields } from '../errors.js';
import { iceRoute, reply } from '../route.js';
import { iceSettingsOf } from '../settings.js';
import { shownTime } from '../time.js';
import { IceApiAccess, IceApiContract, IceApiCredentials, IceApiInvoice, IceApiInvoicePayment } from './schemas.js';
import { CompanyForm, refuseFutureDates } from './company.js';
import { contractIds, contracts, type ContractId } from './contracts.js';
import { issueCredentials } from './credentials.js';
import { announceApiAccess, webhookTargetOf } from './events.js';
import { invoiceView, openInvoiceCharge, syncInvoice } from './invoice.js';
import { askLive } from './live.js';
import { apiRequestOf, doneSteps, requireOpen, requireStepsBefore, saveCompany, updateRequest, type ApiRequestRow } from './store.js';
import { apiAccessView } from './view.js';

const origin = (c: AppContext) => new URL(c.req.url).origin;

/** The business's request as it stands (its invoice synced with its charge), after the legal check. */
function currentRequest(c: AppContext, business: BusinessRow | undefined): ApiRequestRow | undefined {
  requireApproved(business!);
  const row = apiRequestOf(c.get('deps').db, business!);
  return row && syncInvoice(c.get('deps').db, row);
}

const statusOf = (c: AppContext, business: BusinessRow, nowMs: number) =>
  apiAccessView(c.get('deps').db, business, currentRequest(c, business), origin(c), nowMs);

const ContractParams = z.object({ contract: z.enum(contractIds).openapi({ param: { name: 'contract', in: 'path' }, example: 'nda' }) });

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const ip = z.string().trim().max(64);
const DocumentsBody = z
  .object({
    ip1: ip.openapi({ description: 'IP 1 (required): an IPv4 or IPv6 address, or a CIDR range', example: '203.0.113.10' }),
    ip2: ip.nullable().optional().openapi({ description: 'IP 2 (optional)', example: '203.0.113.11' }),
    webhookUrl: z.string().trim().max(2_000).openapi({ description: 'http(s) address report state changes are sent to', example: 'https://example.com/ice/webhook' }),
  })
  .strict()
  .openapi('IceApiDocuments');

const PaymentBody = z
  .object({
    bank: z.enum(banks).openapi({ example: 'saman' }),
    returnUrl: z.string().max(2_000).openapi({ description: 'http(s) address the bank page sends the browser back to, with chargeId and status added', example: 'http://localhost:3000/api-access/return' }),
  })
  .strict()
  .openapi('IceApiInvoicePay');

export function registerApiAccess(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/api-access',
      endpointId: 'api-access-get',
      access: 'business',
      summary: 'API onboarding: the five steps, each done or not with its data, and the request’s table row',
      answer: { status: 200, schema: IceApiAccess, description: 'The onboarding as it stands' },
    },
    (c, { business, nowMs }) => reply(c, statusOf(c, business!, nowMs)),
  );

  iceRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/api-access/company',
      endpointId: 'api-company-put',
      access: 'business',
      summary: 'API onboarding step 1: the company information (makes the request and its number)',
      description: 'May be sent again until the move to live is asked. National ID and national codes are checked by their check digits; dates are Jalali yyyy/MM/dd, not after today.',
      body: CompanyForm,
      answer: { status: 200, schema: IceApiAccess, description: 'The onboarding, step 1 done' },
    },
    (c, { body, business, nowMs }) => {
      const known = currentRequest(c, business);
      if (known) requireOpen(known);
      refuseFutureDates(body, nowMs);
      const row = saveCompany(c.get('deps').db, business!, body, nowMs);
      if (!known) announceApiAccess(c.get('deps'), row, 'company', nowMs);
      return reply(c, statusOf(c, business!, nowMs));
    },
  );

  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/api-access/contracts/{contract}',
      endpointId: 'api-contract-get',
      access: 'business',
      summary: 'API onboarding step 2: a contract’s text and version (nda, api-firm); fetching it records the version viewed',
      params: ContractParams,
      answer: { status: 200, schema: IceApiContract, description: 'The contract' },
    },
    (c, { params, business, nowMs }) => {
      const row = requireStepsBefore(currentRequest(c, business), 'contracts');
      const contract = contracts[params.contract as ContractId];
      const seen = params.contract === 'nda' ? { ndaViewedVersion: contract.version, ndaViewedAtMs: nowMs } : { firmViewedVersion: contract.version, firmViewedAtMs: nowMs };
      updateRequest(c.get('deps').db, row, seen);
      return reply(c, { contract: contract.id, title: contract.title, version: contract.version, text: contract.text, viewedAt: shownTime(nowMs) });
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/api-access/contracts/{contract}/accept',
      endpointId: 'api-contract-accept',
      access: 'business',
      summary: 'API onboarding step 2: accept the version of a contract the business fetched',
      description: 'Accepting the same version again changes nothing. Once both contracts are accepted the pro-forma invoice is issued, its month starting that day (Tehran, tenant clock).',
      params: ContractParams,
      body: z.object({ version: z.string().trim().min(1).max(32).openapi({ example: contracts.nda.version }) }).strict().openapi('IceApiContractAccept'),
      answer: { status: 200, schema: IceApiAccess, description: 'The onboarding, the contract accepted' },
    },
    (c, { params, body, business, nowMs }) => {
      const db = c.get('deps').db;
      const row = requireStepsBefore(currentRequest(c, business), 'contracts');
      const contract = contracts[params.contract as ContractId];
      if (body.version !== contract.version) throw new IceError('contractVersionStale', { currentVersion: contract.version });
      const nda = params.contract === 'nda';
      const [viewed, accepted] = nda ? [row.ndaViewedVersion, row.ndaAcceptedVersion] : [row.firmViewedVersion, row.firmAcceptedVersion];
      if (viewed !== body.version) throw new IceError('contractNotViewed', { version: body.version });
      if (accepted !== body.version) {
        let updated = updateRequest(db, row, nda ? { ndaAcceptedVersion: body.version, ndaAcceptedAtMs: nowMs } : { firmAcceptedVersion: body.version, firmAcceptedAtMs: nowMs });
        if (doneSteps(updated).contracts && updated.invoiceIssuedAtMs === null) {
          updated = updateRequest(db, updated, { invoiceIssuedAtMs: nowMs, invoiceRial: iceSettingsOf(db, updated.tenantId).apiInvoiceRial });
          announceApiAccess(c.get('deps'), updated, 'contracts', nowMs);
        }
      }
      return reply(c, statusOf(c, business!, nowMs));
    },
  );

  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/api-access/invoice',
      endpointId: 'api-invoice-get',
      access: 'business',
      summary: 'API onboarding step 3: the pro-forma invoice (one month’s web-service fee) and its latest payment page',
      answer: { status: 200, schema: IceApiInvoice, description: 'The invoice' },
    },
    (c, { business, nowMs }) => {
      const row = requireStepsBefore(currentRequest(c, business), 'invoice');
      return reply(c, invoiceView(c.get('deps').db, row, origin(c), nowMs)!);
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/api-access/invoice/payments',
      endpointId: 'api-invoice-pay',
      access: 'business',
      summary: 'API onboarding step 3: pay the invoice on the Saman or Mellat page',
      description:
        'Opens a bank page for the invoice (a page opened before and still unpaid is closed). Paid once: the step is done and the wallet is untouched. Pay it in a browser at `paymentUrl`, or with POST /_sandbox/tenants/{id}/ice/charges/{chargeId}/pay.',
      body: PaymentBody,
      answer: { status: 201, schema: IceApiInvoicePayment, description: 'The payment page' },
    },
    (c, { body, business, nowMs }) => {
      const row = requireStepsBefore(currentRequest(c, business), 'invoice');
      if (!isHttpUrl(body.returnUrl)) throw invalidFields({ returnUrl: 'نشانی بازگشت باید نشانی کامل http یا https باشد' });
      const { charge } = openInvoiceCharge(c.get('deps'), row, body.bank, body.returnUrl, nowMs);
      return reply(c, { chargeId: charge.id, paymentUrl: paymentUrlOf(origin(c), charge), amountRial: charge.amountRial, bank: charge.bank, expiresAt: shownTime(charge.expiresAtMs) }, 201);
    },
  );

  iceRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/api-access/documents',
      endpointId: 'api-documents-put',
      access: 'business',
      summary: 'API onboarding step 4: IP 1 (required), IP 2 and the webhook URL (required, http or https)',
      description: 'Only IP 1 and IP 2 may then use the API token. May be sent again until the move to live is asked. The documents to integrate against are at `documents.documentationUrl` of the status.',
      body: DocumentsBody,
      answer: { status: 200, schema: IceApiAccess, description: 'The onboarding, step 4 done' },
    },
    (c, { body, business, nowMs }) => {
      const row = requireStepsBefore(currentRequest(c, business), 'documents');
      requireOpen(row);
      const errors: Record<string, string> = {};
      const ipReason = 'نشانی IP نامعتبر است (IPv4 یا IPv6، با یا بدون /پیشوند)';
      if (!isIpOrCidr(body.ip1)) errors.ip1 = ipReason;
      const ip2 = body.ip2 ? body.ip2 : null;
      if (ip2 !== null && !isIpOrCidr(ip2)) errors.ip2 = ipReason;
      if (!isHttpUrl(body.webhookUrl)) errors.webhookUrl = 'نشانی webhook باید نشانی کامل http یا https باشد';
      if (Object.keys(errors).length > 0) throw invalidFields(errors);
      const first = row.documentsAtMs === null;
      const updated = updateRequest(c.get('deps').db, row, { ip1: body.ip1, ip2, webhookUrl: body.webhookUrl, documentsAtMs: nowMs });
      if (first) announceApiAccess(c.get('deps'), updated, 'documents', nowMs);
      return reply(c, statusOf(c, business!, nowMs));
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/api-access/live',
      endpointId: 'api-live',
      access: 'business',
      summary: 'API onboarding step 5: move to live; done liveDelayMinutes later on the tenant clock',
      description: 'Asking again changes nothing. From here steps 1 and 4 can no longer be changed.',
      answer: { status: 202, schema: IceApiAccess, description: 'The onboarding, moving to live (or live)' },
    },
    (c, { business, nowMs }) => {
      const row = requireStepsBefore(currentRequest(c, business), 'live');
      if (row.status === 'in-progress') askLive(c.get('deps'), row, nowMs);
      return reply(c, statusOf(c, business!, nowMs), 202);
    },
  );

  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/api-access/credentials',
      endpointId: 'api-credentials',
      access: 'business',
      summary: 'API credentials once live: the client id and a new secret, shown this once',
      description: 'The secret is kept only as its hash: asking again issues a new one, and the old secret and every token issued under it stop working.',
      answer: { status: 201, schema: IceApiCredentials, description: 'The credentials' },
    },
    (c, { business, nowMs }) => {
      const row = currentRequest(c, business);
      if (row?.status !== 'live') throw new IceError('apiNotLive', { status: row?.status ?? 'none' });
      const db = c.get('deps').db;
      const issued = issueCredentials(db, row, nowMs);
      const webhook = freshWebhookSecret(db, row.tenantId, business!.id, nowMs);
      const body = { clientId: issued.row.clientId!, clientSecret: issued.clientSecret, issuedAt: shownTime(nowMs), tokenUrl: `${origin(c)}/ice/api/v1/api-token`, webhook };
      const res = reply(c, body, 201);
      c.set('answerBody', { ...body, clientSecret: '(left out)', webhook: webhook && { ...webhook, signingSecret: '(left out)' } });
      return res;
    },
  );
}

/**
 * The business's webhook URL is the tenant's ICE endpoint while it is live: issuing credentials
 * rotates that endpoint's signing secret and answers the new one with them, the one place a
 * business learns it (the old secret keeps signing through the usual overlap). None when the
 * endpoint has since been set to another URL.
 */
function freshWebhookSecret(db: Db, tenantId: string, businessId: string, nowMs: number) {
  const target = webhookTargetOf(db, tenantId, businessId);
  const endpoint = endpointOf(db, tenantId, iceProvider);
  if (!target || endpoint?.url !== target.url) return null;
  const { row, secret } = rotateSecret(db, endpoint, defaultOverlapSeconds, nowMs);
  return { url: row.url, signingSecret: secret, previousSecretSignsUntil: row.previousUntilMs === null ? null : new Date(row.previousUntilMs).toISOString() };
}
