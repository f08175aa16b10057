// One ICE route: its OpenAPI entry (built from the catalog's codes) and its handler, which finds
// the tenant (X-Sandbox-Tenant or the token), reads and checks the input, runs the tenant's due
// work (catch-up.ts) and the scenario rules and X-Sandbox-Error, then the endpoint's own work.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { queryObject, type AppContext, type AppEnv, type JsonAnswer } from '../../core/http.js';
import { iceCodes, iceEndpoints, type IceEndpointId } from './catalog.js';
import { requireBusiness } from './auth.js';
import { requireApiCaller } from './api-access/credentials.js';
import { businessById, type BusinessRow } from './business.js';
import { catchUpIce } from './catch-up.js';
import { beforeWork, parseInput, publicTenant, readJsonObject } from './pipeline.js';

export const IceErrorBody = z
  .object({
    code: z.string().openapi({ example: 'invalidInput' }),
    message: z.string().openapi({ example: iceCodes.invalidInput.message }),
    errors: z.record(z.string(), z.string()).optional().openapi({ description: 'invalidInput: each field at fault with its Persian reason' }),
  })
  .openapi('IceError');

export interface IceRouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under the ICE base path, OpenAPI style: /api/v1/reports/{trackingCode}. */
  path: string;
  endpointId: IceEndpointId;
  /** public: before login, tenant by X-Sandbox-Tenant; business: a signed-in business's bearer token; api: that, or an API token from the business's listed IPs. */
  access: 'public' | 'business' | 'api';
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  answer: { status: 200 | 201 | 202; schema: z.ZodType; description: string };
}

export interface IceInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in business (access business); undefined on public routes. */
  business: BusinessRow | undefined;
  nowMs: number;
}

const codeList = (endpointId: IceEndpointId) =>
  iceEndpoints[endpointId].map((name) => `\`${name}\` (HTTP ${iceCodes[name].http}): ${iceCodes[name].message}`).join('\n- ');

/** Answers `status` with the JSON `body`, kept for the journal. */
export function reply<T extends object>(c: AppContext, body: T, status: 200 | 201 | 202 = 200): JsonAnswer<T, 200 | 201 | 202> {
  c.set('answerBody', body);
  return c.json(body, status);
}

export function iceRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(
  app: OpenAPIHono<AppEnv>,
  spec: IceRouteSpec<P, Q, B>,
  work: (c: AppContext, input: IceInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Response | Promise<Response>,
): void {
  app.openAPIRegistry.registerPath({
    method: spec.method,
    path: spec.path,
    tags: ['ICE'],
    summary: spec.summary,
    description: `${spec.description ? `${spec.description}\n\n` : ''}Endpoint id \`${spec.endpointId}\`. Codes:\n- ${codeList(spec.endpointId)}`,
    ...(spec.access !== 'public' ? { security: [{ bearerAuth: [] }] } : {}),
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses: {
      [spec.answer.status]: { description: spec.answer.description, content: { 'application/json': { schema: spec.answer.schema } } },
      default: { description: 'Refused: see the codes above', content: { 'application/json': { schema: IceErrorBody } } },
    },
  });
  const honoPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
  app.on(spec.method.toUpperCase(), honoPath, async (c) => {
    c.set('endpointId', spec.endpointId);
    const signedIn = spec.access === 'business' ? await requireBusiness(c) : spec.access === 'api' ? await requireApiCaller(c) : (publicTenant(c), undefined);
    const raw = spec.body ? await readJsonObject(c) : undefined;
    const nowMs = c.get('clock')!.now();
    const deps = c.get('deps');
    catchUpIce(deps, c.get('tenant')!.id, nowMs);
    // Read again after the due work, which may have changed it (a legal review decided, a refund).
    const business = signedIn && (businessById(deps.db, signedIn.tenantId, signedIn.id) ?? signedIn);
    return beforeWork(c, spec.endpointId, raw, async () => {
      const input = {
        params: spec.params ? parseInput(spec.params, c.req.param()) : {},
        query: spec.query ? parseInput(spec.query, queryObject(new URL(c.req.url).searchParams)) : {},
        body: spec.body ? parseInput(spec.body, raw) : undefined,
        business,
        nowMs,
      } as IceInput<z.infer<P>, z.infer<Q>, z.infer<B>>;
      return work(c, input);
    });
  });
}
