/**
 * Typed arrays for the per-text tables (normalised offsets, head marks), carved out of shared blocks.
 * Allocating an ArrayBuffer costs far more than a view on one (an outside allocation the garbage
 * collector must track): per text, it was the largest single cost of preparing a short message.
 * Blocks are never reused: a view always starts zeroed, and a block is freed once no view of it
 * is left.
 */

const BLOCK_BYTES = 1 << 18;
/** Larger arrays get a buffer of their own, so that one long text does not waste a block. */
const MAX_SHARED_BYTES = BLOCK_BYTES >>> 3;

let block = new ArrayBuffer(BLOCK_BYTES);
let used = 0;

/** Where `bytes` zeroed bytes start, 8-aligned, in the current block or in a buffer of their own. */
function carve(bytes: number): { buffer: ArrayBuffer; offset: number } {
  if (bytes > MAX_SHARED_BYTES) return { buffer: new ArrayBuffer(bytes), offset: 0 };
  if (used + bytes > BLOCK_BYTES) {
    block = new ArrayBuffer(BLOCK_BYTES);
    used = 0;
  }
  const offset = used;
  used = (used + bytes + 7) & ~7;
  return { buffer: block, offset };
}

export function arenaInt32Array(length: number): Int32Array {
  const { buffer, offset } = carve(4 * length);
  return new Int32Array(buffer, offset, length);
}

export function arenaUint8Array(length: number): Uint8Array {
  const { buffer, offset } = carve(length);
  return new Uint8Array(buffer, offset, length);
}
