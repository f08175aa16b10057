// The control API's body limits (README "Limits"): scenario uploads up to 1,000,000 bytes, every
// other body, a few JSON fields at most, up to 256 KiB; past them, 413 payload_too_large unread.
import { BodyTooLarge, limitBody, type BodyUnreadable } from '../core/body-limit.js';
import { SandboxError } from './errors.js';

/** Larger than any scenario a person writes. */
export const maxScenarioBytes = 1_000_000;
/** The JSON bodies (tenant settings, clock commands, journal checks) stay far below this. */
export const controlBodyBytes = 256 * 1024;

export const controlBodyRefused = (error: BodyTooLarge | BodyUnreadable) =>
  error instanceof BodyTooLarge ? new SandboxError(413, 'payload_too_large', error.message) : new SandboxError(400, 'bad_request', error.message);

const isScenarioUpload = (method: string, path: string) => method === 'POST' && /\/scenarios\/?$/.test(path);

/** Every control API body read under its limit before its route runs. */
export const controlBodyLimit = limitBody((c) => (isScenarioUpload(c.req.method, c.req.path) ? maxScenarioBytes : controlBodyBytes), controlBodyRefused);
