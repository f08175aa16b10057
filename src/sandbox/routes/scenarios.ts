// Scenarios: upload (POST /_sandbox/scenarios, YAML or JSON), list and show them; switch one on
// for a tenant (PUT /_sandbox/tenants/{id}/scenario), which applies its setup and starts its
// rules with fresh attempt counters, or off (DELETE).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { applyClockCommand } from '../../core/clock.js';
import type { AppDeps, AppEnv } from '../../core/http.js';
import type { StoredScenario } from '../../core/scenarios/book.js';
import { ScenarioInvalid } from '../../core/scenarios/parse.js';
import { clockStateOf, getTenant, saveClock, updateTenant } from '../../core/tenants.js';
import { SandboxError, jsonResponse, problemResponse } from '../errors.js';
import { isoTime, requireTenant, tenantView } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';
import { readBody, type BodyTooLarge, type BodyUnreadable } from '../../core/body-limit.js';
import { controlBodyRefused, maxScenarioBytes } from '../body-limit.js';

const ScenarioSummary = z
  .object({
    name: z.string(),
    provider: z.string(),
    description: z.string(),
    origin: z.string().openapi({ description: "The file it was loaded from (relative to the scenarios folder), or 'upload'" }),
    loadedAt: z.string(),
    rules: z.number().int(),
    steps: z.number().int(),
  })
  .openapi('ScenarioSummary');

const NameParams = z.object({ name: z.string().min(1).openapi({ param: { name: 'name', in: 'path' }, example: 'flaky-provider' }) });
const anyObject = z.record(z.string(), z.unknown());

function summary(s: StoredScenario) {
  return {
    name: s.name,
    provider: s.provider,
    description: s.scenario.description,
    origin: s.origin,
    loadedAt: isoTime(s.loadedAtMs),
    rules: s.scenario.rules.length,
    steps: s.scenario.steps.length,
  };
}

export function unknownScenario(deps: AppDeps, name: string): SandboxError {
  const known = deps.scenarios.names();
  return new SandboxError(404, 'scenario_not_found', `scenario ${name} is not loaded; known scenarios: ${known.join(', ') || '(none)'}`, { known });
}

const upload = createRoute({
  method: 'post',
  path: '/scenarios',
  tags: ['Sandbox'],
  summary: 'Upload a scenario (YAML or JSON); one of the same name is replaced',
  request: {
    body: {
      required: true,
      description: 'The scenario file as text, YAML or JSON (Content-Type application/yaml, text/yaml or application/json)',
      content: { 'application/yaml': { schema: z.string() } },
    },
  },
  responses: {
    201: jsonResponse(ScenarioSummary, 'Stored'),
    200: jsonResponse(ScenarioSummary, 'Replaced a scenario of the same name'),
    400: problemResponse('Not a valid scenario: every reason, each with its field path'),
    413: problemResponse(`Larger than ${maxScenarioBytes} bytes: {"error": "payload_too_large"}`),
  },
});

const list = createRoute({
  method: 'get',
  path: '/scenarios',
  tags: ['Sandbox'],
  summary: 'List the loaded scenarios',
  responses: { 200: jsonResponse(z.object({ scenarios: z.array(ScenarioSummary) }), 'Every scenario, by name') },
});

const show = createRoute({
  method: 'get',
  path: '/scenarios/{name}',
  tags: ['Sandbox'],
  summary: 'Show a scenario: its definition and its text as written',
  request: { params: NameParams },
  responses: {
    200: jsonResponse(ScenarioSummary.extend({ definition: anyObject, source: z.string() }), 'The scenario'),
    404: problemResponse('No such scenario (the reason lists the known names)'),
  },
});

const ActivateBody = z.object({ name: z.string().min(1) }).strict().openapi('ScenarioActivation');

const activate = createRoute({
  method: 'put',
  path: '/tenants/{id}/scenario',
  tags: ['Sandbox'],
  summary: "Switch a scenario on for a tenant: its setup is applied and its rules start with fresh attempt counters",
  request: { params: TenantParams, body: { required: true, content: { 'application/json': { schema: ActivateBody } } } },
  responses: {
    200: jsonResponse(anyObject, 'The tenant with the scenario on'),
    400: problemResponse('Invalid body'),
    404: problemResponse('No such tenant, or no such scenario (the reason lists the known names)'),
  },
});

const deactivate = createRoute({
  method: 'delete',
  path: '/tenants/{id}/scenario',
  tags: ['Sandbox'],
  summary: "Switch a tenant's scenario off (what its setup changed stays until a reset)",
  request: { params: TenantParams },
  responses: { 200: jsonResponse(anyObject, 'The tenant with no scenario'), 404: problemResponse('No such tenant') },
});

/** Applies the scenario's setup to the tenant and makes it the active one with fresh counters. */
export function activateScenario(deps: AppDeps, tenantId: string, stored: StoredScenario): void {
  const { setup } = stored.scenario;
  const row = requireTenant(deps, tenantId);
  const parts = deps.providers.filter((p) => setup?.[p.id] !== undefined).map((p) => ({ provider: p, patch: setup![p.id] }));
  // What can be refused is checked first, so a refusal changes nothing.
  for (const { provider, patch } of parts) {
    const refusal = provider.settings.refusal?.(deps, tenantId, patch);
    if (refusal) throw new SandboxError(400, 'invalid_scenario', `setup.${provider.id}: ${refusal}`);
  }
  if (setup?.clock) {
    let state = clockStateOf(row);
    // Frozen first, then set: a running clock set and then frozen would move on between the two.
    if (setup.clock.frozen === true) state = applyClockCommand(state, { freeze: true }, deps.wall);
    if (setup.clock.at !== undefined) state = applyClockCommand(state, { set: Date.parse(setup.clock.at) }, deps.wall);
    if (setup.clock.frozen === false) state = applyClockCommand(state, { freeze: false }, deps.wall);
    saveClock(deps.db, tenantId, state);
  }
  // After the clock: ledger entries are dated on the clock the setup left.
  for (const { provider, patch } of parts) provider.settings.apply(deps, tenantId, patch, `scenario ${stored.name}`);
  updateTenant(deps.db, tenantId, { scenario: stored.name });
  deps.rules.restart(tenantId, stored.name);
}

export function registerScenarios(app: OpenAPIHono<AppEnv>) {
  app.openapi(upload, async (c) => {
    const deps = c.get('deps');
    // Counted as it streams: an upload past the limit is refused before it is read whole.
    const text = await readBody(c, maxScenarioBytes).catch((error: BodyTooLarge | BodyUnreadable) => {
      throw controlBodyRefused(error);
    });
    if (text.trim() === '') throw new SandboxError(400, 'invalid_scenario', 'send the scenario file (YAML or JSON) as the body');
    try {
      const { stored, replaced } = deps.scenarios.upload(text, deps.wall.now());
      if (replaced) deps.rules.forgetScenario(stored.name);
      return c.json(summary(stored), replaced ? 200 : 201);
    } catch (error) {
      if (!(error instanceof ScenarioInvalid)) throw error;
      throw new SandboxError(400, 'invalid_scenario', error.reasons.join('; '), { reasons: error.reasons });
    }
  });

  app.openapi(list, (c) => c.json({ scenarios: c.get('deps').scenarios.list().map(summary) }, 200));

  app.openapi(show, (c) => {
    const deps = c.get('deps');
    const { name } = c.req.valid('param');
    const stored = deps.scenarios.get(name);
    if (!stored) throw unknownScenario(deps, name);
    return c.json({ ...summary(stored), definition: stored.scenario as Record<string, unknown>, source: stored.source }, 200);
  });

  app.openapi(activate, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const { name } = c.req.valid('json');
    requireTenant(deps, id);
    const stored = deps.scenarios.get(name);
    if (!stored) throw unknownScenario(deps, name);
    activateScenario(deps, id, stored);
    return c.json(tenantView(getTenant(deps.db, id)!, deps), 200);
  });

  app.openapi(deactivate, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    updateTenant(deps.db, id, { scenario: null });
    return c.json(tenantView(getTenant(deps.db, id)!, deps), 200);
  });
}
