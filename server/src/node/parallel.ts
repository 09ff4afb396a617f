/**
 * Runs one task per index on this thread and on worker threads at once, and returns the results in
 * index order, synchronously. The threads take indices from one shared counter, so a large file
 * does not hold up the others; results come back over message ports, read once every thread is
 * done.
 *
 * The worker side runs the same bundled script: it calls `serveWorker` at start-up, which answers
 * only when the script was started by `parallelMap` with the same `kind`.
 */
import { MessageChannel, receiveMessageOnPort, Worker, isMainThread, workerData, type MessagePort } from 'node:worker_threads';

/** Slots of the shared counter: the next index to take, and how many threads are working on one. */
const NEXT = 0;
const BUSY = 1;

interface WorkerInput<C> {
  kind: string;
  count: number;
  context: C;
  shared: SharedArrayBuffer;
  port: MessagePort;
}

interface Done<R> {
  index: number;
  result: R;
}

/** Takes indices until none are left, calling `deliver` with each result. */
function drain<R>(shared: Int32Array, count: number, task: (index: number) => R, deliver: (index: number, result: R) => void): void {
  for (;;) {
    Atomics.add(shared, BUSY, 1);
    const index = Atomics.add(shared, NEXT, 1);
    try {
      if (index >= count) return;
      deliver(index, task(index));
    } finally {
      Atomics.sub(shared, BUSY, 1);
      Atomics.notify(shared, BUSY);
    }
  }
}

export interface ParallelOptions<C> {
  /** The bundled script that calls `serveWorker(kind, ...)` when started as a worker. */
  script: string;
  kind: string;
  /** Threads in all, this one included; 1 runs everything here. */
  threads: number;
  /** What every thread needs to build its task (structured-cloneable data, no functions). */
  context: C;
}

/**
 * `makeTask(context)(i)` for every i in [0, count), spread over `threads` threads. `makeTask` must
 * be the same function the worker side passes to `serveWorker`. A task must not throw: return the
 * error as a result instead (a throw on a worker is returned by `onError`).
 */
export function parallelMap<C, R>(count: number, makeTask: (context: C) => (index: number) => R, options: ParallelOptions<C>, onError: (index: number, error: unknown) => R): R[] {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const results = new Array<R>(count);
  const filled = new Array<boolean>(count).fill(false);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const extra = Math.max(0, Math.min(options.threads, count) - 1);
  for (let i = 0; i < extra; i++) {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput<C> = { kind: options.kind, count, context: options.context, shared: shared.buffer as SharedArrayBuffer, port: port2 };
    try {
      const worker = new Worker(options.script, { workerData: input, transferList: [port2], stdout: false, stderr: false });
      worker.unref();
      // A worker that fails to start takes no index; this thread does its share.
      worker.on('error', () => undefined);
      workers.push(worker);
      ports.push(port1);
    } catch {
      port1.close();
      break;
    }
  }
  const task = makeTask(options.context);
  drain(
    shared,
    count,
    (index) => {
      try {
        return task(index);
      } catch (e) {
        return onError(index, e);
      }
    },
    (index, result) => {
      results[index] = result;
      filled[index] = true;
    },
  );
  // Every index is taken; wait for the workers still on one.
  for (let busy = Atomics.load(shared, BUSY); busy > 0; busy = Atomics.load(shared, BUSY)) Atomics.wait(shared, BUSY, busy, 1000);
  for (const port of ports) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const done = m.message as Done<R>;
      results[done.index] = done.result;
      filled[done.index] = true;
    }
    port.close();
  }
  for (const w of workers) void w.terminate();
  // Anything a worker took but never answered (it could not post its result): do it here.
  for (let i = 0; i < count; i++) {
    if (filled[i]) continue;
    try {
      results[i] = task(i);
    } catch (e) {
      results[i] = onError(i, e);
    }
  }
  return results;
}

/** The worker side: when this thread was started by `parallelMap` for `kind`, works and returns true. */
export function serveWorker<C, R>(kind: string, makeTask: (context: C) => (index: number) => R): boolean {
  if (isMainThread) return false;
  const input = workerData as WorkerInput<C> | null;
  if (!input || input.kind !== kind) return false;
  const shared = new Int32Array(input.shared);
  const task = makeTask(input.context);
  const attempt = (index: number): { ok: true; result: R } | { ok: false } => {
    try {
      return { ok: true, result: task(index) };
    } catch {
      return { ok: false };
    }
  };
  drain(shared, input.count, attempt, (index, outcome) => {
    if (!outcome.ok) return; // the main thread sees the gap and does this one itself
    try {
      input.port.postMessage({ index, result: outcome.result } satisfies Done<R>);
    } catch {
      // Not cloneable: the same.
    }
  });
  input.port.close();
  return true;
}
