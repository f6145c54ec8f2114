// Issue 8, "Runtime levels": the level changes at run time for the root logger and all its
// children (request children included), and LOG_LEVEL=info,db=debug sets per-module levels
// (module = a child's `name`, written as `log.logger`).
import { afterEach, describe, expect, it } from 'vitest';
import { setLevel } from '../../src/levels/set-level.js';
import { capture } from '../helpers/capture.js';

const saved = process.env.LOG_LEVEL;
afterEach(() => {
  if (saved === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = saved;
});

function messages(c: ReturnType<typeof capture>): string[] {
  return c.records().map((r) => `${r['log.logger'] ?? 'root'}:${r['log.level']}:${r.message}`);
}

describe('runtime levels', () => {
  it('setLevel reaches the root, unnamed children, grandchildren and children made later', () => {
    delete process.env.LOG_LEVEL;
    const c = capture();
    const child = c.log.child({ request: 'a' });
    const grandchild = child.child({ step: 1 });
    child.debug('hidden');
    setLevel('debug', c.log);
    c.log.debug('root debug');
    child.debug('child debug');
    grandchild.debug('grandchild debug');
    c.log.child({ late: true }).debug('late debug');
    setLevel('error', c.log);
    child.warn('hidden');
    grandchild.error('grandchild error');
    expect(messages(c)).toEqual([
      'root:debug:root debug',
      'root:debug:child debug',
      'root:debug:grandchild debug',
      'root:debug:late debug',
      'root:error:grandchild error',
    ]);
  });

  it('LOG_LEVEL=info,db=debug: the db module and its children at debug, the rest at info', () => {
    process.env.LOG_LEVEL = 'info,db=debug';
    const c = capture();
    const db = c.log.child({ name: 'db' });
    const http = c.log.child({ name: 'http' });
    db.debug('query');
    db.child({ table: 't' }).debug('query in child');
    http.debug('hidden');
    c.log.debug('hidden');
    c.log.info('root info');
    expect(messages(c)).toEqual([
      'db:debug:query',
      'db:debug:query in child',
      'root:info:root info',
    ]);
  });

  it('setLevel with modules replaces the module list; named children follow the default again', () => {
    process.env.LOG_LEVEL = 'warn,db=debug';
    const c = capture();
    const db = c.log.child({ name: 'db' });
    const cache = c.log.child({ name: 'cache' });
    setLevel('info,cache=trace', c.log);
    db.debug('hidden: db has no entry any more');
    db.info('db info');
    cache.trace('cache trace');
    setLevel('error', c.log);
    cache.warn('hidden');
    db.info('hidden');
    db.error('db error');
    expect(messages(c)).toEqual([
      'db:info:db info',
      'cache:trace:cache trace',
      'db:error:db error',
    ]);
  });

  it('an explicit child level is the caller’s and is left alone by module levels', () => {
    process.env.LOG_LEVEL = 'info,db=debug';
    const c = capture();
    const pinned = c.log.child({ name: 'db' }, { level: 'error' });
    pinned.debug('hidden');
    pinned.error('pinned error');
    expect(messages(c)).toEqual(['db:error:pinned error']);
  });

  it('bad specs throw naming the source', () => {
    process.env.LOG_LEVEL = 'info,db=loud';
    expect(() => capture()).toThrow(/LOG_LEVEL="info,db=loud": "db=loud" is not a level/);
    process.env.LOG_LEVEL = 'info,=debug';
    expect(() => capture()).toThrow(/LOG_LEVEL.*has no module name/);
    delete process.env.LOG_LEVEL;
    const c = capture();
    expect(() => setLevel('verbose', c.log)).toThrow(/setLevel\(spec\)="verbose"/);
    expect(() => setLevel('debug', {} as never)).toThrow(/must come from createLogger/);
  });
});
