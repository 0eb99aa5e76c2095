import { describe, expect, it } from 'vitest';
import { BodyReader } from './upload.ts';

function streamOf(chunks: Uint8Array[], stallAtEnd = false): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else if (!stallAtEnd) controller.close();
      else return new Promise(() => {}); // a sender that stops sending
    },
  });
}

describe('reading an upload body', () => {
  it('fills buffers across chunk boundaries and knows where the body ends', async () => {
    const r = new BodyReader(streamOf([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])]));
    expect(await r.take(2)).toEqual(new Uint8Array([1, 2]));
    expect(await r.take(3)).toEqual(new Uint8Array([3, 4, 5]));
    expect(await r.atEnd()).toBe(false);
    expect(await r.take(1)).toEqual(new Uint8Array([6]));
    expect(await r.atEnd()).toBe(true);
    expect(r.read).toBe(6);
  });

  it('says when the body ends before a buffer is full', async () => {
    const r = new BodyReader(streamOf([new Uint8Array(5)]));
    expect(await r.take(6)).toBeNull();
  });

  it('stops waiting for a stalled sender at the deadline', async () => {
    const r = new BodyReader(streamOf([new Uint8Array(4)], true));
    r.setDeadline(50);
    expect(await r.take(8)).toBeNull();
    expect(r.timedOut).toBe(true);
    await r.discard(100); // returns although the sender never finishes
  });

  it('discards the rest of a body, within a limit', async () => {
    const r = new BodyReader(streamOf([new Uint8Array(10), new Uint8Array(10), new Uint8Array(10)]));
    expect(await r.take(5)).not.toBeNull();
    await r.discard(1000);
    expect(await r.atEnd()).toBe(true);
  });
});
