// X-Sandbox-Error on every ICE route: each route of /openapi.json under /ice names its endpoint
// id, every id of the catalog has a route, and on each route every code the id documents is
// answered with its catalog status and message (pages: the outage page), while a code it does
// not document is invalidInput listing the ones it does. Nothing is debited on a forced error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iceCodes, iceEndpointIds, iceEndpoints, type IceEndpointId } from '../../src/providers/ice/catalog.js';
import { control, sandbox } from '../helpers.js';
import { openCharge } from './bank-helpers.js';
import { iceTenant, signIn, type IceTenant } from './helpers.js';
import { asked } from './person-helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

interface Route {
  method: string;
  /** OpenAPI path under /ice, with {name} for its parameters. */
  path: string;
  endpointId: IceEndpointId;
}

type Doc = { paths: Record<string, Record<string, { description?: string }>> };

/** Every ICE route the sandbox publishes, with the endpoint id its description names. */
async function iceRoutes(): Promise<Route[]> {
  const doc = (await (await instance.app.request('/openapi.json')).json()) as Doc;
  const routes: Route[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/ice/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const id = /Endpoint id `([\w-]+)`/.exec(op.description ?? '')?.[1];
      routes.push({ method: method.toUpperCase(), path, endpointId: id as IceEndpointId });
    }
  }
  return routes;
}

let tenant: IceTenant;
let token: string;
/** Real values for the path parameters, so that a route reaches its work when nothing is forced. */
let values: Record<string, string>;
let routes: Route[];

beforeAll(async () => {
  tenant = await iceTenant(instance);
  token = await signIn(instance, tenant);
  const charge = await openCharge(instance, token);
  const person = await asked(instance, { tenant, token }, { personType: 'natural', nationalCode: '0020000014', mobile: '09121234567', payer: 'person' });
  values = { bank: 'saman', paymentToken: charge.paymentToken, chargeId: charge.chargeId, consentToken: person.consentToken, trackingCode: person.trackingCode, registrationId: 'reg_none' };
  routes = await iceRoutes();
});

const pathOf = (route: Route) => route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
const isPage = (route: Route) => route.endpointId === 'consent-page' || route.endpointId === 'bank-page';

function send(route: Route, forced: string): Promise<Response> {
  const headers: Record<string, string> = { 'X-Sandbox-Error': forced, 'X-Sandbox-Tenant': tenant.id, Authorization: `Bearer ${token}` };
  let body: string | undefined;
  if (route.method !== 'GET' && route.method !== 'DELETE') {
    const form = isPage(route) || route.endpointId === 'legal-put';
    headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
    body = form ? 'action=pay' : '{}';
  }
  return Promise.resolve(instance.app.request(pathOf(route), { method: route.method, headers, body }));
}

async function balance(): Promise<number> {
  const { businesses } = (await (await control(instance, 'GET', `/tenants/${tenant.id}/ice/businesses`)).json()) as { businesses: { balanceRial: number }[] };
  return businesses[0]!.balanceRial;
}

describe('X-Sandbox-Error on every ICE route', () => {
  it('every ICE route names an endpoint id of the catalog, and every endpoint id has a route', () => {
    for (const route of routes) expect(iceEndpointIds, `${route.method} ${route.path}`).toContain(route.endpointId);
    expect(new Set(routes.map((r) => r.endpointId))).toEqual(new Set(iceEndpointIds));
    // The panel API (22), the consent page with its return (3), the bank page (2), the API
    // onboarding (9) and the API token (1).
    expect(routes).toHaveLength(37);
  });

  it('answers each documented code with its catalog status and message, and moves no money', async () => {
    const before = await balance();
    let answered = 0;
    for (const route of routes) {
      for (const code of iceEndpoints[route.endpointId]) {
        const res = await send(route, code);
        const what = `${route.method} ${route.path} X-Sandbox-Error: ${code}`;
        expect(res.status, what).toBe(iceCodes[code].http);
        if (isPage(route)) {
          // A page's outage is a page: Persian, saying (in the page's own words) the service is down.
          expect(res.headers.get('content-type'), what).toMatch(/^text\/html/);
          expect(await res.text(), what).toContain('موقتاً در دسترس نیست');
        } else {
          expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
          expect(await res.json(), what).toEqual({ code, message: iceCodes[code].message });
        }
        answered++;
      }
    }
    expect(answered).toBe(routes.reduce((n, r) => n + iceEndpoints[r.endpointId].length, 0));
    expect(await balance()).toBe(before);
  });

  it('refuses a code the endpoint does not document as invalidInput listing the codes it does', async () => {
    for (const route of routes) {
      for (const wanted of ['noSuchCode', 'SERVICEUNAVAILABLE', 'card.not_valid', ...(route.endpointId === 'login' ? ['reportNotFound'] : ['loginFailed'])]) {
        const res = await send(route, wanted);
        const documented = iceEndpoints[route.endpointId];
        const what = `${route.method} ${route.path} X-Sandbox-Error: ${wanted}`;
        expect(res.status, what).toBe(400);
        expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
        expect(await res.json(), what).toEqual({
          code: 'invalidInput',
          message: `X-Sandbox-Error "${wanted}" is not a code of ${route.endpointId}; its codes: ${documented.join(', ')}`,
          documented,
        });
      }
    }
  });

  it('a forced error is journaled under the endpoint id with its code', async () => {
    const res = await instance.app.request('/ice/api/v1/reports', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Sandbox-Error': 'insufficientCredit', 'Content-Type': 'application/json' },
      body: JSON.stringify({ personType: 'natural', nationalCode: '0020000014', mobile: '09121234567', payer: 'credit' }),
    });
    expect(res.status).toBe(402);
    const journal = (await (await control(instance, 'GET', `/tenants/${tenant.id}/journal?provider=ice&endpoint=report-create`)).json()) as { entries: { status: number; errorCode: string }[] };
    expect(journal.entries[0]).toMatchObject({ status: 402, errorCode: 'insufficientCredit' });
  });
});
