export * from './core.js';
export * from './world.js';
