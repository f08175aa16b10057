// The reference for the benchmark: a bare Hono route on @hono/node-server, nothing else.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/bare', (c) => c.json({ ok: true }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`serving on http://localhost:${info.port}`);
});

// Exits rather than dies on SIGTERM, so a profile taken with --cpu-prof is written.
process.once('SIGTERM', () => process.exit(0));
