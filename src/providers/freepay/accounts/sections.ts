// The panel's sites and bank accounts (help centre lines 32, 86–96): list and add, by the merchant
// API key or a panel session, with the control API's checks (its host rule for sites, its IBAN
// check, and that a settlement account is the merchant's own). A bank account is added only when
// its bank name, account number, card and IBAN are one account of the merchant's; the first one
// of a merchant without a settlement account becomes it. A site needs that account first, so no
// payment is taken before there is an account to settle it to.
import { randomBytes } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import type { AppContext, AppEnv } from '../../../core/http.js';
import { getTenant, type TenantRow } from '../../../core/tenants.js';
import { bankById } from '../../../core/world/banks.js';
import { isValidCardNumber, toAsciiDigits } from '../../../core/world/numbers.js';
import { freepayBankAccounts } from '../../../db/schema/index.js';
import { FreepayError } from '../errors.js';
import { FreepayMerchantPatch, applyFreepaySettings, freepayMerchant } from '../merchant.js';
import { requireMerchant } from './account.js';
import { accountCall, badField, readAccountForm, required } from './route.js';

/** "بانک ملی ایران", "ملی ایران" and "MELLI" all name the same bank. */
const bankKey = (name: string) => name.replace(/^بانک\s*/, '').replace(/[\s\u200c]/g, '').toUpperCase();

interface BankAccountView {
  id: string;
  bank: string;
  bank_name: string;
  account_number: string;
  /** null for a settlement account set by the control API: nobody typed its card. */
  card_number: string | null;
  iban: string;
  settlement: boolean;
  added_at: string | null;
}

function bankAccountsView(c: AppContext, tenant: TenantRow) {
  const merchant = freepayMerchant(tenant);
  const rows = c.get('deps').db.select().from(freepayBankAccounts).where(eq(freepayBankAccounts.tenantId, tenant.id)).orderBy(asc(freepayBankAccounts.addedAtMs)).all();
  const shown: BankAccountView[] = rows.map((r) => ({
    id: r.id,
    bank: r.bank,
    bank_name: bankById(r.bank)?.name ?? r.bank,
    account_number: r.accountNumber,
    card_number: r.cardNumber,
    iban: r.iban,
    settlement: r.iban === merchant.settlementIban,
    added_at: new Date(r.addedAtMs).toISOString(),
  }));
  // A settlement account set by the control API (the ready merchant's) is listed too, as the banks know it.
  if (merchant.settlementIban && !rows.some((r) => r.iban === merchant.settlementIban)) {
    const deposit = c.get('deps').world.depositByIban(merchant.settlementIban);
    shown.unshift({
      id: 'settlement',
      bank: deposit?.bank ?? 'UNKNOWN',
      bank_name: (deposit && bankById(deposit.bank)?.name) ?? 'UNKNOWN',
      account_number: deposit?.number ?? '',
      card_number: null,
      iban: merchant.settlementIban,
      settlement: true,
      added_at: null,
    });
  }
  return shown;
}

export function registerSections(app: OpenAPIHono<AppEnv>) {
  app.get('/panel/sites', async (c) => {
    c.set('endpointId', 'panel-sites');
    const { tenant } = await requireMerchant(c);
    return accountCall(c, 'panel-sites', undefined, () => ({ body: { sites: freepayMerchant(tenant).sites } }));
  });

  app.post('/panel/sites', async (c) => {
    c.set('endpointId', 'panel-site-add');
    const { tenant } = await requireMerchant(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-site-add', fields, () => {
      const deps = c.get('deps');
      const typed = required(fields, 'site');
      // A site may be typed as its address (https://shop.example.ir/) or its host name.
      let host = typed.toLowerCase();
      if (/^https?:\/\//i.test(typed)) {
        try {
          host = new URL(typed).hostname;
        } catch {
          throw badField('site');
        }
      }
      const merchant = freepayMerchant(tenant);
      if (!merchant.settlementIban) throw new FreepayError('bankAccountRequired');
      if (merchant.sites.includes(host)) throw new FreepayError('siteExists');
      const patch = FreepayMerchantPatch.safeParse({ sites: [...merchant.sites, host] });
      if (!patch.success) throw badField('site', patch.error.issues[0]?.message);
      const refusal = applyFreepaySettings(deps, tenant.id, patch.data);
      if (refusal) throw badField('site', refusal);
      return { httpStatus: 201, body: { sites: freepayMerchant(getTenant(deps.db, tenant.id)!).sites } };
    });
  });

  app.get('/panel/bank-accounts', async (c) => {
    c.set('endpointId', 'panel-bank-accounts');
    const { tenant } = await requireMerchant(c);
    return accountCall(c, 'panel-bank-accounts', undefined, () => ({ body: { bank_accounts: bankAccountsView(c, tenant) } }));
  });

  app.post('/panel/bank-accounts', async (c) => {
    c.set('endpointId', 'panel-bank-account-add');
    const { tenant } = await requireMerchant(c);
    const fields = await readAccountForm(c);
    return accountCall(c, 'panel-bank-account-add', fields, (nowMs) => {
      const deps = c.get('deps');
      const bankName = required(fields, 'bank_name');
      const accountNumber = toAsciiDigits(required(fields, 'account_number'));
      const card = toAsciiDigits(required(fields, 'card_number'));
      const iban = toAsciiDigits(required(fields, 'iban'));
      // "The 16-digit number on the card" (line 95) and "IR and 24 digits, without spaces" (line 96), then the control API's checks.
      if (!/^\d{16}$/.test(card) || !isValidCardNumber(card)) throw badField('card_number', 'شماره کارت ۱۶ رقمی معتبر وارد کنید');
      if (!/^IR\d{24}$/.test(iban) || !FreepayMerchantPatch.shape.settlementIban.safeParse(iban).success) throw badField('iban', 'شماره شبا را با IR و ۲۴ رقم، بدون فاصله وارد کنید');
      const merchant = freepayMerchant(tenant);
      const deposit = deps.world.depositByIban(iban);
      if (!deposit || deposit.owners.length === 0) throw new FreepayError('accountNotOwned');
      if (merchant.nationalCode && !deposit.owners.includes(merchant.nationalCode)) throw new FreepayError('accountNotOwned');
      const bank = bankById(deposit.bank);
      const worldCard = deps.world.card(card);
      const sameBank = bank !== undefined && [bank.id, bank.name].some((n) => bankKey(n) === bankKey(bankName));
      const sameAccount = accountNumber.replace(/\D/g, '') === deposit.number.replace(/\D/g, '');
      const sameCard = worldCard !== undefined && worldCard.bank === deposit.bank && worldCard.depositNumber === deposit.number;
      if (!sameBank || !sameAccount || !sameCard) throw new FreepayError('accountMismatch');
      const id = `fba_${randomBytes(12).toString('base64url')}`;
      const added = deps.db
        .insert(freepayBankAccounts)
        .values({ id, tenantId: tenant.id, bank: deposit.bank, accountNumber: deposit.number, cardNumber: card, iban, addedAtMs: nowMs })
        .onConflictDoNothing()
        .returning()
        .get();
      if (!added) throw new FreepayError('bankAccountExists');
      // The first account of a merchant without one is where its settlements go.
      if (!merchant.settlementIban) {
        const refusal = applyFreepaySettings(deps, tenant.id, { settlementIban: iban });
        if (refusal) throw badField('iban', refusal);
      }
      return { httpStatus: 201, body: { bank_accounts: bankAccountsView(c, getTenant(deps.db, tenant.id)!) } };
    });
  });
}
