// Real PostgreSQL and Redis for the tests (Debian `postgresql` and `redis-server`, installed by
// scripts/ci-system-deps.sh): each test file starts its own instances in a temp dir, on a free
// 127.0.0.1 port, and stops them. Never the system services.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RealServer {
  port: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Directory of `initdb`/`pg_ctl`: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
function pgBin(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb')))
    return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why PostgreSQL cannot run here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  if (!pgBin()) {
    return 'PostgreSQL not found (no initdb under /usr/lib/postgresql/*/bin or PG_BIN): install Debian postgresql (scripts/ci-system-deps.sh)';
  }
  if (process.getuid?.() === 0 && !userIds('postgres')) {
    return 'running as root and there is no "postgres" user to run the server as';
  }
  return undefined;
}

export function redisMissing(): string | undefined {
  const found = spawnSync('redis-server', ['--version']);
  return found.status === 0
    ? undefined
    : 'redis-server not found: install Debian redis-server (scripts/ci-system-deps.sh)';
}

function userIds(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * initdb + pg_ctl start in a fresh temp dir (trust auth, user `ecotrace`, fsync off), listening
 * on 127.0.0.1 only. PostgreSQL refuses to run as root: as root, it runs as the `postgres` user.
 */
export async function startPostgres(): Promise<RealServer & { url: string }> {
  const bin = pgBin() as string;
  const dir = mkdtempSync(join(tmpdir(), 'ecotrace-pg-'));
  const ids = process.getuid?.() === 0 ? userIds('postgres') : undefined;
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const asUser = ids ? { uid: ids.uid, gid: ids.gid } : {};
  const data = join(dir, 'data');
  const run = (cmd: string, args: string[]): void => {
    const r = spawnSync(join(bin, cmd), args, { ...asUser, cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout || r.error}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'ecotrace', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-t',
    '60',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
    'start',
  ]);
  return {
    port,
    url: `postgres://ecotrace@127.0.0.1:${port}/postgres`,
    async stop() {
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], {
        ...asUser,
        cwd: dir,
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** redis-server on a free port, no persistence, its dir a temp dir. */
export async function startRedis(): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ecotrace-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  while (!(await ping(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('redis-server did not start');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
