import { visit } from 'jsonc-parser';
import { MAX_DEPTH, scanValue } from './scan';

/** An integer literal that a JavaScript number cannot hold exactly. */
export interface UnsafeInteger {
  path: (string | number)[];
  /** The literal as written: the exact decimal value. */
  text: string;
}

/**
 * Finds integer literals above 2^53 in one event. The parsed value is checked first (a number
 * that JSON.parse made unsafe is the only sign of one, and checking it is cheap); only then is
 * the text tokenized to read the literals exactly.
 */
export function findUnsafeIntegers(parsed: unknown, jsonOf: () => string): UnsafeInteger[] {
  if (!hasUnsafeNumber(parsed)) return [];
  const json = jsonOf();
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

/** True when any number in the value is beyond the safe integer range (iterative: depth cannot overflow). */
function hasUnsafeNumber(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'number') {
      if (current > Number.MAX_SAFE_INTEGER || current < Number.MIN_SAFE_INTEGER) return true;
    } else if (typeof current === 'object' && current !== null) {
      if (Array.isArray(current)) for (const item of current) stack.push(item);
      else for (const key in current) stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return false;
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
