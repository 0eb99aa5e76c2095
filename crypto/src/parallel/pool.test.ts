import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferSize, busyWait, crash, fail, sumBytes } from './example-tasks.ts';
import { WorkerPool } from './pool.ts';
import { chunkRanges, runTasks } from './task.ts';

describe('WorkerPool', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.close());

  it('returns outputs in input order, computed on worker threads', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => Uint8Array.from({ length: i }, (_, k) => k));
    const outputs = await pool.map(sumBytes, inputs);
    expect(outputs.map((o) => o.sum)).toEqual(inputs.map((b) => b.reduce((s, x) => s + x, 0)));
    expect(outputs.every((o) => o.thread !== threadId)).toBe(true);
  });

  it('runs jobs on all its workers at the same time', async () => {
    const started = performance.now();
    const threads = await pool.map(busyWait, [150, 150, 150, 150]);
    expect(new Set(threads).size).toBe(2);
    // Four 150 ms jobs on two threads: about 300 ms, far less than 600 ms in sequence.
    expect(performance.now() - started).toBeLessThan(550);
  });

  it('rejects with the error a task threw, keeping its name, and keeps working', async () => {
    await expect(pool.run(fail, 'bad bytes')).rejects.toMatchObject({
      name: 'InvalidEncodingError',
      message: 'bad bytes',
    });
    expect((await pool.run(sumBytes, Uint8Array.of(7))).sum).toBe(7);
  });

  it('replaces a worker that dies, failing only the job it was running', async () => {
    await expect(pool.run(crash, null)).rejects.toThrow(/exited with code 3/);
    const outputs = await pool.map(sumBytes, [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]);
    expect(outputs.map((o) => o.sum)).toEqual([1, 2, 3]);
  });

  it('sends a view as its own bytes, not the whole buffer behind it, and leaves the caller its data', async () => {
    const big = new Uint8Array(1 << 20).fill(1);
    expect(await pool.run(bufferSize, big.subarray(100, 164))).toBe(64);
    expect(await pool.run(bufferSize, big)).toBe(1 << 20);
    expect(big.byteLength).toBe(1 << 20); // not detached by a transfer
    expect(big.subarray(100, 164).every((b) => b === 1)).toBe(true);
  });

  it('maps an empty list to an empty list', async () => {
    expect(await pool.map(sumBytes, [])).toEqual([]);
  });

  it('refuses work after close and rejects what was queued', async () => {
    const other = new WorkerPool({ size: 1 });
    const running = expect(other.run(busyWait, 200)).rejects.toThrow(/closed/);
    const queued = expect(other.run(busyWait, 10)).rejects.toThrow(/closed/);
    await other.close();
    await running;
    await queued;
    await expect(other.run(sumBytes, Uint8Array.of(1))).rejects.toThrow(/closed/);
  });

  it('rejects a size below one', () => {
    expect(() => new WorkerPool({ size: 0 })).toThrow(RangeError);
  });
});

describe('runTasks', () => {
  it('runs here, in order, without a runner', async () => {
    const outputs = await runTasks(undefined, sumBytes, [Uint8Array.of(1, 1), Uint8Array.of(5)]);
    expect(outputs).toEqual([
      { sum: 2, thread: threadId },
      { sum: 5, thread: threadId },
    ]);
  });
});

describe('chunkRanges', () => {
  it('covers every index once, in order, within the size bounds', () => {
    for (const count of [1, 2, 7, 100, 1000, 12345]) {
      const ranges = chunkRanges(count, { parallelism: 2, perThread: 4, minSize: 16, maxSize: 1000 });
      expect(ranges[0]?.start).toBe(0);
      expect(ranges.at(-1)?.end).toBe(count);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.start).toBe(ranges[i - 1]?.end);
      for (const r of ranges.slice(0, -1)) {
        expect(r.end - r.start).toBeGreaterThanOrEqual(16);
        expect(r.end - r.start).toBeLessThanOrEqual(1000);
      }
    }
    expect(chunkRanges(0, { parallelism: 2 })).toEqual([]);
    expect(chunkRanges(100, { parallelism: 2, perThread: 4 })).toHaveLength(8);
  });
});
