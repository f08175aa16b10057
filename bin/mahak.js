#!/usr/bin/env node
// The mahak command run from a checkout's TypeScript sources, through tsx (the repository's own
// tests and `npm run mahak`). The package's `mahak` is the build's bundle, dist/bundle/mahak.mjs, plain node.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
