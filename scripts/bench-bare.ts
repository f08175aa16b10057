// The reference for the benchmark: a bare Hono route on @hono/node-server, nothing else. Beside
// it, for calibration, the same answer after a fixed amount of busy CPU work (`/work/60`: 60 µs),
// which shows what ratio to the bare route a route that costs that much more per call can reach.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/bare', (c) => c.json({ ok: true }));
app.get('/work/:us{[0-9]{1,4}}', (c) => {
  const until = performance.now() + Number(c.req.param('us')) / 1000;
  while (performance.now() < until);
  return c.json({ ok: true });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`serving on http://localhost:${info.port}`);
});

// Exits rather than dies on SIGTERM, so a profile taken with --cpu-prof is written.
process.once('SIGTERM', () => process.exit(0));
