// Every provider the sandbox mounts: the one place that names them. Core and the control API
// take this list and know a provider only through core/provider.ts.
import type { Provider } from '../core/provider.js';
import { jibit } from './jibit/index.js';
import { freepay } from './freepay/index.js';
import { ice } from './ice/index.js';

export const providers: readonly Provider[] = [jibit, freepay, ice];
