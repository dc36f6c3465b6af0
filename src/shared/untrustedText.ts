// Payload text is untrusted: an event can carry ANSI/OSC escape sequences (ESC[2J clears a screen, OSC 52
// writes the clipboard), C1 controls (U+009B acts as a CSI in some terminals), bidi overrides that make
// text read backwards, or zero-width characters that make two names look alike. This module is the one
// place that knows those characters and how to show untrusted text safely: visibly escaped for a terminal
// or a log, escaped as \u for JSON, and shortened without splitting a surrogate pair. Medium-specific
// renderers (labels, CodeLens text, hovers, HTML) build on it.

/**
 * Every character that must never reach a terminal, a log or a label raw: C0 controls and DEL, C1
 * controls (U+0080–U+009F), bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
 * zero-width and invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), the line and paragraph separators
 * (U+2028, U+2029), and lone surrogates (half of a pair, which no terminal can draw).
 * Global: use it with `replace` (or reset `lastIndex`).
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The unsafe characters that may appear outside JSON strings' own escaping: what `toSafeJson` escapes. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** True for a unit that starts a surrogate pair. */
function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * Shortens text to at most `max` UTF-16 units, ending in "…" when it was cut (at least one unit is
 * kept before the ellipsis), never between the two halves of a surrogate pair.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(1, max - 1);
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/** The visible escape of one unsafe character: `\n`, `\x1b`, `\x9b`, `\u202e`, `\ud800`. */
export function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  switch (code) {
    case 0x09: return '\\t';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
  }
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when the text holds a character of `UNSAFE_CHARACTERS`. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE_CHARACTERS.lastIndex = 0;
  const found = UNSAFE_CHARACTERS.test(text);
  UNSAFE_CHARACTERS.lastIndex = 0;
  return found;
}

/**
 * Untrusted text for a terminal or a log line (and any plain-text display): every unsafe character
 * shown as a visible escape (`\x1b`, `\x9b`, `\u202e`, `\n`), never emitted; then shortened to `max`
 * units, never inside an escape or a surrogate pair. The result is one line of printable text.
 */
export function forTerminal(text: string, max = Infinity): string {
  const escaped = text.replace(UNSAFE_CHARACTERS, visibleEscape);
  if (escaped.length <= max) return escaped;
  // Cut between whole pieces (a character, a pair or an escape), keeping room for the ellipsis.
  const budget = Math.max(1, max - 1);
  let out = '';
  for (let i = 0; i < text.length;) {
    let piece: string;
    const code = text.charCodeAt(i);
    if (isHighSurrogate(code) && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) piece = text.slice(i, i + 2);
    else piece = text.charAt(i);
    const shown = hasUnsafeCharacters(piece) ? visibleEscape(piece) : piece;
    if (out.length + shown.length > budget) break;
    out += shown;
    i += piece.length;
  }
  return `${out}…`;
}

/**
 * Untrusted text as terminal lines: each line through `forTerminal`, the line breaks kept as the
 * structure (for messages made of several lines, such as usage texts).
 */
export function forTerminalLines(text: string): string {
  return text.split('\n').map((line) => forTerminal(line)).join('\n');
}

/**
 * Untrusted text for a one-line label drawn as text (graph, timeline, report): each unsafe character
 * becomes a space, runs of white space collapse; shortened to `max`. Null when nothing is left.
 */
export function forLabel(text: string, max: number): string | null {
  const clean = text.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return clean === '' ? null : shorten(clean, max);
}

/**
 * The one JSON writer of every JSON output meant for a terminal or a pipe: `JSON.stringify` (which
 * already escapes C0 controls and lone surrogates), with DEL, C1, bidi, zero-width characters and
 * U+2028/U+2029 also written as `\u` escapes. The text parses back to the same value, and no byte
 * of it can act on a terminal.
 */
export function toSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
