import { visit } from 'jsonc-parser';
import { nestedTooDeep } from './scan';

/** A decimal integer as a JSON string holds it: how Dialpad's REST API writes every int64. */
export const DECIMAL_INTEGER = /^-?\d+$/;

/** True for a string of decimal digits (an optional minus first). */
export function isDecimalInteger(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_INTEGER.test(value);
}

/**
 * An int64 field's value as a number: a JSON number, or a decimal string as the REST API writes
 * it (read as `JSON.parse` would read the same digits). Null for anything else.
 */
export function int64Number(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return isDecimalInteger(value) ? Number(value) : null;
}

/** An integer literal that `JSON.parse` reads as another value. */
export interface UnsafeInteger {
  path: (string | number)[];
  /** The literal as written. */
  text: string;
  /** Its exact decimal value, when it is an integer of at most 400 digits. */
  exact?: string;
  /** What `JSON.parse` makes of it, in decimal ("Infinity" past the largest double). */
  parsed: string;
}

/**
 * The integer literals of one event's JSON text that `JSON.parse` changes (rounds, or makes
 * Infinity). Call it only when `measureValue` saw a number beyond the safe range in the parsed
 * value: the tokenizer is the slow part, and below 2^53 every integer is exact.
 */
export function findUnsafeIntegers(json: string): UnsafeInteger[] {
  if (nestedTooDeep(json)) return [];
  const found: UnsafeInteger[] = [];
  visit(json, {
    onLiteralValue(value, offset, length, _line, _column, pathSupplier) {
      if (typeof value !== 'number' || Number.isSafeInteger(value)) return;
      const literal = json.slice(offset, offset + length);
      const exact = literalInteger(literal);
      if (Number.isFinite(value) && exact === undefined) return; // a fraction: not an integer that was rounded
      const parsed = Number.isFinite(value) ? BigInt(value).toString() : 'Infinity';
      if (parsed !== exact) found.push({ path: pathSupplier().slice(), text: literal, ...(exact !== undefined ? { exact } : {}), parsed });
    },
  }, { disallowComments: true, allowTrailingComma: true });
  return found;
}

// Past this many digits before the point a literal is beyond every finite double (about 1.8e308).
const MAX_INTEGER_DIGITS = 400;

/**
 * The exact decimal of a JSON number literal that denotes an integer ("12", "1.5e1", "-0", "1E21"),
 * without leading zeros and with "-0" as "0"; undefined when it has a fractional part or is beyond
 * any double (`JSON.parse` then gives Infinity).
 */
export function literalInteger(literal: string): string | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponent] = match;
  const digits = whole! + fraction;
  // Where the decimal point falls in `digits`.
  const point = whole!.length + (exponent === undefined ? 0 : Number(exponent));
  if (!Number.isFinite(point)) return undefined;
  const firstNonZero = digits.search(/[1-9]/);
  if (firstNonZero < 0) return '0';
  if (point > MAX_INTEGER_DIGITS + digits.length) return undefined;
  // Every digit after the point must be 0.
  if (point < digits.length && /[1-9]/.test(digits.slice(Math.max(point, 0)))) return undefined;
  const integer = point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point);
  const trimmed = integer.replace(/^0+/, '');
  if (trimmed.length > MAX_INTEGER_DIGITS) return undefined;
  return `${sign}${trimmed}`;
}

/** The exact decimal text of an id value, or undefined when it is not an id. */
export function exactId(value: unknown, unsafe: ReadonlyMap<string, string> | undefined, key: string): string | undefined {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    return Number.isInteger(value) ? unsafe?.get(key) ?? BigInt(value).toString() : undefined;
  }
  if (isDecimalInteger(value)) return value;
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
