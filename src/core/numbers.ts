import { visit } from 'jsonc-parser';
import { MAX_DEPTH, scanValue } from './scan';

/** An integer literal that a JavaScript number cannot hold exactly. */
export interface UnsafeInteger {
  path: (string | number)[];
  /** The literal as written: the exact decimal value. */
  text: string;
}

/**
 * Reads the integer literals above 2^53 in one event's JSON text exactly. Call it only when
 * `measureValue` saw an unsafe number in the parsed value: the tokenizer is the slow part.
 */
export function findUnsafeIntegers(json: string): UnsafeInteger[] {
  const first = json.search(/\S/);
  if (first < 0 || scanValue(json, first).depth > MAX_DEPTH) return [];
  const found: UnsafeInteger[] = [];
  visit(json, {
    onLiteralValue(value, offset, length, _line, _column, pathSupplier) {
      if (typeof value !== 'number') return;
      const literal = json.slice(offset, offset + length);
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(value)) found.push({ path: pathSupplier().slice(), text: literal });
    },
  }, { disallowComments: true, allowTrailingComma: true });
  return found;
}

/** The exact decimal text of an id value, or undefined when it is not an id. */
export function exactId(value: unknown, unsafe: ReadonlyMap<string, string> | undefined, key: string): string | undefined {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    return Number.isInteger(value) ? unsafe?.get(key) ?? BigInt(value).toString() : undefined;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
  return undefined;
}

/** Compares two decimal id strings numerically. */
export function compareIds(a: string, b: string): number {
  const negA = a.startsWith('-'), negB = b.startsWith('-');
  if (negA !== negB) return negA ? -1 : 1;
  const sign = negA ? -1 : 1;
  if (a.length !== b.length) return (a.length - b.length) * sign;
  return (a < b ? -1 : a > b ? 1 : 0) * sign;
}
