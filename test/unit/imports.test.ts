import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '..', '..', 'server', 'src');

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The server's own modules each file imports, type-only imports included (ESLint's no-cycle skips those). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, false);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.resolve(path.dirname(file), name))
      .map((base) => [`${base}.ts`, path.join(base, 'index.ts')].find((f) => files.includes(f)))
      .filter((f): f is string => f !== undefined);
    graph.set(file, targets);
  }
  return graph;
}

/** One import cycle, as the files around it, or null when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const found = visit(file);
    if (found) return found;
  }
  return null;
}

describe('module boundaries', () => {
  const graph = importGraph(sources(SRC));

  it('server/src has no import cycle, counting type-only imports', () => {
    const cycle = findCycle(graph);
    assert.equal(cycle && cycle.map((f) => path.relative(SRC, f)).join(' -> '), null);
  });

  it('finds a cycle when there is one', () => {
    const a = path.join(SRC, 'a.ts');
    const b = path.join(SRC, 'b.ts');
    assert.deepEqual(findCycle(new Map([[a, [b]], [b, [a]]])), [a, b, a]);
    assert.equal(findCycle(new Map([[a, [b]], [b, []]])), null);
  });

  it('reads the imports it is given: the core reaches its rules', () => {
    assert.ok(graph.get(path.join(SRC, 'core', 'check.ts'))?.includes(path.join(SRC, 'core', 'rules', 'index.ts')));
    assert.ok(graph.get(path.join(SRC, 'core', 'kepYaml.ts'))?.includes(path.join(SRC, 'core', 'rules', 'rule.ts')));
  });
});
