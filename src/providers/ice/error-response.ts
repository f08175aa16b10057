// How an ICE request that failed is answered: its {code, message} body, refused input as
// invalidInput, and the unexpected as serviceUnavailable (logged, never a stack trace).
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { AppEnv } from '../../core/http.js';
import { IceError } from './errors.js';

export function asIceError(error: Error): IceError {
  if (error instanceof IceError) return error;
  if (error instanceof HTTPException && error.status < 500) return new IceError('invalidInput');
  console.error(error);
  return new IceError('serviceUnavailable');
}

export function iceErrorResponse(c: Context<AppEnv>, error: IceError) {
  const body = error.body;
  c.set('answerBody', body);
  c.set('answerCode', body.code);
  return c.json(body, error.http as 400);
}
