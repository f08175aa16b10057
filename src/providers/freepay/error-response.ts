// How a Freepay request that failed is answered: the gateway's status body, with refused input
// as invalidInput and the unexpected as serviceUnavailable.
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { AppEnv } from '../../core/http.js';
import { FreepayError } from './errors.js';

export function asFreepayError(error: Error): FreepayError {
  if (error instanceof FreepayError) return error;
  if (error instanceof HTTPException && error.status < 500) return new FreepayError('invalidInput');
  console.error(error);
  return new FreepayError('serviceUnavailable');
}

export function freepayErrorResponse(c: Context<AppEnv>, error: FreepayError) {
  const body = error.body;
  c.set('answerBody', body);
  c.set('answerCode', String(body.status));
  return c.json(body, error.http as 400);
}
