export * from './core.js';
export * from './world.js';
export * from './records.js';
export * from './freepay.js';
export * from './ice.js';
export * from './webhooks.js';
export * from './freepay-accounts.js';
