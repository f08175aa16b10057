// What a provider is to the rest of the sandbox: core and the control API know providers only
// through this interface, and the composition root lists them (the providers folder's index.ts).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { z } from 'zod';
import type { Db } from '../db/index.js';
import type { AppDeps, AppEnv } from './http.js';
import type { TenantConfig, TenantRow } from './tenants.js';

/** What the scenario machinery needs of a provider: its endpoints and the codes each documents. */
export interface ScenarioFacts {
  id: string;
  endpointIds: readonly string[];
  /** The code as the endpoint documents it, or undefined when it does not. */
  documentedCode(endpointId: string, code: string): string | undefined;
  /** Every code the endpoint documents, to suggest the nearest to a misspelt one. */
  documentedCodes(endpointId: string): readonly string[];
}

/** The settings a tenant may change, by the control API and by a scenario's setup. */
export interface ProviderSettings {
  /** One schema for both, so a scenario's setup says exactly what the control API takes. */
  schema: z.ZodType;
  /** How the scenario schema describes `setup.<provider id>`. */
  setupDescription: string;
  /** Why the patch cannot be applied to the tenant (checked before anything changes), or undefined. */
  refusal?(deps: AppDeps, tenantId: string, patch: unknown): string | undefined;
  /** Applies a valid patch; `reason` goes with any ledger entry it makes. */
  apply(deps: AppDeps, tenantId: string, patch: unknown, reason: string): void;
}

/** A provider's part of POST /_sandbox/tenants: its body field, its config and its answer. */
export interface ProviderTenancy {
  /** The body field `<provider id>`: the settings plus any credentials a caller may choose. */
  createSchema: z.ZodType;
  /** Why the settings of a new tenant would not hold together, or undefined. */
  createRefusal?(input: unknown): string | undefined;
  /** The provider's part of a new tenant's config; `isDefault`: the default tenant's fixed credentials. */
  config(input: unknown, isDefault: boolean): Partial<Omit<TenantConfig, 'name'>>;
  /** Why the new config clashes with another tenant's (a key already in use), or undefined. */
  conflict(deps: AppDeps, config: TenantConfig): string | undefined;
  /** The creation answer's `<provider id>` field: the only place its secrets show in full. */
  answerSchema: z.ZodType;
  answer(row: TenantRow): unknown;
  /** How GET /_sandbox/tenants/{id} shows the provider's part of a tenant. */
  view(row: TenantRow, deps: AppDeps): unknown;
  /** Writes the rows of its own a new tenant starts with, inside the tenant's creation transaction. */
  open?(db: Db, tenantId: string, config: TenantConfig, nowMs: number): void;
  /** Returns its rows of the tenant to what `initial` (the config the tenant was created with) made, inside the reset's transaction. */
  reset?(db: Db, tenantId: string, initial: TenantConfig, nowMs: number): void;
  /** Deletes its rows of the tenant, inside the deletion's transaction. */
  remove?(db: Db, tenantId: string): void;
}

export interface TestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A documented input for one outcome of one endpoint (GET /_sandbox/test-values). */
export interface TestValue {
  provider: string;
  endpoint: string;
  outcome: string;
  request: TestRequest;
  note?: string;
}

export interface Provider extends ScenarioFacts {
  /** Where its API is mounted, e.g. /jibit/ide. */
  basePath: string;
  settings: ProviderSettings;
  tenancy: ProviderTenancy;
  testValues(): readonly TestValue[];
  /** Start-up work on the opened database: what tenants created before this provider existed still lack. */
  prepare?(db: Db, nowMs: number): void;
  /** Work that fell due on the tenant's clock (settlements, notices), done before a tenant is shown or its outbox read. */
  catchUp?(deps: AppDeps, tenantId: string, nowMs: number): void;
  /** Its routes under the control API (/_sandbox), e.g. its settings route. */
  registerControl(app: OpenAPIHono<AppEnv>): void;
  /** Its panels on a tenant's page of the dashboard (GET /_sandbox/dashboard/tenants/{id}). */
  dashboard?: ProviderDashboard;
  /** Its API, mounted at basePath. */
  createApp(deps: AppDeps): Hono<AppEnv>;
  /** The provider's own error answer for a request under basePath. */
  errorResponse(c: Context<AppEnv>, error: Error): Response;
  /** The provider's own answer for a path under basePath that has no route. */
  notFoundResponse(c: Context<AppEnv>): Response;
  /**
   * Its answer to a request under basePath that the server cannot read (bad header bytes,
   * headers too large, no Host): written straight to the socket, before any route or tenant.
   * `path` is as sent (percent-encoded), for a provider whose pages answer as pages.
   */
  malformedRequest?(path: string): MalformedAnswer;
}

/** One panel of a tenant's dashboard page: a heading and server-rendered HTML. */
export interface DashboardSection {
  title: string;
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
}

/**
 * What a provider shows of one tenant on the dashboard. Its buttons act only through the control
 * API (src/dashboard/action.tsx posts them there), so the dashboard can do nothing a token cannot.
 */
export interface ProviderDashboard {
  /** The panel's heading, e.g. Freepay. */
  title: string;
  /** Its panels, in the order shown; `nowMs` is the tenant clock, after the tenant's due work. */
  sections(deps: AppDeps, tenant: TenantRow, nowMs: number): DashboardSection[];
}

/** A JSON answer the server writes itself, for a request that never reached the app. */
export interface MalformedAnswer {
  status: number;
  /** Sent as JSON, or as it is when `type` is given. */
  body: unknown;
  type?: string;
}

/** The provider a path belongs to, if any. */
export function providerOfPath(providers: readonly Provider[], path: string): Provider | undefined {
  return providers.find((p) => path === p.basePath || path.startsWith(`${p.basePath}/`));
}
