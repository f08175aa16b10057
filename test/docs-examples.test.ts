// The sampler behind /openapi.json's generated examples: what it takes from a schema, from the
// test values' field values and from a field's name, in a table of the cases that matter.
import { describe, expect, test } from 'vitest';
import { Sampler, type Schema } from '../src/docs/sample.js';

const schemas: Record<string, Schema> = {
  Card: { type: 'object', properties: { number: { type: 'string' }, bank: { type: 'string', enum: ['MELLI', 'MELLAT'] } }, required: ['number'] },
  Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
};
const sampler = new Sampler(schemas, new Map<string, unknown>([['number', '6037991234567893'], ['amount', '150000']]));

describe('Sampler.sample', () => {
  test.each<[string, Schema, string | undefined, unknown]>([
    ['its own example first', { type: 'string', example: 'given' }, 'number', 'given'],
    ['the first of its examples', { type: 'string', examples: ['one', 'two'] }, undefined, 'one'],
    ['a const', { const: 1 }, undefined, 1],
    ['a default', { type: 'integer', default: 20 }, undefined, 20],
    ['the first enum value that is not null', { enum: [null, 'natural'] }, undefined, 'natural'],
    ['the first choice that is not null', { anyOf: [{ type: 'null' }, { type: 'boolean' }] }, undefined, true],
    ['a type list without its null', { type: ['null', 'string'] }, 'number', '6037991234567893'],
    ['a field value the test values use', { type: 'string' }, 'number', '6037991234567893'],
    ['a numeric field value as a number', { type: 'integer' }, 'amount', 150000],
    ['a negative integer', { type: 'integer', exclusiveMaximum: 0 }, undefined, -1],
    ['a minimum', { type: 'integer', minimum: 100 }, undefined, 100],
    ['an instant for …At', { type: 'string' }, 'paidAt', '2026-03-21T09:30:00+03:30'],
    ['an address for …Url', { type: 'string' }, 'paymentUrl', 'http://localhost:8787/'],
    ['a date-time format', { type: 'string', format: 'date-time' }, 'when', '2026-03-21T09:30:00+03:30'],
    ['a long enough plain string', { type: 'string', minLength: 8 }, 'code', 'xxxxxxxx'],
    ['a plain string', { type: 'string' }, 'other', 'string'],
    ['one item of an array', { type: 'array', items: { type: 'string' } }, 'number', ['6037991234567893']],
    ['an object through its $ref', { $ref: '#/components/schemas/Card' }, undefined, { number: '6037991234567893', bank: 'MELLI' }],
  ])('%s', (_case, schema, name, expected) => {
    expect(sampler.sample(schema, name)).toEqual(expected);
  });

  test('a request sample keeps the required fields and those with an example of their own', () => {
    const schema: Schema = {
      type: 'object',
      properties: { number: { type: 'string' }, note: { type: 'string' }, bank: { type: 'string', example: 'MELLI' } },
      required: ['number'],
    };
    expect(sampler.sample(schema, undefined, 0, true)).toEqual({ number: '6037991234567893', bank: 'MELLI' });
  });

  test('a schema that refers to itself stops at a fixed depth instead of recursing forever', () => {
    let depth = 0;
    for (let value = sampler.sample({ $ref: '#/components/schemas/Loop' }) as { next?: unknown } | undefined; value?.next; value = value.next as typeof value) depth++;
    expect(depth).toBeLessThan(10);
  });
});
