// The OpenAPI entries of the onboarding and panel-section routes: each with its form fields, how
// it is authenticated and the codes it answers (from the catalog).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { freepayCodes, freepayEndpoints, type FreepayEndpointId } from '../catalog.js';

type Access = 'public' | 'session' | 'keyOrSession';

/** method, path, endpoint id, access, summary, form fields (required ones marked *). */
export const accountRoutes: [string, string, FreepayEndpointId, Access, string, string[]][] = [
  ['post', '/panel/signup', 'panel-signup', 'public', 'Sign-up: name, mobile, password, the rules accepted; a 6-digit code goes to the mobile by SMS', ['first_name*', 'last_name*', 'mobile*', 'password*', 'accept_rules*']],
  ['post', '/panel/signup/{id}/verify', 'panel-signup-verify', 'public', "The SMS code: the account is made, signed in, and its person becomes the tenant's merchant (inactive until the identity check)", ['code*']],
  ['post', '/panel/signup/{id}/resend', 'panel-signup-resend', 'public', 'A new code once the countdown has ended', []],
  ['post', '/panel/login', 'panel-login', 'public', 'Log in by mobile and password', ['mobile*', 'password*']],
  ['post', '/panel/documents', 'panel-documents', 'session', 'The documents (multipart/form-data): landline, address, email, national code and a jpg or png identity scan of at most 2 MB; the identity check answers at once', ['national_code*', 'landline*', 'address*', 'email*', 'document* (file)']],
  ['get', '/panel/profile', 'panel-profile', 'session', "The account: status, identity, contact details, and the merchant API key once active", []],
  ['patch', '/panel/profile', 'panel-profile-update', 'session', 'Change the email, landline or address', ['email', 'landline', 'address']],
  ['post', '/panel/password', 'panel-password', 'session', 'Change the password: earlier sessions end, a new one is answered', ['current_password*', 'new_password*']],
  ['get', '/panel/sites', 'panel-sites', 'keyOrSession', "The merchant's registered sites (the callback's host must be one of them or under one)", []],
  ['post', '/panel/sites', 'panel-site-add', 'keyOrSession', 'Add a site: a host name or its address; needs a bank account first', ['site*']],
  ['get', '/panel/bank-accounts', 'panel-bank-accounts', 'keyOrSession', "The merchant's bank accounts; `settlement` marks the one settlements are paid to", []],
  ['post', '/panel/bank-accounts', 'panel-bank-account-add', 'keyOrSession', "Add a bank account of the merchant's own: bank name, account number, 16-digit card and IBAN of one account", ['bank_name*', 'account_number*', 'card_number*', 'iban*']],
];

const codeList = (id: FreepayEndpointId) => freepayEndpoints[id].map((name) => `${freepayCodes[name].status} (${name})`).join(', ');

export function documentAccountRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'freepaySession', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Freepay panel session (access_token of verify, login or a password change)' });
  const json = { 'application/json': { schema: z.record(z.string(), z.unknown()) } };
  for (const [method, path, id, access, summary, fields] of accountRoutes) {
    const form = z.object(Object.fromEntries(fields.map((f) => [f.replace(/\*| \(file\)/g, ''), f.endsWith('*') || f.includes('*') ? z.string() : z.string().optional()])));
    const contentType = id === 'panel-documents' ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    app.openAPIRegistry.registerPath({
      method: method as 'get',
      path,
      tags: ['Freepay'],
      summary,
      description: `Endpoint id \`${id}\`. ${access === 'public' ? 'Names the tenant with `X-Sandbox-Tenant` (default: the default tenant).' : access === 'session' ? 'Bearer: a panel session.' : "Bearer: the merchant API key or a panel session."} Codes: ${codeList(id)}.`,
      ...(access === 'public' ? {} : { security: access === 'session' ? [{ freepaySession: [] }] : [{ freepayKey: [] }, { freepaySession: [] }] }),
      request: {
        ...(path.includes('{id}') ? { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) } : {}),
        ...(fields.length > 0 ? { body: { content: { [contentType]: { schema: form } } } } : {}),
      },
      responses: { [path === '/panel/signup' || id === 'panel-signup-verify' || id.endsWith('-add') ? 201 : 200]: { description: '{status: 1, ...}', content: json } },
    });
  }
}
