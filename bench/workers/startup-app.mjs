// The app of the tracing-startup scenario: an Express service with a PostgreSQL and a Redis
// client (imported, not connected: what start-up loads is the point). Tracing, if any, is
// preloaded by the parent's `--import`. It reports its port over IPC as soon as it listens, and
// answers GET / (the first request the parent times) and GET /rss (its memory and the CPU time
// it has used, after that request).
import express from 'express';
import Redis from 'ioredis';
import pg from 'pg';

void Redis;
void pg;
const app = express();
app.get('/', (_req, res) => res.json({ ok: true }));
app.get('/rss', (_req, res) => {
  const cpu = process.cpuUsage();
  res.json({
    rss: process.memoryUsage().rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    cpuMicros: cpu.user + cpu.system,
  });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
