// JSON Canonicalization Scheme (RFC 8785), docs/SPEC.md §1.3: the bytes that are hashed and signed
// for manifests, board entries, receipts and results.
//   - objects: members sorted by the UTF-16 code units of their names, recursively;
//   - numbers: the ECMAScript Number-to-String form (finite numbers only);
//   - strings: JSON escaping of ECMAScript's JSON.stringify (I-JSON: no lone surrogates);
//   - no white space.
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

function serialize(value: unknown, path: string, depth: number): string {
  if (depth > 64) throw new CanonicalJsonError(`${path}: nested too deeply`);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: not a finite number`);
      return JSON.stringify(value);
    case 'string':
      if (!value.isWellFormed()) throw new CanonicalJsonError(`${path}: string with a lone surrogate`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => serialize(v, `${path}[${i}]`, depth + 1)).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: not a plain object`);
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const members = entries.map(([k, v]) => {
        if (!k.isWellFormed()) throw new CanonicalJsonError(`${path}: member name with a lone surrogate`);
        return `${JSON.stringify(k)}:${serialize(v, `${path}.${k}`, depth + 1)}`;
      });
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} is not a JSON value`);
  }
}

/** RFC 8785 canonical form of a JSON value, as a string. Members whose value is undefined are omitted. */
export function canonicalize(value: unknown): string {
  return serialize(value, '$', 0);
}

/** RFC 8785 canonical form, UTF-8 encoded. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}
