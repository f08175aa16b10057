// Examples for every operation of /openapi.json that documents none of its own: requests from the
// providers' test values (one named example per documented outcome, the success first), responses
// sampled from their schemas with the field values those test values use (the Jibit demo card,
// the Freepay test cards, the ICE test national codes...), so a reader sees numbers that work here.
import type { TestValue } from '../core/provider.js';
import { Sampler, type Schema } from './sample.js';

interface Media { schema?: Schema; example?: unknown; examples?: Record<string, unknown> }
interface Parameter { name: string; in: string; required?: boolean; schema?: Schema; example?: unknown; examples?: unknown }
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}
export interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** A test value with its path as the document writes it (under its provider's base path). */
export interface PlacedTestValue extends TestValue {
  fullPath: string;
  /** The outcome is one of the endpoint's documented error codes: its inputs are wrong on purpose. */
  failure: boolean;
}

const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);
const isPlaceholder = (v: unknown) => typeof v === 'string' && /\{\{|^</.test(v);
/** A flag's 'true' names no value: iban=true in a card inquiry says nothing of an IBAN field. */
const isFlag = (v: unknown) => v === 'true' || v === 'false';
const hasExample = (m: { example?: unknown; examples?: unknown; schema?: Schema }) =>
  m.example !== undefined || m.examples !== undefined || m.schema?.example !== undefined || m.schema?.examples !== undefined;

/** Field name → the value the test values send for it, success outcomes first. */
function fieldValues(values: readonly PlacedTestValue[]): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (v && typeof v === 'object') visit(v);
      else if (v !== '' && v !== null && !isPlaceholder(v) && !isFlag(v) && !fields.has(key)) fields.set(key, v);
    }
  };
  const ordered = [...values.filter((v) => v.outcome === 'success'), ...values.filter((v) => v.outcome !== 'success' && !v.failure)];
  for (const { request } of ordered) {
    visit(request.query);
    visit(request.body);
  }
  return fields;
}

function pathPattern(template: string): RegExp {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return `(?<p${names.length - 1}>[^/]+)`;
  });
  return new RegExp(`^${source}$`);
}

/** Names every provider uses for something of its own: one's example says nothing of another's. */
const generic = new Set(['message', 'code', 'status', 'error', 'id', 'name', 'type', 'description', 'state', 'apiKey', 'secretKey']);

/** Field name → the example some schema of the document gives it, for the same field where it has none. */
function documentedValues(doc: Document, fields: Map<string, unknown>): void {
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    const properties = record.properties as Record<string, Schema> | undefined;
    for (const [key, property] of Object.entries(properties ?? {})) {
      if (generic.has(key) || fields.has(key)) continue;
      if (property && typeof property === 'object' && property.example !== undefined && typeof property.example !== 'object') fields.set(key, property.example);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'example' && key !== 'examples') visit(value);
  };
  visit(doc.paths);
  visit(doc.components?.schemas);
}

export function addExamples(doc: Document, values: readonly PlacedTestValue[]): void {
  const fields = fieldValues(values);
  documentedValues(doc, fields);
  const sampler = new Sampler(doc.components?.schemas ?? {}, fields);
  for (const [path, item] of Object.entries(doc.paths)) {
    const pattern = pathPattern(path);
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, operation] of Object.entries(item)) {
      if (!methods.has(method)) continue;
      const own = values.filter((v) => v.request.method.toLowerCase() === method && pattern.test(v.fullPath));
      const primary = own.find((v) => v.outcome === 'success') ?? own[0];
      const captured = primary ? pattern.exec(primary.fullPath)?.groups ?? {} : {};
      for (const parameter of operation.parameters ?? []) {
        if (hasExample(parameter)) continue;
        let value: unknown;
        if (parameter.in === 'query') value = primary?.request.query?.[parameter.name];
        if (parameter.in === 'path') value = captured[`p${names.indexOf(parameter.name)}`];
        if (Array.isArray(value) && parameter.schema?.type !== 'array') value = value[0];
        // An optional parameter stays empty unless the success sends it: "Try it out" fills in every
        // example, and a made-up filter finds nothing while two flags at once (deposit and iban of
        // a card inquiry) are refused.
        if ((value === undefined || isPlaceholder(value)) && !parameter.required) continue;
        if (value === undefined || isPlaceholder(value)) value = sampler.sample(parameter.schema, parameter.name);
        if (value !== undefined) parameter.example = value;
      }
      for (const media of Object.values(operation.requestBody?.content ?? {})) {
        if (hasExample(media)) continue;
        const examples = bodyExamples(own, (key) => sampler.sample(media.schema?.properties?.[key] ?? propertyOf(doc, media.schema, key), key));
        if (Object.keys(examples).length > 0) media.examples = examples;
        else media.example = sampler.sample(media.schema, undefined, 0, true);
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (hasExample(media)) continue;
          media.example = type.startsWith('text/html') ? htmlExample : problem(sampler.sample(media.schema), status, response.description);
        }
      }
    }
  }
}

/** One named example per outcome whose body is an object, the success first. */
function bodyExamples(own: readonly PlacedTestValue[], field: (key: string) => unknown): Record<string, { summary: string; value: unknown }> {
  const examples: Record<string, { summary: string; value: unknown }> = {};
  const ordered = [...own.filter((v) => v.outcome === 'success'), ...own.filter((v) => v.outcome !== 'success')];
  for (const value of ordered) {
    const body = value.request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
    let key = value.outcome;
    for (let n = 2; key in examples; n++) key = `${value.outcome} (${n})`;
    // A {{placeholder}} becomes the field's documented example where it has one (the default tenant's keys).
    const filled = Object.fromEntries(
      Object.entries(body).map(([k, v]) => {
        const known = isPlaceholder(v) ? field(k) : undefined;
        return [k, typeof known === 'string' && known !== 'string' ? known : v];
      }),
    );
    examples[key] = { summary: value.note ? `${value.outcome}: ${value.note}` : value.outcome, value: filled };
  }
  return examples;
}

/** The control API's usual code for each status it answers. */
const problemCodes: Record<string, string> = { '400': 'invalid_request', '401': 'unauthorized', '403': 'forbidden', '404': 'not_found', '409': 'conflict', '413': 'payload_too_large' };

/** A control API error ({error, message, details}) reads as one: the status's code and the answer's description. */
function problem(sample: unknown, status: string, description: string | undefined): unknown {
  if (!sample || typeof sample !== 'object' || Array.isArray(sample)) return sample;
  const keys = Object.keys(sample).sort().join(',');
  if ((keys !== 'error,message' && keys !== 'details,error,message') || !problemCodes[status]) return sample;
  return { error: problemCodes[status], message: description ?? problemCodes[status] };
}

function propertyOf(doc: Document, schema: Schema | undefined, key: string): Schema | undefined {
  const ref = schema?.$ref?.split('/').pop();
  return ref ? doc.components?.schemas?.[ref]?.properties?.[key] : undefined;
}

const htmlExample = '<!doctype html>\n<html lang="fa" dir="rtl">…</html>';
