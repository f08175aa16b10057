import { describe, expect, test } from 'vitest';
import { catalogEndpoints, messageFor } from '../../src/providers/jibit/catalog.js';
import { JibitError, renderJibitError, resolveCode, statusForCode } from '../../src/providers/jibit/errors.js';

describe('HTTP status per Jibit code', () => {
  test.each([
    ['invalid.request_body', 400],
    ['card.is_required', 400],
    ['apiKey.length_exceeded', 400],
    ['parameters.not_acceptable', 400],
    ['iban.provided', 400],
    ['Iban.provided', 400],
    ['invalid.credentials', 401],
    ['token.is_required', 401],
    ['balance.not_enough', 402],
    ['forbidden', 403],
    ['client.not_found', 403],
    ['handler.not_found', 404],
    ['iban.not_found', 404],
    ['Iban.owner_not_found', 404],
    ['identity_info.not_found', 404],
    ['card.registered_as_lost', 422],
    ['mobile Number. black_listed', 422],
    ['matching.unknown', 422],
    ['daily_limit.reached', 429],
    ['server.error', 500],
    ['providers.not_available', 503],
    ['card.source_bank_is_not_active', 503],
  ])('%s → %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  test('every documented code has a status of 400 or above', () => {
    for (const endpoint of catalogEndpoints) {
      for (const error of endpoint.errors) expect(statusForCode(error.code)).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('codes answered per endpoint', () => {
  test.each([
    ['match-deposit-nationalcode', 'iban.not_found', 'Iban.not_found'],
    ['match-deposit-nationalcode', 'iban.provided', 'Iban.provided'],
    ['sana-status', 'mobileNumber.black_listed', 'mobile Number. black_listed'],
    ['match-card-nationalcode', 'card.is_required', 'card.not_valid'],
    ['match-card-nationalcode', 'nationalCode.not_valid', 'identity_info.not_found'],
    ['match-deposit-name', 'iban.provided', 'deposit.not_valid'],
    ['match-deposit-name', 'bank.not_valid', 'deposit.not_valid'],
    ['card-inquiry', 'card.is_required', 'card.is_required'],
    ['postal-code-address', 'postalCode.is_required', 'postalCode.not_valid'],
    ['match-iban-nationalcode', 'iban.not_found', 'iban.not_valid'],
    ['deposit-to-iban', 'conversion.failed', 'iban.not_found'],
    ['match-deposit-name', 'iban.owner_not_found', 'deposit.not_valid'],
    ['military-service-status', 'identity_info.not_found', 'nationalCode.not_valid'],
  ])('%s answers %s as %s', (endpoint, natural, answered) => {
    expect(resolveCode(endpoint, natural)).toBe(answered);
  });

  test('messages are the endpoint’s own where the document words them differently', () => {
    const own = messageFor('match-card-nationalcode', 'card.provider_is_not_active');
    expect(own).toBe(catalogEndpoints.find((e) => e.id === 'match-card-nationalcode')!.errors.find((e) => e.code === 'card.provider_is_not_active')!.messageFa);
    const rendered = renderJibitError('sana-status', new JibitError('mobileNumber.black_listed'));
    expect(rendered).toEqual({
      status: 422,
      body: { code: 'mobile Number. black_listed', message: messageFor('sana-status', 'mobile Number. black_listed') },
    });
  });
});
