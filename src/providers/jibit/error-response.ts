// How a Jibit request that failed is answered: the catalog's error body for the endpoint, with
// bodies the validators refused as invalid.request_body and the unexpected as server.error.
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { AppEnv } from '../../core/http.js';
import { JibitError, renderJibitError } from './errors.js';

export function asJibitError(error: Error): JibitError {
  if (error instanceof JibitError) return error;
  // Unreadable or wrongly typed bodies rejected by the validators before any schema ran.
  if (error instanceof HTTPException && error.status < 500) return new JibitError('invalid.request_body');
  console.error(error);
  return new JibitError('server.error');
}

export function jibitErrorResponse(c: Context<AppEnv>, error: JibitError) {
  const { status, body } = renderJibitError(c.get('endpointId'), error);
  c.set('answerBody', body);
  c.set('answerCode', body.code);
  return c.json(body, status as 400);
}
