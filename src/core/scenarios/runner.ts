// Running a scenario's steps against a sandbox, over HTTP or in process: upload the scenario if
// the sandbox does not have this text of it, create a tenant of its own, switch the scenario on,
// send each step's request and check its expectations. Used by the test suite, by
// `mahak scenario run`, and by anyone with a fetch function.
import { isDeepStrictEqual } from 'node:util';
import { PatternRefused } from '../pattern.js';
import { fieldAt, matchesValue } from './rules.js';
import type { Expect, Matcher, Scenario, Step } from './schema.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface StepResult {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** What did not hold, one sentence each. */
  problems: string[];
  status?: number;
  ms: number;
}

export interface RunResult {
  scenario: string;
  tenantId?: string;
  ok: boolean;
  /** A failure before the steps (upload, tenant, activation). */
  setupProblem?: string;
  steps: StepResult[];
}

export interface RunOptions {
  /** The sandbox's root URL, e.g. http://localhost:8787. */
  baseUrl: string;
  fetch?: FetchLike;
  /** The file's text: uploaded when the sandbox holds another text (or none) under this name. */
  source?: string;
  /** Keep the tenant afterwards, to look at its journal. */
  keepTenant?: boolean;
  /** The admin token of a locked control API: sent with every call to /_sandbox (the runner's and the steps'), never with a provider call. */
  controlToken?: string;
  onStep?(result: StepResult): void;
}

const defaultTimeoutMs = 10_000;
/** Between the tries of a step with retryForMs. */
const retryPauseMs = 100;

/** `call`, adding `Authorization: Bearer <token>` to requests under `controlBase` that carry none of their own. */
function withControlToken(call: FetchLike, controlBase: string, token: string): FetchLike {
  return (url, init) => {
    const underControl = url === controlBase || url.startsWith(`${controlBase}/`) || url.startsWith(`${controlBase}?`);
    const headers = new Headers(init.headers);
    if (!underControl || headers.has('authorization')) return call(url, init);
    headers.set('authorization', `Bearer ${token}`);
    return call(url, { ...init, headers });
  };
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunResult> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const plain: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const call = options.controlToken === undefined ? plain : withControlToken(plain, `${base}/_sandbox`, options.controlToken);
  const control = async (method: string, path: string, body?: string, type = 'application/json') => {
    const res = await call(`${base}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': type },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    return { status: res.status, body: parseJson(text) as Record<string, unknown> | undefined, text };
  };
  const result: RunResult = { scenario: scenario.name, ok: false, steps: [] };

  try {
    const source = options.source ?? JSON.stringify(scenario);
    const held = await control('GET', `/scenarios/${encodeURIComponent(scenario.name)}`);
    if (held.status !== 200 || held.body?.source !== source) {
      const up = await control('POST', '/scenarios', source, 'application/yaml');
      if (up.status !== 201 && up.status !== 200) return { ...result, setupProblem: `upload refused (${up.status}): ${up.text}` };
    }
    const created = await control('POST', '/tenants', JSON.stringify({ name: `scenario ${scenario.name}` }));
    if (created.status !== 201) return { ...result, setupProblem: `tenant creation refused (${created.status}): ${created.text}` };
    const tenantId = String(created.body?.id);
    result.tenantId = tenantId;
    const on = await control('PUT', `/tenants/${tenantId}/scenario`, JSON.stringify({ name: scenario.name }));
    if (on.status !== 200) return { ...result, setupProblem: `activation refused (${on.status}): ${on.text}` };

    // Every credential the creation answered, by its path: {{jibit.apiKey}}, {{ice.business.password}}, ...
    const values = new Map<string, unknown>([['tenant.id', tenantId], ...answeredValues(created.body, '')]);
    let failed = false;
    for (const step of scenario.steps) {
      const stepResult: StepResult = failed
        ? { name: step.name, outcome: 'skipped', problems: [], ms: 0 }
        : await runStep(step, values, base, call);
      failed ||= stepResult.outcome === 'failed';
      result.steps.push(stepResult);
      options.onStep?.(stepResult);
    }
    result.ok = !failed;
    if (!options.keepTenant) await control('DELETE', `/tenants/${tenantId}`);
    return result;
  } catch (error) {
    return { ...result, setupProblem: `the sandbox could not be reached at ${base}: ${describeError(error)}` };
  }
}

/** The string and number leaves of a tenant creation answer, each under its dotted path. */
function answeredValues(value: unknown, path: string): [string, unknown][] {
  if (typeof value === 'string' || typeof value === 'number') return path ? [[path, value]] : [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => answeredValues(child, path ? `${path}.${key}` : key));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const describeError = (error: unknown) => {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
};

/** Replaces {{name}} with a value; a string that is only a placeholder takes the value's type. */
function fill(value: unknown, values: Map<string, unknown>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([\w.-]+)\s*\}\}$/.exec(value);
    if (whole) {
      if (!values.has(whole[1]!)) missing.add(whole[1]!);
      return values.get(whole[1]!);
    }
    return value.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
      if (!values.has(name)) missing.add(name);
      return String(values.get(name) ?? '');
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values, missing)]));
  }
  return value;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

type Outcome = { answer: Answer } | { fault: 'reset' | 'hang'; detail: string };

async function runStep(step: Step, values: Map<string, unknown>, base: string, call: FetchLike): Promise<StepResult> {
  const missing = new Set<string>();
  const request = fill(step.request, values, missing) as Step['request'];
  if (missing.size > 0) {
    return { name: step.name, outcome: 'failed', problems: [`no value for ${[...missing].map((m) => `{{${m}}}`).join(', ')}`], ms: 0 };
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const v of [value].flat()) search.append(key, v);
  }
  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined && request.body !== null) {
    const type = Object.entries(headers).find(([h]) => h.toLowerCase() === 'content-type')?.[1];
    if (typeof request.body === 'string') body = request.body;
    else if (type && /x-www-form-urlencoded/i.test(type)) {
      // A form: each field as text, as a browser or a PHP client sends it.
      body = new URLSearchParams(Object.entries(request.body as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
    } else body = JSON.stringify(request.body);
    if (!type) headers['content-type'] = 'application/json';
  }
  const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
  const url = `${base}${request.path}${search.size > 0 ? `?${search}` : ''}`;
  const retryUntil = step.retryForMs === undefined ? undefined : performance.now() + step.retryForMs;
  let outcome: Outcome;
  let ms: number;
  let problems: string[];
  for (;;) {
    const started = performance.now();
    outcome = await send(call, url, { method: request.method, headers, ...(body === undefined ? {} : { body }) }, timeoutMs);
    ms = Math.round(performance.now() - started);
    // Expectations may name earlier values too ({{authority}} in a redirect, say).
    problems = check(fill(step.expect, values, missing) as Expect, outcome, ms);
    if (problems.length === 0 || retryUntil === undefined || performance.now() >= retryUntil) break;
    await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
  }
  if (missing.size > 0) problems.push(`no value for ${[...missing].map((m) => `{{${m}}}`).join(', ')}`);
  if ('answer' in outcome) {
    for (const [name, path] of Object.entries(step.save ?? {})) {
      const saved = pick(outcome.answer, path);
      if (saved === undefined) problems.push(`save ${name}: the answer has no ${path}`);
      else values.set(name, saved);
    }
  }
  return {
    name: step.name,
    outcome: problems.length === 0 ? 'passed' : 'failed',
    problems,
    ...('answer' in outcome ? { status: outcome.answer.status } : {}),
    ms,
  };
}

async function send(call: FetchLike, url: string, init: RequestInit, timeoutMs: number): Promise<Outcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Redirects are answers to check (the gateway's 303 to the callback), not to follow.
    const res = await call(url, { ...init, redirect: 'manual', signal: controller.signal });
    const text = await res.text();
    return { answer: { status: res.status, headers: res.headers, text, body: parseJson(text) } };
  } catch (error) {
    if (controller.signal.aborted) return { fault: 'hang', detail: `no answer within ${timeoutMs} ms` };
    return { fault: 'reset', detail: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** body.x.y, headers.name or status, from an answer. */
function pick(answer: Answer, path: string): unknown {
  if (path === 'status') return answer.status;
  if (path.startsWith('headers.')) return answer.headers.get(path.slice('headers.'.length)) ?? undefined;
  if (path === 'body') return answer.body;
  if (path.startsWith('body.')) return fieldAt(answer.body, path.slice('body.'.length));
  return undefined;
}

const isMatcherObject = (v: unknown): v is Exclude<Matcher, string | number | boolean | null> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && ['equals', 'oneOf', 'regex'].includes(Object.keys(v)[0]!);

/**
 * A matcher's verdict, or undefined when its pattern (completed by {{values}} only now, so not
 * checked when the scenario was loaded) cannot be used: that is a problem of its own.
 */
function matches(actual: unknown, wanted: Matcher, problems: string[]): boolean | undefined {
  try {
    return matchesValue(actual, wanted);
  } catch (error) {
    if (!(error instanceof PatternRefused)) throw error;
    problems.push(`regex ${error.message}`);
    return undefined;
  }
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

function check(expect: Expect, outcome: Outcome, ms: number): string[] {
  const problems: string[] = [];
  if ('fault' in outcome) {
    if (expect.fault !== outcome.fault) problems.push(expect.fault ? `expected fault ${expect.fault}, got ${outcome.fault} (${outcome.detail})` : `no answer: ${outcome.detail}`);
    if (expect.minMs !== undefined && ms < expect.minMs) problems.push(`took ${ms} ms, expected at least ${expect.minMs}`);
    return problems;
  }
  const { answer } = outcome;
  if (expect.fault === 'reset' || expect.fault === 'hang') {
    return [`expected fault ${expect.fault}, got an answer: ${answer.status} ${answer.text.slice(0, 200)}`];
  }
  if (expect.fault === 'malformed-json' && (answer.text === '' || answer.body !== undefined)) {
    problems.push(`expected malformed JSON, got ${show(answer.text)}`);
  }
  if (expect.fault === 'empty-body' && answer.text !== '') problems.push(`expected an empty body, got ${answer.text.slice(0, 200)}`);
  if (expect.status !== undefined && answer.status !== expect.status) {
    problems.push(`status: expected ${expect.status}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  if (expect.code !== undefined) {
    const code = fieldAt(answer.body, 'code');
    if (code !== expect.code) problems.push(`code: expected ${expect.code}, got ${show(code)}`);
  }
  for (const [path, wanted] of Object.entries(expect.body ?? {})) {
    const actual = path === '' || path === '.' ? answer.body : fieldAt(answer.body, path);
    // null asks for an absent (or null) field, as in rule matching.
    const ok = wanted === null || isMatcherObject(wanted) ? matches(actual, wanted as Matcher, problems) : isDeepStrictEqual(actual, wanted);
    if (ok === false) problems.push(`body.${path}: expected ${show(wanted)}, got ${show(actual)}`);
  }
  for (const [name, wanted] of Object.entries(expect.headers ?? {})) {
    const actual = answer.headers.get(name) ?? undefined;
    if (matches(actual, wanted, problems) === false) problems.push(`header ${name}: expected ${show(wanted)}, got ${show(actual)}`);
  }
  if (expect.minMs !== undefined && ms < expect.minMs) problems.push(`took ${ms} ms, expected at least ${expect.minMs}`);
  if (expect.maxMs !== undefined && ms > expect.maxMs) problems.push(`took ${ms} ms, expected at most ${expect.maxMs}`);
  return problems;
}
