// The layout docs/architecture.md describes, checked (issue 18): no import circles between the
// logger's source files, and the folders as floors (serialize/ imports nothing else of the
// package, redact/ only serialize/, and so on).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/** file → the package files it imports (type-only imports count: they are still coupling). */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const deps: string[] = [];
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gs)) {
      const target = resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts');
      if (known.has(target)) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** Groups of files that import each other, directly or around a loop (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(relative(SRC, w));
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

const folderOf = (file: string): string => {
  const rel = relative(SRC, file);
  return rel.includes('/') ? rel.split('/')[0]! : '.';
};

/** The folders each folder may import from (the floors of docs/architecture.md). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  serialize: [],
  redact: ['serialize'],
  context: ['serialize', '.'],
  levels: ['context', '.'],
  output: ['context', '.'],
  line: ['serialize', 'redact', 'context', '.'],
  http: ['serialize', 'redact', 'context', 'line', '.'],
  express: ['http', 'context', '.'],
  fastify: ['http', 'context', '.'],
};

describe('the logger source layout', () => {
  const graph = importGraph();

  it('has no import circles', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('keeps its folders as floors (serialize/ imports nothing else of the package)', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      const allowed = MAY_IMPORT[from];
      if (allowed === undefined) continue; // the top-level frame files
      for (const dep of deps) {
        const to = folderOf(dep);
        if (to !== from && !allowed.includes(to)) {
          upward.push(`${relative(SRC, file)} -> ${relative(SRC, dep)}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('has every folder in the table above (a new folder gets a floor)', () => {
    const folders = new Set([...graph.keys()].map(folderOf));
    folders.delete('.');
    expect([...folders].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });
});
