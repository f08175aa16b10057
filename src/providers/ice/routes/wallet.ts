// GET /api/v1/wallet: the business's balance, and whether the panel would warn it to charge;
// GET /api/v1/wallet/transactions: the ledger table of the panel, newest first, searched and paged.
import { digitsEnToFa } from '@persian-tools/persian-tools';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AppEnv } from '../../../core/http.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import type { Db } from '../../../db/index.js';
import { iceLedger } from '../../../db/schema/index.js';
import { iceSettingsOf } from '../settings.js';
import { shownTime } from '../time.js';
import { iceRoute, reply } from '../route.js';

export const IceWallet = z
  .object({
    balanceRial: z.number().int(),
    /** The panel's "charge your credit" warning: the balance does not pay for one report. */
    lowBalance: z.boolean(),
    reportPriceRial: z.number().int(),
  })
  .openapi('IceWallet');

/**
 * The most rows a listing pages through, searches or counts, newest first: a business's ledger
 * grows with every report, and the panel's table never needs more, so a request's cost stays
 * bounded however long the history (README "Limits").
 */
export const ledgerWindow = 10_000;

const LedgerQuery = z
  .object({
    q: z.string().max(100).optional().openapi({ description: 'Search: part of the description, a tracking code, a charge id or an amount (Persian or ASCII digits, thousands separators allowed)', example: '۵۰۰۰۰۰' }),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1).openapi({ example: 1 }),
    size: z.coerce.number().int().min(1).max(100).default(10).openapi({ description: 'Rows a page, at most 100', example: 10 }),
  })
  .strict();

const LedgerRow = z
  .object({
    row: z.number().int().openapi({ description: 'The row number of the table, counted across pages (1: the newest match)' }),
    description: z.string(),
    at: z.string(),
    date: z.string().openapi({ example: '1405/09/09' }),
    time: z.string().openapi({ example: '14:53' }),
    amountRial: z.number().int().openapi({ description: 'Always positive: direction says which way' }),
    direction: z.enum(['credit', 'debit']),
    directionSymbol: z.enum(['▲', '▼']),
    balanceAfterRial: z.number().int(),
    kind: z.enum(['opening', 'charge', 'report', 'refund', 'adjustment']),
    trackingCode: z.string().optional().openapi({ description: 'The report the row is for, when it is for one' }),
    chargeId: z.string().optional().openapi({ description: 'The wallet charge that credited it, when it did' }),
  })
  .openapi('IceLedgerRow');

export const IceLedgerPage = z
  .object({
    page: z.number().int(),
    size: z.number().int(),
    total: z.number().int(),
    pages: z.number().int(),
    capped: z.boolean().openapi({ description: `true: the business has more than the newest ${ledgerWindow.toLocaleString('en')} rows, and the listing, search and total cover those only` }),
    transactions: z.array(LedgerRow),
  })
  .openapi('IceLedgerPage');

/** LIKE's wildcards taken literally. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const like = (column: SQL | typeof iceLedger.description, text: string) => sql`${column} LIKE ${likeText(text)} ESCAPE '\\'`;

/** The search as typed in the panel: Arabic letters and digits read as Persian, digits matched in either script. */
function searchOf(q: string): SQL | undefined {
  const ascii = toAsciiDigits(q.trim()).replace(/ي/g, 'ی').replace(/ك/g, 'ک');
  if (ascii === '') return undefined;
  const amount = ascii.replace(/[,٬،]/g, '');
  return or(
    like(iceLedger.description, ascii),
    like(iceLedger.description, digitsEnToFa(ascii)),
    like(sql`${iceLedger.trackingCode}`, ascii),
    like(sql`${iceLedger.chargeId}`, ascii),
    ...(/^\d+$/.test(amount) ? [like(sql`CAST(abs(${iceLedger.amountRial}) AS TEXT)`, amount)] : []),
  );
}

/** One page of the business's ledger, newest first (ids grow with every row, whatever the clock did). */
function ledgerPage(db: Db, tenantId: string, businessId: string, query: z.infer<typeof LedgerQuery>) {
  const mine = and(eq(iceLedger.tenantId, tenantId), eq(iceLedger.businessId, businessId));
  // The oldest row of the window, and whether any row lies beyond it.
  const floor = db.select({ id: iceLedger.id }).from(iceLedger).where(mine).orderBy(desc(iceLedger.id)).limit(1).offset(ledgerWindow - 1).get()?.id;
  const capped = floor !== undefined && db.select({ id: iceLedger.id }).from(iceLedger).where(and(mine, lt(iceLedger.id, floor))).limit(1).get() !== undefined;
  const where = and(mine, floor === undefined ? undefined : gte(iceLedger.id, floor), searchOf(query.q ?? ''));
  const total = db.select({ n: count() }).from(iceLedger).where(where).get()!.n;
  const offset = (query.page - 1) * query.size;
  const rows = db.select().from(iceLedger).where(where).orderBy(desc(iceLedger.id)).limit(query.size).offset(offset).all();
  return {
    page: query.page,
    size: query.size,
    total,
    pages: Math.ceil(total / query.size),
    capped,
    transactions: rows.map((r, i) => ({
      row: offset + i + 1,
      description: r.description,
      ...shownTime(r.atMs),
      amountRial: Math.abs(r.amountRial),
      direction: r.amountRial >= 0 ? ('credit' as const) : ('debit' as const),
      directionSymbol: r.amountRial >= 0 ? ('▲' as const) : ('▼' as const),
      balanceAfterRial: r.balanceAfterRial,
      kind: r.kind,
      ...(r.trackingCode === null ? {} : { trackingCode: r.trackingCode }),
      ...(r.chargeId === null ? {} : { chargeId: r.chargeId }),
    })),
  };
}

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

  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/wallet/transactions',
      endpointId: 'wallet-transactions',
      access: 'business',
      summary: 'The wallet ledger: the panel’s table, newest first, searched and paged (10 rows a page by default)',
      description: `Each row: its number, the Persian description, the Jalali date and time (and \`at\`, ISO with offset), the amount (positive) and its direction (credit ▲ / debit ▼), the balance after it, and the tracking code or charge id it belongs to. A page past the last answers no rows with the totals. Listing, search and total cover the newest ${ledgerWindow.toLocaleString('en')} rows (\`capped: true\` when there are more).`,
      query: LedgerQuery,
      answer: { status: 200, schema: IceLedgerPage, description: 'One page of the ledger' },
    },
    (c, { query, business }) => reply(c, ledgerPage(c.get('deps').db, business!.tenantId, business!.id, query)),
  );
}
