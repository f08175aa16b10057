// The API onboarding's answers, for /openapi.json.
import { z } from '@hono/zod-openapi';
import { IceCharge } from '../routes/charges.js';
import { banks } from '../charges.js';
import { CompanyForm } from './company.js';
import { contractIds } from './contracts.js';
import { steps } from './store.js';

const Shown = z.object({ at: z.string(), date: z.string(), time: z.string() });

export const IceApiInvoice = z
  .object({
    amountRial: z.number().int(),
    from: z.string().openapi({ description: 'Jalali yyyy/MM/dd: the day the contracts were both accepted', example: '1400/02/04' }),
    to: z.string().openapi({ description: 'The same day a month later', example: '1400/03/04' }),
    description: z.string(),
    issuedAt: Shown,
    paid: z.boolean(),
    paidAt: Shown.nullable(),
    charge: IceCharge.nullable().openapi({ description: 'The latest payment page opened for it' }),
  })
  .openapi('IceApiInvoice');

export const IceApiAccess = z
  .object({
    requestNumber: z.number().int().nullable(),
    status: z.enum(['none', 'in-progress', 'going-live', 'live']),
    statusLabel: z.string(),
    currentStep: z.number().int().nullable().openapi({ description: 'The first step not done (1–5); null once live' }),
    steps: z.array(z.object({ step: z.number().int(), name: z.enum(steps), title: z.string(), done: z.boolean(), doneAt: Shown.nullable() })),
    company: CompanyForm.nullable(),
    contracts: z.array(
      z.object({
        contract: z.enum(contractIds),
        title: z.string(),
        currentVersion: z.string(),
        viewedVersion: z.string().nullable(),
        viewedAt: Shown.nullable(),
        acceptedVersion: z.string().nullable(),
        acceptedAt: Shown.nullable(),
      }),
    ),
    invoice: IceApiInvoice.nullable(),
    documents: z.object({ documentationUrl: z.string(), ip1: z.string().nullable(), ip2: z.string().nullable(), webhookUrl: z.string().nullable(), sentAt: Shown.nullable() }),
    live: z.object({ requestedAt: Shown.nullable(), dueAt: Shown.nullable(), liveAt: Shown.nullable(), note: z.string().nullable() }),
    credentials: z.object({ clientId: z.string(), issuedAt: Shown }).nullable().openapi({ description: 'Never the secret' }),
    table: z.array(
      z.object({
        row: z.number().int(),
        requestNumber: z.number().int(),
        date: Shown,
        companyName: z.string(),
        fullName: z.string(),
        phone: z.string(),
        postalCode: z.string(),
        provinceCity: z.string().nullable(),
        address: z.string(),
        status: z.enum(['in-progress', 'going-live', 'live']),
        statusLabel: z.string(),
        description: z.string().nullable(),
      }),
    ),
  })
  .openapi('IceApiAccess');

export const IceApiContract = z
  .object({ contract: z.enum(contractIds), title: z.string(), version: z.string(), text: z.string(), viewedAt: Shown })
  .openapi('IceApiContract');

export const IceApiInvoicePayment = z
  .object({ chargeId: z.string(), paymentUrl: z.string(), amountRial: z.number().int(), bank: z.enum(banks), expiresAt: Shown })
  .openapi('IceApiInvoicePayment');

export const IceApiCredentials = z
  .object({
    clientId: z.string(),
    clientSecret: z.string().openapi({ description: 'Shown this once' }),
    issuedAt: Shown,
    tokenUrl: z.string(),
    webhook: z
      .object({ url: z.string(), signingSecret: z.string(), previousSecretSignsUntil: z.string().nullable() })
      .nullable()
      .openapi({ description: "The webhook URL's new signing secret, shown this once (docs/webhooks.md); null when the tenant's ICE endpoint is no longer this business's URL" }),
  })
  .openapi('IceApiCredentials');

export const IceApiToken = z
  .object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresInSeconds: z.number().int() })
  .openapi('IceApiToken');
