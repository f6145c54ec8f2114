import { describe, expect, it } from 'vitest';
import { spawnService, waitForHttp } from '../src/index.js';

const server = `
const http = require('node:http');
const s = http.createServer((req, res) => { console.log('hit ' + req.url); res.end('ok'); });
s.listen(0, '127.0.0.1', () => console.log('listening ' + s.address().port));
process.on('SIGTERM', () => { console.log('bye'); s.close(() => process.exit(7)); });
`;

describe('spawnService', () => {
  it('captures stdout lines, waits for HTTP and reports the exit code after SIGTERM', async () => {
    const svc = spawnService(process.execPath, ['-e', server]);
    const line = await svc.waitForLine((l) => l.startsWith('listening '), 20_000);
    const port = Number(line.split(' ')[1]);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`);
    await svc.waitForLine((l) => l === 'hit /healthz');
    expect(await svc.stop('SIGTERM')).toEqual({ code: 7, signal: null });
    expect(svc.lines()).toContain('bye');
  });

  it('rejects waitForLine when the process exits, with its output', async () => {
    const svc = spawnService(process.execPath, [
      '-e',
      'console.log("one"); console.error("oops"); process.exit(3)',
    ]);
    await expect(svc.waitForLine((l) => l === 'never', 20_000)).rejects.toThrow(
      /process exited[\s\S]*one[\s\S]*oops/,
    );
    expect((await svc.exited).code).toBe(3);
  });

  it('waitForHttp fails after its timeout when nothing listens', async () => {
    await expect(waitForHttp('http://127.0.0.1:1/', 300)).rejects.toThrow(/did not answer/);
  });
});
