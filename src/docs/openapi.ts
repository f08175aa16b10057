// GET /openapi.json: the document every route registers itself in, with examples added where an
// operation has none (examples.ts), built once on the first request: the routes never change after.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../core/http.js';
import { addExamples, type Document } from './examples.js';
import { mahakVersion } from '../package-root.js';

const info = {
  title: 'Mahak sandbox',
  version: mahakVersion(),
  description:
    'Sandbox of the Jibit inquiry API (under /jibit/ide), the Freepay payment gateway (under /freepay), ICE credit-report consent (under /ice) and the control API (under /_sandbox). Browse it at /docs.',
};

const tags = [
  { name: 'Jibit', description: 'The Jibit inquiry API, under /jibit/ide: get a token pair (the examples use the default tenant\'s keys), then call with the access token under Authorize, bearerAuth.' },
  { name: 'Freepay', description: 'The Freepay payment gateway, under /freepay: request a payment, send the buyer to its page, verify.' },
  { name: 'ICE', description: 'ICE credit-report consent, under /ice: a business requests a report, the person approves it by SMS link.' },
  { name: 'Sandbox', description: 'The control API, under /_sandbox: tenants, clock, scenarios, journal, outbox and webhooks. Needs a bearer token (controlToken) only when the server has an admin token.' },
  { name: 'Mahak', description: "The server's own health." },
];

export function registerOpenApi(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Jibit access token (POST /jibit/ide/v1/tokens/generate) or an ICE access token (its sign-in or API token)',
  });
  let document: string | undefined;
  app.get('/openapi.json', (c) => {
    if (document === undefined) {
      const built = app.getOpenAPI31Document({ openapi: '3.1.0', info, tags }) as unknown as Document;
      const values = deps.providers.flatMap((p) =>
        p.testValues().map((v) => ({
          ...v,
          fullPath: v.request.path.startsWith('/_sandbox/') ? v.request.path : `${p.basePath}${v.request.path}`,
          failure: v.outcome !== 'success' && p.documentedCodes(v.endpoint).includes(v.outcome),
        })),
      );
      addExamples(built, values);
      document = JSON.stringify(built);
    }
    return c.body(document, 200, { 'content-type': 'application/json' });
  });
}
