import { fieldDoc } from './fieldDocs';
import { readJsonValue } from './jsonText';
import { isDecimalInteger } from './numbers';
import { ExactInteger, withExactIntegers } from './redact';
import { nestedTooDeep } from './scan';
import { toSafeJson } from '../shared/untrustedText';

/**
 * An event's JSON as the compare view shows it (JSONC): keys sorted at every level, two spaces of
 * indent, one value per line, integers above 2^53 written with their exact digits, and each documented
 * timestamp followed by a `// UTC …Z` line comment. The annotation is a comment on the value's own line
 * rather than an added key, so a changed time is one changed line in the diff and every key shown is
 * one the payload has. Undefined when the text is not a JSON value (or nests deeper than the reader reads).
 */
export function normalizedEvent(json: string): string | undefined {
  if (nestedTooDeep(json)) return undefined;
  const read = readJsonValue(json);
  if (!('value' in read)) return undefined;
  const value = withExactIntegers(read.value, json);
  const lines: string[] = [];
  writeValue(value, [], '', '', lines);
  return `${lines.join('\n')}\n`;
}

/** Writes `node` on lines: `prefix` before its first line (the key), `after` (a comma) at its end. */
function writeValue(node: unknown, path: (string | number)[], indent: string, prefix: string, lines: string[], after = ''): void {
  if (Array.isArray(node) || (typeof node === 'object' && node !== null && !(node instanceof ExactInteger))) {
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((item, i) => [i, item])
      : Object.keys(node).sort(byCodeUnit).map((key) => [key, (node as Record<string, unknown>)[key]]);
    const [open, close] = Array.isArray(node) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      lines.push(`${indent}${prefix}${open}${close}${after}`);
      return;
    }
    lines.push(`${indent}${prefix}${open}`);
    const inner = `${indent}  `;
    entries.forEach(([key, item], i) => {
      const comma = i < entries.length - 1 ? ',' : '';
      writeValue(item, [...path, key], inner, typeof key === 'number' ? '' : `${toSafeJson(key)}: `, lines, comma);
    });
    lines.push(`${indent}${close}${after}`);
    return;
  }
  const text = node instanceof ExactInteger ? node.text : toSafeJson(node) ?? 'null';
  const time = utcOf(node, path);
  lines.push(`${indent}${prefix}${text}${after}${time ? ` // UTC ${time}` : ''}`);
}

/** The UTC time of a documented timestamp field's value (unix ms or s, a number or a decimal string). */
function utcOf(value: unknown, path: readonly (string | number)[]): string | undefined {
  const kind = fieldDoc(path)?.value;
  if (kind !== 'timestamp-ms' && kind !== 'timestamp-s') return undefined;
  const n = typeof value === 'number' ? value : isDecimalInteger(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n === 0) return undefined;
  const date = new Date(kind === 'timestamp-s' ? n * 1000 : n);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// Plain code-unit order: the same on every machine, whatever the locale.
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
