// Host side of the ristretto255 engine (docs/SPEC.md §2.4): instantiates the WebAssembly module
// built from crypto/engine and moves points and scalars in and out of its linear memory.
//
// Memory layout, from the engine's heap base up:
//   [ engine stack, STACK_SIZE bytes, grows down ][ fixed-base tables ][ per-call scratch ... ]
// The per-call scratch is a bump region reset at the start of every public operation; calls are
// synchronous and an instance is never shared between threads, so no two calls overlap.
import { ENGINE_WASM_BASE64 } from './wasm.generated.ts';

export const POINT_SIZE = 160;
export const SCALAR_SIZE = 32;
export const ENCODING_SIZE = 32;
const STACK_SIZE = 512 * 1024;
const PAGE = 65536;

interface EngineExports {
  memory: WebAssembly.Memory;
  init(stackTop: number, stackLimit: number): void;
  heap_base(): number;
  fixed_table_size(): number;
  decode(out: number, bytes: number): number;
  decode_batch(out: number, bytes: number, n: number): number;
  encode(out: number, p: number): void;
  encode_batch(out: number, points: number, n: number): void;
  equals(p: number, q: number): number;
  is_identity(p: number): number;
  add(out: number, p: number, q: number): void;
  sub(out: number, p: number, q: number): void;
  neg(out: number, p: number): void;
  from_uniform(out: number, bytes: number): void;
  mul(out: number, p: number, scalar: number): void;
  table_build(table: number, p: number): void;
  table_mul(out: number, table: number, scalar: number): void;
  table_mul_batch(out: number, table: number, scalars: number, n: number): void;
  msm_scratch(n: number): number;
  msm(out: number, points: number, scalars: number, n: number, scratch: number): void;
  msm_window(n: number): number;
  pippenger_scratch(n: number, c: number): number;
  pippenger(out: number, points: number, scalars: number, n: number, c: number, scratch: number): void;
  ed_decode(out: number, bytes: number): number;
  ed_encode(out: number, p: number): void;
  ed_mul8_is_identity(p: number): number;
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const module = await WebAssembly.compile(base64ToBytes(ENGINE_WASM_BASE64));
const instance = await WebAssembly.instantiate(module, {});
const wasm = instance.exports as unknown as EngineExports;

const stackLimit = wasm.heap_base() + 16;
const stackTop = stackLimit + STACK_SIZE;
ensureMemory(stackTop);
wasm.init(stackTop, stackLimit);

export const FIXED_TABLE_SIZE = wasm.fixed_table_size();

let tablesTop = stackTop; // fixed-base tables are allocated here, scratch starts above them
const freeTables: number[] = [];
let scratchTop = tablesTop;

let u8 = new Uint8Array(wasm.memory.buffer);
let view = new DataView(wasm.memory.buffer);

function ensureMemory(end: number): void {
  const have = wasm.memory.buffer.byteLength;
  if (end > have) wasm.memory.grow(Math.ceil((end - have) / PAGE));
}

function refreshViews(): void {
  if (u8.buffer !== wasm.memory.buffer) {
    u8 = new Uint8Array(wasm.memory.buffer);
    view = new DataView(wasm.memory.buffer);
  }
}

/** Starts a new operation: all scratch from earlier operations is free again. */
export function begin(): void {
  scratchTop = tablesTop;
}

/** Reserves `n` bytes of scratch (16-byte aligned) for the current operation. */
export function alloc(n: number): number {
  const at = scratchTop;
  scratchTop += (n + 15) & ~15;
  ensureMemory(scratchTop);
  refreshViews();
  return at;
}

export function memory(): Uint8Array {
  refreshViews();
  return u8;
}

export function writeBytes(at: number, bytes: Uint8Array): void {
  refreshViews();
  u8.set(bytes, at);
}

export function readBytes(at: number, n: number): Uint8Array {
  refreshViews();
  return u8.slice(at, at + n);
}

const MASK64 = (1n << 64n) - 1n;

/** Writes a scalar 0 <= s < 2^255 as 32 little-endian bytes. */
export function writeScalar(at: number, s: bigint): void {
  refreshViews();
  view.setBigUint64(at, s & MASK64, true);
  view.setBigUint64(at + 8, (s >> 64n) & MASK64, true);
  view.setBigUint64(at + 16, (s >> 128n) & MASK64, true);
  view.setBigUint64(at + 24, s >> 192n, true);
}

/** Fixed-base tables live outside the per-call scratch until released. */
export function allocTable(): number {
  const reused = freeTables.pop();
  if (reused !== undefined) return reused;
  const at = tablesTop;
  tablesTop += FIXED_TABLE_SIZE;
  scratchTop = tablesTop;
  ensureMemory(tablesTop);
  refreshViews();
  return at;
}

export function freeTable(at: number): void {
  freeTables.push(at);
}

export { wasm };
