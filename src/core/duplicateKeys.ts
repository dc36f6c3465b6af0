import { visit } from 'jsonc-parser';
import { excerpt } from './problems';

const QUOTE = 0x22, BACKSLASH = 0x5c;

/**
 * Counts, without parsing, an upper bound of the object keys written in the JSON text `text[start, end)`
 * at every depth: the colons whose last character before them (white space aside) is an unescaped quote.
 * Every key's colon is one (a key's closing quote is never escaped); the only others are colons that
 * open a string's content (`":-)"`), which real payloads rarely have. So when the count equals the
 * keys `JSON.parse` kept, no key was repeated; when it is larger, `findDuplicateKeys` decides.
 * Meant for text `JSON.parse` accepted; one `indexOf` per colon, so far cheaper than a tokeniser.
 */
export function countKeyTokens(document: string, start = 0, end = document.length): number {
  // Searched within the range only: an event with no colon would have `indexOf` run on to the next colon
  // after it, through every event between (a file of `{}` lines took time growing with its square).
  const text = start === 0 && end === document.length ? document : document.slice(start, end);
  start = 0;
  let keys = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    // The usual key, `"name":`, decided at once.
    if (text.charCodeAt(i - 1) === QUOTE && text.charCodeAt(i - 2) !== BACKSLASH && i - 1 > start) {
      keys++;
      continue;
    }
    let j = i - 1;
    let c = text.charCodeAt(j);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(--j);
    if (c !== QUOTE || j < start) continue;
    let backslashes = 0;
    while (j - 1 - backslashes >= start && text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) keys++;
  }
  return keys;
}

/** A key written a second time in the same object: where the second one is, and both values' text. */
export interface DuplicateKey {
  key: string;
  /** The path of the object holding the key (empty at top level). */
  path: (string | number)[];
  /** The second key's token (quotes included), in the JSON text. */
  offset: number;
  length: number;
  firstValue: string;
  secondValue: string;
}

interface KeyEntry {
  key: string;
  offset: number;
  length: number;
  valueStart: number;
  valueEnd: number;
}

interface Frame {
  keys: Map<string, KeyEntry> | null;
  current: KeyEntry | null;
}

/**
 * Finds every key repeated within one object of a JSON text (each later occurrence against the one
 * before it). Linear; the caller bounds the nesting (the parser recurses) and calls it only when
 * `countKeyTokens` found more keys than `JSON.parse` kept.
 */
export function findDuplicateKeys(json: string): DuplicateKey[] {
  const stack: Frame[] = [];
  const found: { first: KeyEntry; second: KeyEntry; path: (string | number)[] }[] = [];
  const valueStarts = (offset: number) => {
    const entry = stack[stack.length - 1]?.current;
    if (entry && entry.valueStart < 0) entry.valueStart = offset;
  };
  const valueEnds = (end: number) => {
    const entry = stack[stack.length - 1]?.current;
    if (entry && entry.valueEnd < 0) entry.valueEnd = end;
  };
  visit(json, {
    onObjectBegin: (offset) => {
      valueStarts(offset);
      stack.push({ keys: new Map(), current: null });
    },
    onObjectProperty: (key, offset, length, _line, _character, pathSupplier) => {
      const frame = stack[stack.length - 1]!;
      const entry: KeyEntry = { key, offset, length, valueStart: -1, valueEnd: -1 };
      const first = frame.keys!.get(key);
      if (first) found.push({ first, second: entry, path: pathSupplier() });
      frame.keys!.set(key, entry);
      frame.current = entry;
    },
    onObjectEnd: (offset) => {
      stack.pop();
      valueEnds(offset + 1);
    },
    onArrayBegin: (offset) => {
      valueStarts(offset);
      stack.push({ keys: null, current: null });
    },
    onArrayEnd: (offset) => {
      stack.pop();
      valueEnds(offset + 1);
    },
    onLiteralValue: (_value, offset, length) => {
      valueStarts(offset);
      valueEnds(offset + length);
    },
  }, { disallowComments: true, allowTrailingComma: true });
  const valueText = (entry: KeyEntry) => (entry.valueStart >= 0 && entry.valueEnd >= entry.valueStart ? json.slice(entry.valueStart, entry.valueEnd) : '');
  return found.map(({ first, second, path }) => ({
    key: second.key, path, offset: second.offset, length: second.length, firstValue: valueText(first), secondValue: valueText(second),
  }));
}

/** The warning's message: both values, and which one a Node handler reads. */
export function duplicateKeyMessage(duplicate: DuplicateKey): string {
  const where = duplicate.path.length === 0 ? 'this event' : excerpt(duplicate.path.join('.'), 60);
  const first = excerpt(duplicate.firstValue), second = excerpt(duplicate.secondValue);
  return `Key "${excerpt(duplicate.key)}" appears twice in ${where}: first ${first}, then ${second}. JSON.parse keeps the last (a Node handler reads ${second}); a handler in another language may take the first (${first}).`;
}
