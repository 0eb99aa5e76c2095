// Curve and ristretto255 constants (RFC 9496 §4.1), as 32-byte little-endian encodings,
// unpacked into field elements once by `initConstants`.
import { fe_frombytes } from "./field";

export const D: usize = memory.data(40);
export const D2: usize = memory.data(40);
export const SQRT_M1: usize = memory.data(40);
export const SQRT_AD_MINUS_ONE: usize = memory.data(40);
export const INVSQRT_A_MINUS_D: usize = memory.data(40);
export const ONE_MINUS_D_SQ: usize = memory.data(40);
export const D_MINUS_ONE_SQ: usize = memory.data(40);

export function initConstants(): void {
  // d = -121665/121666
  fe_frombytes(D, memory.data<u8>([163,120,89,19,202,77,235,117,171,216,65,65,77,10,112,0,152,232,121,119,121,64,199,140,115,254,111,43,238,108,3,82]));
  fe_frombytes(D2, memory.data<u8>([89,241,178,38,148,155,214,235,86,177,131,130,154,20,224,0,48,209,243,238,242,128,142,25,231,252,223,86,220,217,6,36]));
  fe_frombytes(SQRT_M1, memory.data<u8>([176,160,14,74,39,27,238,196,120,228,47,173,6,24,67,47,167,215,251,61,153,0,77,43,11,223,193,79,128,36,131,43]));
  fe_frombytes(SQRT_AD_MINUS_ONE, memory.data<u8>([27,46,123,73,160,246,151,126,189,84,120,27,12,142,157,175,253,209,245,49,201,252,60,15,172,72,131,43,191,49,105,55]));
  fe_frombytes(INVSQRT_A_MINUS_D, memory.data<u8>([234,64,93,128,170,253,200,153,190,114,65,90,23,22,47,157,64,216,1,254,145,123,194,22,162,252,175,207,5,137,108,120]));
  fe_frombytes(ONE_MINUS_D_SQ, memory.data<u8>([118,193,95,148,193,9,124,226,15,53,94,205,56,161,129,44,228,223,112,190,221,171,148,153,215,224,179,178,168,114,144,2]));
  fe_frombytes(D_MINUS_ONE_SQ, memory.data<u8>([32,77,237,68,170,90,173,49,153,25,30,176,44,74,158,210,235,78,155,82,47,211,220,76,65,34,108,246,122,179,104,89]));
}
