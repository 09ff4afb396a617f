import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { parallelMap } from '../../server/src/node/parallel';
import { KIND, makeTask, type Context, type Done } from '../fixtures/parallel/task';

const SCRIPT = path.resolve(__dirname, '..', 'fixtures', 'parallel', 'worker.cjs');

describe('parallelMap: one task per index on this thread and worker threads', function () {
  this.timeout(30000);
  const context = (threads: number, failOnWorker: number[] = []): Context => {
    const started = new Int32Array(new SharedArrayBuffer(8));
    started[1] = threads;
    return { started: started.buffer as SharedArrayBuffer, failOnWorker };
  };
  const onError = (index: number, e: unknown): Done => ({ index, thread: -1 - String(e).length });

  it('three threads share the work; the results come back in index order', () => {
    const results = parallelMap(40, makeTask, { script: SCRIPT, kind: KIND, threads: 3, context: context(3) }, onError);
    assert.deepEqual(
      results.map((r) => r.index),
      Array.from({ length: 40 }, (_, i) => i),
    );
    assert.equal(new Set(results.map((r) => r.thread)).size, 3);
    assert.ok(results.some((r) => r.thread === 0), 'this thread took its share');
  });

  it('an index a worker fails on is done again on this thread', () => {
    // The worker fails every index; it takes at least one (each thread's first task waits for all).
    const all = Array.from({ length: 40 }, (_, i) => i);
    const results = parallelMap(40, makeTask, { script: SCRIPT, kind: KIND, threads: 2, context: context(2, all) }, onError);
    assert.deepEqual(results, all.map((index) => ({ index, thread: 0 })));
  });

  it('one thread: everything here, without a worker', () => {
    const results = parallelMap(5, makeTask, { script: SCRIPT, kind: KIND, threads: 1, context: context(1) }, onError);
    assert.deepEqual(results, [0, 1, 2, 3, 4].map((index) => ({ index, thread: 0 })));
  });

  it('a task that throws on this thread: its onError result stands in', () => {
    const throwing = (): ((i: number) => Done) => (i) => {
      if (i === 2) throw new Error('bad');
      return { index: i, thread: 0 };
    };
    const results = parallelMap(4, throwing, { script: SCRIPT, kind: KIND, threads: 1, context: context(1) }, onError);
    assert.deepEqual(results[2], { index: 2, thread: -1 - 'Error: bad'.length });
  });
});
