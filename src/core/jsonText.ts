import { applyEdits, format, parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isSpace, nestedTooDeep } from './scan';

/** The outcome of reading one JSON value: its value, and at most one syntax problem (offsets relative to the slice). */
export interface JsonReadResult {
  value?: unknown;
  /** Set when the text is not strict JSON. With `value` also set, the value was recovered. */
  syntax?: { offset: number; length: number; code: 'syntax.error' | 'syntax.trailing-comma'; message: string };
}

/**
 * Parses one JSON value. `JSON.parse` is the fast path; only text it refuses goes through
 * jsonc-parser, which says where the error is and recovers values whose only fault is a
 * trailing comma. The caller guarantees the nesting is bounded (jsonc-parser recurses).
 */
export function readJsonValue(text: string): JsonReadResult {
  if (!unclosedObject(text)) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      // Fall through to the locating parser.
    }
  }
  const strictErrors: ParseError[] = [];
  parseLenient(text, strictErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = strictErrors[0];
  if (!first) {
    // jsonc-parser accepts a few things JSON.parse does not (for example lone surrogates); report at the start.
    return { syntax: { offset: 0, length: 1, code: 'syntax.error', message: 'Malformed JSON.' } };
  }
  const trailingCommas = strictErrors.map((error) => trailingCommaAt(text, error));
  if (trailingCommas.every((comma) => comma >= 0)) {
    const lenientErrors: ParseError[] = [];
    const value = parseLenient(text, lenientErrors, { disallowComments: true, allowTrailingComma: true });
    if (lenientErrors.length === 0) {
      return {
        value,
        syntax: { offset: trailingCommas[0]!, length: 1, code: 'syntax.trailing-comma', message: 'Trailing comma: JSON allows no comma before a closing bracket. The event was read anyway.' },
      };
    }
  }
  return {
    syntax: {
      offset: first.offset,
      length: Math.max(1, first.length),
      code: 'syntax.error',
      message: `Malformed JSON: ${describeParseError(first.error)}.`,
    },
  };
}

/** True for an object whose text does not end with a brace, which JSON.parse would refuse (by an exception, which is slow). */
function unclosedObject(text: string): boolean {
  let first = 0;
  while (first < text.length && isSpace(text.charCodeAt(first))) first++;
  if (text.charCodeAt(first) !== 0x7b) return false;
  let last = text.length - 1;
  while (last > first && isSpace(text.charCodeAt(last))) last--;
  return text.charCodeAt(last) !== 0x7d;
}

/** Where the comma that caused `error` is, or -1 when the error is not a trailing comma. */
function trailingCommaAt(text: string, error: ParseError): number {
  const name = printParseErrorCode(error.error);
  if (name !== 'PropertyNameExpected' && name !== 'ValueExpected') return -1;
  const close = text.charAt(error.offset);
  if (close !== '}' && close !== ']') return -1;
  let i = error.offset - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return text.charAt(i) === ',' ? i : -1;
}

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing brace was expected',
  CloseBracketExpected: 'a closing bracket was expected',
  EndOfFileExpected: 'unexpected text after the value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

function describeParseError(code: ParseError['error']): string {
  const name = printParseErrorCode(code);
  return PARSE_ERROR_TEXT[name] ?? name;
}

/** How much JSON text `prettyJson` indents at most (a JWT's claims, say). */
export const MAX_PRETTY_JSON = 32 * 1024;

/**
 * JSON text indented by two spaces, from its own text (never parsed into numbers, so int64 ids keep
 * every digit). Only the first `MAX_PRETTY_JSON` characters are indented and returned (`cut` says
 * there was more); text nested deeper than MAX_DEPTH is returned as written (indenting it would cost
 * the square of its depth).
 */
export function prettyJson(json: string): { text: string; cut: boolean } {
  const head = json.slice(0, MAX_PRETTY_JSON);
  const cut = json.length > MAX_PRETTY_JSON;
  if (nestedTooDeep(head)) return { text: head, cut };
  return { text: applyEdits(head, format(head, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })), cut };
}
