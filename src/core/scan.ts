/** The JSON nesting a call event never exceeds; deeper input is refused before any recursive parser sees it. */
export const MAX_DEPTH = 64;

/** What scanning one bracketed JSON value found. */
export interface ScannedValue {
  /** Offset just past the closing bracket, or the end of the text when it never closed. */
  end: number;
  closed: boolean;
  /** Deepest nesting seen (1 for `{}`), counted up to where the scan stopped. */
  depth: number;
  /** For an array: the ranges of its elements, trimmed of white space. */
  elements?: { start: number; end: number }[];
}

const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, NEWLINE = 0x0a;

/**
 * Finds where the object or array starting at `start` ends, without building it.
 * Iterative (no recursion), so 200,000 nested brackets cannot overflow the stack;
 * it checks only brackets and strings: the JSON parser judges the tokens.
 * It always scans to the value's end, however deep, so a too-deep value is skipped whole.
 */
export function scanValue(text: string, start: number): ScannedValue {
  return scan(text, start, undefined);
}

/**
 * The one depth guard before a recursive parser (jsonc-parser's parseTree, visit, format) sees JSON
 * text: true when its first value is an object or array nested deeper than MAX_DEPTH.
 */
export function nestedTooDeep(json: string): boolean {
  const first = json.search(/\S/);
  return first >= 0 && (json[first] === '{' || json[first] === '[') && scanValue(json, first).depth > MAX_DEPTH;
}

/**
 * The brackets still open, inside a value that ran to the end of the text, that a reader may start
 * a value at (after a line break, a closing bracket or a string): where they are and how deep each nests.
 */
class OpenBrackets {
  readonly positions: number[] = [];
  readonly levels: number[] = [];
  /** While scanning: the deepest level seen since each bracket opened. Once done: each one's own depth. */
  readonly deepest: number[] = [];

  open(position: number, level: number): void {
    this.positions.push(position);
    this.levels.push(level);
    this.deepest.push(level);
  }

  /** The scan went down to `level`: a bracket deeper than it closed (and is forgotten), its depth passing to the one below. */
  closeTo(level: number): void {
    const { levels, deepest } = this;
    while (levels.length > 0 && levels[levels.length - 1]! > level) {
      this.positions.pop();
      levels.pop();
      const inner = deepest.pop()!;
      if (deepest.length > 0 && inner > deepest[deepest.length - 1]!) deepest[deepest.length - 1] = inner;
    }
  }

  reached(level: number): void {
    const last = this.deepest.length - 1;
    if (last >= 0 && level > this.deepest[last]!) this.deepest[last] = level;
  }

  /** At the end of the text: every bracket left is unclosed; its depth counts everything after it. */
  finish(): void {
    const { levels, deepest } = this;
    for (let k = deepest.length - 2; k >= 0; k--) if (deepest[k + 1]! > deepest[k]!) deepest[k] = deepest[k + 1]!;
    for (let k = 0; k < deepest.length; k++) deepest[k] = deepest[k]! - levels[k]! + 1;
  }

  depthAt(position: number): number | undefined {
    const { positions } = this;
    let low = 0, high = positions.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (positions[mid]! < position) low = mid + 1;
      else high = mid;
    }
    return positions[low] === position ? this.deepest[low] : undefined;
  }
}

/**
 * Scans the top-level values of one text so that reading all of them costs time linear in its length.
 * A value that never closes is scanned to the end of the text once; a reader then resumes at a later
 * line inside it, and the value starting there is inside the scanned one. Every scan agrees on what is
 * in a string from any place outside one (strings end at line breaks at the latest), so the later
 * value's scan would only repeat the first: it either closes (cheap, as its text is then consumed)
 * or is one of the brackets the first scan left open, which are remembered with their depth.
 */
export class ValueScanner {
  /** Characters visited, for the tests that hold the reader to linear work. */
  work = 0;
  private open: OpenBrackets | undefined;
  private openFrom = -1;

  constructor(private readonly text: string) {}

  /** The same as `scanValue(text, start)`, except that an array known to be unclosed comes without its elements. */
  scan(start: number): ScannedValue {
    if (this.open && start > this.openFrom) {
      const depth = this.open.depthAt(start);
      if (depth !== undefined) return { end: this.text.length, closed: false, depth };
    }
    const open = new OpenBrackets();
    const scanned = scan(this.text, start, open);
    this.work += scanned.end - start;
    if (!scanned.closed) {
      open.finish();
      this.open = open;
      this.openFrom = start;
    }
    return scanned;
  }
}

function scan(text: string, start: number, open: OpenBrackets | undefined): ScannedValue {
  const length = text.length;
  const collectElements = text.charCodeAt(start) === OPEN_BRACKET;
  const elements: { start: number; end: number }[] = [];
  let depth = 0;
  let maxDepth = 0;
  let elementStart = -1;
  // What came before the current character, outside strings: a value a reader can start at follows a line break,
  // a closing bracket or a string.
  let previous = NEWLINE;
  for (let i = start; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      if (depth === 1 && elementStart < 0) elementStart = i;
      i = skipString(text, i);
      if (i >= length) break;
      previous = text.charCodeAt(i);
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === 1 && elementStart < 0) elementStart = i;
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (open && depth > 1) {
        if (previous === NEWLINE || previous === CLOSE_BRACE || previous === CLOSE_BRACKET || previous === QUOTE) open.open(i, depth);
        else open.reached(depth);
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      open?.closeTo(depth);
      if (depth === 0) {
        if (collectElements && elementStart >= 0) elements.push({ start: elementStart, end: trimEnd(text, elementStart, i) });
        return { end: i + 1, closed: true, depth: maxDepth, ...(collectElements ? { elements } : {}) };
      }
    } else if (depth === 1 && c === COMMA) {
      if (collectElements) {
        elements.push({ start: elementStart < 0 ? i : elementStart, end: elementStart < 0 ? i : trimEnd(text, elementStart, i) });
      }
      elementStart = -1;
    } else if (depth === 1 && elementStart < 0 && !isSpace(c)) {
      elementStart = i;
    }
    if (c === NEWLINE || !isSpace(c)) previous = c;
  }
  // Unclosed: hand back what was found, the partial last element included, so it can be reported.
  if (collectElements && elementStart >= 0) elements.push({ start: elementStart, end: trimEnd(text, elementStart, length) });
  return { end: length, closed: false, depth: maxDepth, ...(collectElements ? { elements } : {}) };
}

const COLON = 0x3a;
/** The key a list envelope starts with; no call event starts with either. */
const ENVELOPE_START = /\s*"(?:cursor|items)"\s*:/y;

/** Where the items of a REST API list response are. */
export interface ListEnvelope {
  /** Offset of the `[` of `items`, and what scanning that array found. */
  items: number;
  itemsScan: ScannedValue;
  /** Offset just past the envelope's closing brace, or the text's length when it never closed. */
  end: number;
}

/**
 * Recognises a list response of Dialpad's REST API at `start` (an opening brace): an object whose
 * keys are `items` (a list) and optionally `cursor`, nothing else. Linear, and it gives up at
 * the first byte that does not fit, so an ordinary event costs one sticky regex test. `scan` scans the items
 * (the reader passes its own scanner, which never scans the same unclosed text twice).
 */
export function scanListEnvelope(text: string, start: number, scan: (at: number) => ScannedValue = (at) => scanValue(text, at)): ListEnvelope | undefined {
  ENVELOPE_START.lastIndex = start + 1;
  if (!ENVELOPE_START.test(text)) return undefined;
  let pos = start + 1;
  let sawCursor = false;
  let items: { at: number; scan: ScannedValue } | undefined;
  for (;;) {
    pos = skipSpace(text, pos);
    if (text.charCodeAt(pos) !== QUOTE) return undefined;
    const close = skipString(text, pos);
    if (text.charCodeAt(close) !== QUOTE) return undefined; // unclosed on its line
    const key = text.slice(pos + 1, close);
    pos = skipSpace(text, close + 1);
    if (text.charCodeAt(pos) !== COLON) return undefined;
    pos = skipSpace(text, pos + 1);
    if (key === 'items' && items === undefined) {
      if (text.charCodeAt(pos) !== OPEN_BRACKET) return undefined;
      const scanned = scan(pos);
      items = { at: pos, scan: scanned };
      // A list cut short (a truncated paste): its items are still read, and the reader says where it ends.
      if (!scanned.closed) return { items: pos, itemsScan: scanned, end: text.length };
      pos = scanned.end;
    } else if (key === 'cursor' && !sawCursor) {
      sawCursor = true;
      pos = skipScalar(text, pos);
      if (pos < 0) return undefined;
    } else {
      return undefined;
    }
    pos = skipSpace(text, pos);
    const next = text.charCodeAt(pos);
    if (next === COMMA) { pos++; continue; }
    if (next === CLOSE_BRACE && items) return { items: items.at, itemsScan: items.scan, end: pos + 1 };
    return undefined;
  }
}

/** Past a string, null or other literal at `pos` (a cursor's value); -1 when it is not one. */
function skipScalar(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE) {
    const close = skipString(text, pos);
    return text.charCodeAt(close) === QUOTE ? close + 1 : -1;
  }
  let i = pos;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === CLOSE_BRACE || isSpace(d)) break;
    if (d === QUOTE || d === OPEN_BRACE || d === OPEN_BRACKET || d === CLOSE_BRACKET) return -1;
    i++;
  }
  return i > pos ? i : -1;
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/**
 * Returns the offset of the closing quote of the string opening at `quote`, or of the line break
 * ending it unclosed (JSON strings hold no raw line break), or the text's length.
 */
export function skipString(text: string, quote: number): number {
  const length = text.length;
  for (let i = quote + 1; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === NEWLINE) return i;
    // An escape takes the next character, unless it is a line break.
    if (c === BACKSLASH && text.charCodeAt(i + 1) !== NEWLINE) i++;
  }
  return length;
}

/** True for JSON white space. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Offset of the end of the line holding `offset` (before its newline). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** How deep a parsed value nests, whether any number in it is beyond the safe integer range, and how many keys it has. */
export interface ValueShape {
  depth: number;
  unsafeNumbers: boolean;
  /** Object keys at every depth (counted up to where the walk stopped): fewer than the text has when a key is repeated. */
  keys: number;
}

/**
 * Measures a parsed value (V8's JSON.parse accepts any nesting, so the value may be 200,000 levels deep):
 * the walk recurses at most `MAX_DEPTH` + 1 levels, and stops once it passes that depth.
 */
export function measureValue(value: unknown): ValueShape {
  const shape: ValueShape = { depth: 0, unsafeNumbers: false, keys: 0 };
  measureInto(value, 0, shape);
  return shape;
}

/** Adds `value` (at `level`) to `shape`; false once the value is too deep (the walk then stops). */
function measureInto(value: unknown, level: number, shape: ValueShape): boolean {
  if (typeof value === 'number') {
    if (value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER) shape.unsafeNumbers = true;
    return true;
  }
  if (typeof value !== 'object' || value === null) return true;
  if (level + 1 > shape.depth) {
    shape.depth = level + 1;
    if (shape.depth > MAX_DEPTH) return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if ((typeof item === 'object' || typeof item === 'number') && !measureInto(item, level + 1, shape)) return false;
    }
  } else {
    for (const key in value) {
      shape.keys++;
      const item = (value as Record<string, unknown>)[key];
      if ((typeof item === 'object' || typeof item === 'number') && !measureInto(item, level + 1, shape)) return false;
    }
  }
  return true;
}
