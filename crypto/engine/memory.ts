// Scratch memory for the engine (docs/SPEC.md §2.4).
// The engine never allocates from a heap: temporaries live on a downward-growing stack that the
// host places with `init`, and large buffers (MSM buckets, digits) are passed in by the host.

let SP: usize = 0;
let STACK_LIMIT: usize = 0;

export function initStack(top: usize, limit: usize): void {
  SP = top;
  STACK_LIMIT = limit;
}

/** Reserves `n` bytes (8-byte aligned) on the engine stack; pair with `release`. */
@inline export function reserve(n: usize): usize {
  SP -= (n + 7) & ~(<usize>7);
  if (SP < STACK_LIMIT) unreachable();
  return SP;
}

@inline export function release(n: usize): void {
  SP += (n + 7) & ~(<usize>7);
}
