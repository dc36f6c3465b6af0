import { isCaptureRecordLike, readCaptureRecord, type CaptureRecordContext } from './captureRecord';
import { readJsonValue } from './jsonText';
import { brokenJwtMessage, jwtShapeOf } from './jwtShape';
import type { Code } from './codes';
import { excerpt, type PendingProblem } from './problems';
import { isSpace, lineEnd, MAX_DEPTH, measureValue, scanListEnvelope, scanValue, skipString, ValueScanner, type ScannedValue } from './scan';

/** The shapes a capture can have on disk, detected from its content. */
export type CaptureFormat =
  | 'empty' | 'json-object' | 'json-array' | 'json-stream' | 'json-lines' | 'jwt-lines' | 'capture' | 'mixed';

/** One payload found in the document, before it is decoded and validated. */
export interface ReadEvent {
  /** Position in the file's order, from 0. */
  index: number;
  /** The whole item in the document: the object, the token, or the capture record's line. */
  start: number;
  end: number;
  payload: 'json' | 'jwt';
  /** Where the payload's own text is. When `escaped`, the range is a JSON string literal (quotes included) holding it. */
  textStart: number;
  textEnd: number;
  escaped: boolean;
  /** The parsed value of a JSON payload. */
  value?: unknown;
  /** True when a number in `value` is beyond the safe integer range (its literal must be re-read exactly). */
  unsafeNumbers?: boolean;
  /** How many object keys `value` has at every depth (fewer than its text has when a key is repeated). */
  keys?: number;
  /** The token of a JWT payload. */
  token?: string;
  /**
   * For a payload from the listener's capture file: the record's fields other than the body, and
   * `forward` (a `ForwardRecord` without type, v, seq) once a later line of the same read gives the handler's answer.
   */
  record?: Record<string, unknown>;
}

/** Everything read from one document. */
export interface ReadResult {
  format: CaptureFormat;
  events: ReadEvent[];
  problems: PendingProblem[];
  /** Offsets where top-level items start: places where reading can restart after an edit. */
  itemStarts: number[];
  /** True when, reading a bounded region, an item ran past its end (the region must grow). */
  overflow: boolean;
  /** The capture and forward records with a seq, in document order: what ties forward results to requests. */
  links: RecordLink[];
  /** True when reading stopped at binary content (`input.binary`): nothing after it was read. */
  binary?: true;
}

/**
 * A capture record (a request) or a forward record (a handler's answer to one), by the offset of its
 * line. A re-read of one region uses them to re-attach answers across the whole document.
 */
export type RecordLink =
  | { kind: 'capture'; at: number; seq: number; receivedAt?: string }
  | { kind: 'forward'; at: number; seq: number; receivedAt?: string; forward: Record<string, unknown> };

/**
 * Which request a forward record answers, read in document order: the latest request before it
 * with its seq, and with its `received_at` when the forward record names one (replays do, since a
 * restarted listener numbers from 1 again on the same file).
 */
class ForwardMatcher<T> {
  private readonly bySeq = new Map<number, T>();
  private readonly byKey = new Map<string, T>();

  request(seq: number, receivedAt: string | undefined, target: T): void {
    this.bySeq.set(seq, target);
    if (receivedAt !== undefined) this.byKey.set(`${seq} ${receivedAt}`, target);
  }

  answered(seq: number, receivedAt: string | undefined): T | undefined {
    return receivedAt === undefined ? this.bySeq.get(seq) : this.byKey.get(`${seq} ${receivedAt}`);
  }
}

/** The answer each request gets (by the offset of its capture line), as a full read attaches them. */
export function resolveForwards(links: readonly RecordLink[]): Map<number, Record<string, unknown>> {
  const matcher = new ForwardMatcher<number>();
  const answers = new Map<number, Record<string, unknown>>();
  for (const link of links) {
    if (link.kind === 'capture') {
      matcher.request(link.seq, link.receivedAt, link.at);
      continue;
    }
    const target = matcher.answered(link.seq, link.receivedAt);
    if (target !== undefined) answers.set(target, link.forward);
  }
  return answers;
}

/** A part of the text to read: from an item start to (before) another item start or the end. */
export interface ReadBounds {
  from: number;
  to: number;
}

type Shape = 'object-line' | 'object' | 'array' | 'jwt' | 'capture';

/** Reads every payload of a capture, whatever its shape; never throws on bad input. */
export function readCapture(input: string): ReadResult {
  const events: ReadEvent[] = [];
  const result = readCaptureStreaming(input, (event) => events.push(event));
  return { ...result, events };
}

/**
 * Like `readCapture`, but hands each event to `sink` as it is read and keeps none of them,
 * so a 100,000-event capture never holds all its parsed values at once.
 */
export function readCaptureStreaming(input: string, sink: (event: ReadEvent) => void, bounds?: ReadBounds, firstIndex = 0): Omit<ReadResult, 'events'> & { count: number } {
  return new CaptureReader(input, sink, firstIndex).read(bounds);
}

/**
 * The work of reading `input` whole, in characters visited (by scans, parsers and searches): what the
 * tests hold to a constant factor of the input's length, whatever the input.
 */
export function readWork(input: string): number {
  const reader = new CaptureReader(input, () => undefined, 0);
  reader.read();
  return reader.work;
}

class CaptureReader {
  private count: number;
  /** Set at binary content: nothing after it is read. */
  private stopped = false;
  private readonly firstIndex: number;
  private readonly problems: PendingProblem[] = [];
  private readonly shapes = new Set<Shape>();
  /** The fields of each capture record by `seq`, so a later forward record can be attached to them. */
  private readonly requests = new ForwardMatcher<Record<string, unknown>>();
  private readonly links: RecordLink[] = [];
  private readonly text: string;
  private readonly scanner: ValueScanner;
  /** Characters visited other than by the scanner (see `readWork`). */
  private ownWork = 0;
  /** The first NUL at or after `nulFrom` (-1: none), once searched: one search serves every later question. */
  private nulFrom = -1;
  private nulAt = -1;

  /** What reading a capture record (captureRecord.ts) needs of this reader: made once, not per record. */
  private readonly records: CaptureRecordContext;

  constructor(input: string, private readonly sink: (event: ReadEvent) => void, firstIndex: number) {
    this.count = this.firstIndex = firstIndex;
    this.text = input;
    this.scanner = new ValueScanner(input);
    this.records = {
      text: input,
      problem: (start, end, severity, code, message) => this.problem(start, end, severity, code, message),
      addEvent: (event) => this.addEvent(event),
      request: (at, seq, receivedAt, fields) => {
        this.requests.request(seq, receivedAt, fields);
        this.links.push({ kind: 'capture', at, seq, receivedAt });
      },
      forward: (at, seq, receivedAt, forward) => {
        this.links.push({ kind: 'forward', at, seq, ...(receivedAt !== undefined ? { receivedAt } : {}), forward });
        const target = this.requests.answered(seq, receivedAt);
        if (target) target.forward = forward;
      },
      work: (units) => { this.ownWork += units; },
    };
  }

  get work(): number {
    return this.ownWork + this.scanner.work;
  }

  /**
   * Binary content: a NUL byte (also what `decodeCapture` puts where bytes stop being UTF-8).
   * The reader meets it only inside text it could not read (JSON forbids raw control
   * characters), so only such text is searched, never the whole file.
   */
  private binaryIn(start: number, end: number): boolean {
    if (this.nulFrom < 0 || start < this.nulFrom || (this.nulAt >= 0 && start > this.nulAt)) {
      this.nulFrom = start;
      this.nulAt = this.text.indexOf('\0', start);
      this.ownWork += (this.nulAt < 0 ? this.text.length : this.nulAt) - start;
    }
    const nul = this.nulAt;
    if (nul < 0 || nul >= end) return false;
    this.problem(nul, nul + 1, 'error', 'input.binary', 'Binary content (a NUL byte or bytes that are not UTF-8): this is not a text capture, and nothing from here on is read.');
    this.stopped = true;
    return true;
  }

  read(bounds?: ReadBounds): Omit<ReadResult, 'events'> & { count: number } {
    const { text } = this;
    const to = Math.min(bounds?.to ?? text.length, text.length);
    const itemStarts: number[] = [];
    let pos = bounds ? bounds.from : text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (;;) {
      while (pos < to && isSpace(text.charCodeAt(pos))) pos++;
      if (pos >= to || this.stopped) break;
      itemStarts.push(pos);
      switch (text.charAt(pos)) {
        case '{': pos = this.readObject(pos); break;
        case '[': pos = this.readArray(pos); break;
        case '"': pos = this.readString(pos, pos, true); break;
        default: pos = this.readBareLine(pos);
      }
    }
    return { format: this.format(), problems: this.problems, count: this.count - this.firstIndex, itemStarts, overflow: pos > to, links: this.links, ...(this.stopped ? { binary: true as const } : {}) };
  }

  /** An object at top level: a one-line object is tried with JSON.parse first (JSON Lines, captures). */
  private readObject(start: number): number {
    const { text } = this;
    // The envelope's items are scanned by the reader's own scanner, so a hostile run of unclosed envelopes stays linear.
    const envelope = scanListEnvelope(text, start, (at) => this.scanner.scan(at));
    if (envelope) {
      // A REST API list response: its items are read as a top-level array's elements, each in place.
      this.readArray(envelope.items, envelope.itemsScan);
      return envelope.end;
    }
    if (start === 0 || this.onlySpaceBefore(start)) {
      const end = lineEnd(text, start);
      let last = end;
      while (last > start && isSpace(text.charCodeAt(last - 1))) last--;
      this.ownWork += end - start;
      // A line that does not end with a brace holds no whole object: no need to let JSON.parse throw.
      if (text.charCodeAt(last - 1) === 0x7d) {
        try {
          const value: unknown = JSON.parse(text.slice(start, last));
          this.addObject(start, last, value, 'object-line');
          return end;
        } catch {
          // Not one object on one line: scan for its end below.
        }
      }
    }
    const scanned = this.scanner.scan(start);
    if (scanned.depth > MAX_DEPTH) {
      this.tooDeep(start, 'object');
      return this.resync(start, scanned.closed ? scanned.end : undefined);
    }
    if (!scanned.closed) {
      if (this.binaryIn(start, text.length)) return text.length;
      const next = this.nextObjectLine(start);
      if (next < 0) {
        this.problem(Math.max(start, text.length - 1), text.length, 'error', 'syntax.truncated', 'The file ends inside this event: a closing brace is missing (was the capture cut short?).');
        this.problem(start, start + 1, 'error', 'syntax.error', 'This event is not complete, so it is not read.');
        return text.length;
      }
      this.readObjectText(start, trimmedEnd(text, start, next), 'object');
      return next;
    }
    this.readObjectText(start, scanned.end, 'object');
    return scanned.end;
  }

  private readObjectText(start: number, end: number, shape: Shape): void {
    this.shapes.add(shape);
    this.ownWork += end - start;
    const result = readJsonValue(this.text.slice(start, end));
    if (result.syntax) {
      if (this.binaryIn(start, end)) return;
      const { offset, length, code, message } = result.syntax;
      // An error at the very end (a missing closing brace) is shown on the last character, not on nothing.
      const at = Math.min(start + offset, end - 1);
      this.problem(at, Math.min(end, Math.max(at + 1, start + offset + length)), 'error', code, message);
    }
    if (result.value !== undefined) this.addObject(start, end, result.value, shape);
  }

  /** A top-level array (or an API list's items): each element is read on its own, so one bad event does not hide the others. */
  private readArray(start: number, given?: ScannedValue): number {
    const { text } = this;
    let scanned = given ?? this.scanner.scan(start);
    if (scanned.depth > MAX_DEPTH) {
      this.tooDeep(start, 'array');
      return this.resync(start, scanned.closed ? scanned.end : undefined);
    }
    // Known unclosed from an earlier scan, which kept no elements: this array is the last item, scanned once more.
    if (!scanned.elements) {
      scanned = scanValue(text, start);
      this.ownWork += scanned.end - start;
    }
    this.shapes.add('array');
    if (!scanned.closed && this.binaryIn(start, text.length)) return text.length;
    if (!scanned.closed) {
      this.problem(Math.max(start, text.length - 1), text.length, 'error', 'syntax.truncated', 'The file ends inside this array: a closing bracket is missing.');
    } else {
      let before = scanned.end - 2;
      while (before > start && isSpace(text.charCodeAt(before))) before--;
      if (text.charAt(before) === ',') {
        this.problem(before, before + 1, 'error', 'syntax.trailing-comma', 'Trailing comma: JSON allows no comma before a closing bracket.');
      }
    }
    for (const element of scanned.elements ?? []) {
      if (element.start === element.end) {
        this.problem(element.start, element.start + 1, 'error', 'syntax.error', 'Malformed JSON: a value was expected between these commas.');
        continue;
      }
      const first = text.charAt(element.start);
      if (first === '{') this.readObjectText(element.start, element.end, 'array');
      else if (first === '"') this.readString(element.start, element.start, false);
      else this.problem(element.start, element.end, 'error', 'json.not-an-event', `An array element that is not an object (${excerpt(text.slice(element.start, element.end))}), so it is not an event.`);
    }
    return scanned.closed ? scanned.end : text.length;
  }

  /** A JSON string: a JWT written as a JSON string (at top level or in an array). */
  private readString(start: number, itemStart: number, topLevel: boolean): number {
    const { text } = this;
    const close = skipString(text, start);
    this.ownWork += close - start;
    if (text.charCodeAt(close) !== 0x22) {
      // The line (or the text) ends first: JSON strings hold no raw line break.
      if (this.binaryIn(start, close)) return text.length;
      this.problem(start, close, 'error', 'syntax.error', 'Malformed JSON: unterminated string.');
      return topLevel ? close : text.length;
    }
    let content: string;
    try {
      content = JSON.parse(text.slice(start, close + 1)) as string;
    } catch {
      if (this.binaryIn(start, close + 1)) return text.length;
      this.problem(start, close + 1, 'error', 'syntax.error', 'Malformed JSON string (a bad escape or a control character).');
      return close + 1;
    }
    const plain = content === text.slice(start + 1, close);
    const shape = jwtShapeOf(content);
    if (shape === 'jwt') {
      this.shapes.add('jwt');
      this.addEvent({
        start: itemStart, end: close + 1, payload: 'jwt', token: content,
        textStart: plain ? start + 1 : start, textEnd: plain ? close : close + 1, escaped: !plain,
      });
    } else if (shape === 'broken-jwt') {
      this.problem(start, close + 1, 'error', 'jwt.malformed', brokenJwtMessage('This string'));
    } else {
      this.problem(start, close + 1, 'error', 'json.not-an-event', `A JSON string that is not a JWT ("${excerpt(content)}"), so it is not an event.`);
    }
    return close + 1;
  }

  /** A line that is not JSON: a bare JWT, or something unrecognised. */
  private readBareLine(start: number): number {
    const { text } = this;
    const end = lineEnd(text, start);
    let last = end;
    while (last > start && isSpace(text.charCodeAt(last - 1))) last--;
    const line = text.slice(start, last);
    this.ownWork += end - start;
    if (this.binaryIn(start, end)) return end;
    const shape = jwtShapeOf(line);
    if (shape === 'jwt') {
      this.shapes.add('jwt');
      this.addEvent({ start, end: last, payload: 'jwt', token: line, textStart: start, textEnd: last, escaped: false });
    } else if (shape === 'broken-jwt') {
      this.problem(start, last, 'error', 'jwt.malformed', brokenJwtMessage('This line'));
    } else if (/^(-?\d|true\b|false\b|null\b)/.test(line)) {
      this.problem(start, last, 'error', 'json.not-an-event', `A JSON value that is not an object (${excerpt(line)}), so it is not an event.`);
    } else {
      this.problem(start, last, 'error', 'input.unrecognized', `Neither JSON nor a JWT: "${excerpt(line)}".`);
    }
    return end;
  }

  private addObject(start: number, end: number, value: unknown, shape: Shape): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(start, end, 'error', 'json.not-an-event', 'A JSON value that is not an object, so it is not an event.');
      return;
    }
    // JSON.parse takes any nesting; what no event has is refused here, before anything walks it.
    const measured = measureValue(value);
    if (measured.depth > MAX_DEPTH) {
      this.tooDeep(start, shape);
      return;
    }
    if (isCaptureRecordLike(value)) {
      this.shapes.add('capture');
      readCaptureRecord(this.records, start, end, value as Record<string, unknown>);
      return;
    }
    this.shapes.add(shape);
    this.addEvent({ start, end, payload: 'json', value, unsafeNumbers: measured.unsafeNumbers, keys: measured.keys, textStart: start, textEnd: end, escaped: false });
  }

  private tooDeep(start: number, shape: Shape): void {
    this.shapes.add(shape);
    this.problem(start, start + 1, 'error', 'syntax.too-deep', `JSON nested more than ${MAX_DEPTH} levels deep: no call event is, so this value is not read.`);
  }

  private addEvent(event: Omit<ReadEvent, 'index'>): void {
    // Numbered in place, not copied: one object fewer per event.
    (event as ReadEvent).index = this.count++;
    this.sink(event as ReadEvent);
  }

  private problem(start: number, end: number, severity: PendingProblem['severity'], code: Code, message: string): void {
    this.problems.push({ at: { kind: 'range', start, end: Math.max(end, start) }, severity, code, message });
  }

  private onlySpaceBefore(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      this.ownWork++;
      const c = this.text.charCodeAt(i);
      if (c === 0x0a) return true;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
    }
    return true;
  }

  /** Start of the next line, after the one holding `offset`, that begins with `{`; -1 when none. */
  private nextObjectLine(offset: number): number {
    const found = this.text.indexOf('\n{', offset);
    this.ownWork += (found < 0 ? this.text.length : found) - offset;
    return found < 0 ? -1 : found + 1;
  }

  /** After an unreadable value: resume at its end when known, else at the next line that starts an object. */
  private resync(start: number, end: number | undefined): number {
    if (end !== undefined) return end;
    const next = this.nextObjectLine(start);
    return next < 0 ? this.text.length : next;
  }

  private format(): CaptureFormat {
    const shapes = this.shapes;
    if (this.count === this.firstIndex && shapes.size === 0) return 'empty';
    if (shapes.size !== 1) return shapes.size === 0 ? 'empty' : onlyObjects(shapes) ? 'json-stream' : 'mixed';
    const [shape] = shapes;
    switch (shape) {
      case 'capture': return 'capture';
      case 'array': return 'json-array';
      case 'jwt': return 'jwt-lines';
      case 'object-line': return this.count - this.firstIndex === 1 ? 'json-object' : 'json-lines';
      default: return this.count - this.firstIndex === 1 ? 'json-object' : 'json-stream';
    }
  }
}

function onlyObjects(shapes: Set<Shape>): boolean {
  return [...shapes].every((shape) => shape === 'object' || shape === 'object-line');
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}
