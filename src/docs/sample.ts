// A sample value for a JSON schema of /openapi.json: the schema's own example, const, default or
// first enum value where it has one, a value the test values use for a field of that name, or a
// plain value of its type and format. Used where an operation documents no example of its own.

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  example?: unknown;
  examples?: unknown[];
  const?: unknown;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  required?: string[];
};

/** Values by field name, e.g. cardNumber: '6037991234567893', taken from the providers' test values. */
export type FieldValues = ReadonlyMap<string, unknown>;

/** A fixed instant for date-time fields: examples do not change from one request to the next. */
const instant = '2026-03-21T09:30:00+03:30';

export class Sampler {
  constructor(
    private readonly schemas: Record<string, Schema>,
    private readonly fields: FieldValues,
  ) {}

  /** `request`: only the fields a request must send, or whose schema gives an example: what a first call needs. */
  sample(schema: Schema | undefined, name?: string, depth = 0, request = false): unknown {
    if (!schema || depth > 8) return undefined;
    if (schema.$ref) return this.sample(this.schemas[schema.$ref.split('/').pop()!], name, depth + 1, request);
    if (schema.example !== undefined) return schema.example;
    if (schema.examples?.length) return schema.examples[0];
    if (schema.const !== undefined) return schema.const;
    if (schema.default !== undefined) return schema.default;
    if (schema.enum?.length) return schema.enum.find((v) => v !== null) ?? null;
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices?.length) return this.sample(choices.find((c) => c.type !== 'null') ?? choices[0], name, depth + 1, request);
    if (schema.allOf?.length) {
      return Object.assign({}, ...schema.allOf.map((part) => this.sample(part, name, depth + 1, request)).filter((v) => v && typeof v === 'object'));
    }
    const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
    if (type === 'object' || schema.properties) {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (request && !schema.required?.includes(key) && property.example === undefined) continue;
        value[key] = this.sample(property, key, depth + 1, request);
      }
      return value;
    }
    if (type === 'array') {
      const item = this.sample(schema.items, name, depth + 1, request);
      return item === undefined ? [] : [item];
    }
    const known = name === undefined ? undefined : this.fields.get(name);
    if (type === 'string') {
      if (typeof known === 'string') return known;
      if (typeof known === 'number') return String(known);
      return stringOfName(name) ?? stringOfFormat(schema);
    }
    if (type === 'integer' || type === 'number') {
      if (typeof known === 'number') return known;
      if (typeof known === 'string' && /^\d{1,15}$/.test(known)) return Number(known);
      if (schema.minimum !== undefined) return schema.minimum;
      if (schema.exclusiveMinimum !== undefined) return schema.exclusiveMinimum + 1;
      if (schema.maximum !== undefined && schema.maximum < 1) return schema.maximum;
      if (schema.exclusiveMaximum !== undefined && schema.exclusiveMaximum <= 1) return schema.exclusiveMaximum - 1;
      return type === 'integer' ? 1 : 1.5;
    }
    if (type === 'boolean') return typeof known === 'boolean' ? known : true;
    if (type === 'null') return null;
    return known ?? {};
  }
}

/** What a field's name says of its value: `…At` an instant, `…Url` an address. */
function stringOfName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (name === 'at' || /[a-z]At$/.test(name)) return instant;
  if (/[a-z]Url$/.test(name) || name === 'url') return 'http://localhost:8787/';
  return undefined;
}

function stringOfFormat(schema: Schema): string {
  switch (schema.format) {
    case 'date-time':
      return instant;
    case 'date':
      return instant.slice(0, 10);
    case 'uri':
    case 'url':
      return 'https://shop.example.ir/callback';
    case 'email':
      return 'ali@example.com';
    case 'uuid':
      return '3f2b8c1e-7a4d-4e0b-9c61-2d5f8a9b0c17';
    case 'binary':
      return '';
    default:
      return (schema.minLength ?? 0) > 6 ? 'x'.repeat(Math.min(schema.minLength ?? 0, 64)) : 'string';
  }
}
