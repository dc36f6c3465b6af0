import { intern, internFromBytes, summarizeCallEvent, type CallEventSummary } from './callEvent';
import { countKeyTokens, duplicateKeyMessage, findDuplicateKeys } from './duplicateKeys';
import { eventJson } from './eventSource';
import { checkCallEvent } from './eventRules';
import { FAMILY_NAMES, recogniseFamily, type EventFamily } from './families';
import { checkFlows } from './flowRules';
import { buildCallGraph, type CallGraph, type GraphEvent } from './graph';
import { readJsonValue } from './jsonText';
import { HmacKeyCache, inspectJwt, isTrustedVerdict, type JwtVerdict } from './jwt';
import { LineIndex } from './lines';
import { resolveProblems } from './locate';
import { findUnsafeIntegers } from './numbers';
import { excerpt, type PendingProblem, type Problem, type Severity } from './problems';
import { readCaptureStreaming, type CaptureFormat, type ReadBounds, type ReadEvent, type RecordLink } from './reader';
import { lineEnd, measureValue, nestedTooDeep } from './scan';
import { schemaProblems } from './schemaProblems';

/** Options of an inspection. */
export interface InspectOptions {
  /** The webhook's HS256 secret; without it JWTs are decoded but not verified. */
  secret?: string;
  /** The key cache of whoever holds the secret; without it each reading imports the key once for itself. */
  keys?: HmacKeyCache;
  /** The text holds one character per byte of UTF-8 (chunkedInspection.ts `ByteReading`): summaries decode their texts. */
  bytesAsText?: boolean;
  /**
   * 'for-flow-rules': each summary keeps only what the flow rules read (ids, states, times, Dialpad's timings), not
   * the names, numbers and types the graph, answers and report show: what `validate` needs (a tenth of its time).
   */
  summaries?: 'for-flow-rules';
}

/**
 * One event of a document, decoded and judged: where it is (as the reader found it) and what it is.
 * Its parsed value is not kept (re-read it with `eventJson`).
 */
export interface InspectedEvent extends Pick<ReadEvent, 'index' | 'start' | 'end' | 'payload' | 'textStart' | 'textEnd' | 'escaped'> {
  /** `call` for a call event, `other` for another Dialpad family, `invalid` when no object could be read. */
  kind: 'call' | 'other' | 'invalid';
  family?: EventFamily;
  jwt?: { verdict: JwtVerdict; message: string; header?: Record<string, unknown> };
  /** The JWT claims as signed (JWT payloads only). */
  claimsText?: string;
  /** False when a JWT failed verification: shown, but kept out of the call graph. */
  trusted: boolean;
  /** For call events with a usable call_id and state. */
  summary?: CallEventSummary;
  /** For events from the listener's capture file: the record's fields other than the body. */
  record?: Record<string, unknown>;
}

/** Everything known about one document. */
export interface Inspection {
  format: CaptureFormat;
  events: InspectedEvent[];
  /** Sorted by position. */
  problems: Problem[];
  graph: CallGraph;
  lines: LineIndex;
  /** Where top-level items start: an edit is re-read from the item before it to the item after it. */
  itemStarts: number[];
  /** The problems of the events and items themselves (not of flows), sorted: reused across edits. */
  itemProblems: Problem[];
  /** The listener's capture and forward records with a seq, in order: an edit re-attaches forward results from them. */
  links: RecordLink[];
}

/** Decodes, verifies, validates and graphs one document. Never throws on bad input. */
export async function inspectDocument(text: string, options: InspectOptions = {}): Promise<Inspection> {
  const analysed = await analyseDocument(text, options);
  const itemProblems = resolveProblems(text, analysed.events, analysed.pending);
  if (analysed.events.length === 0 && itemProblems.length === 0) {
    itemProblems.push({ start: 0, end: 0, severity: 'information', code: 'input.empty', message: 'No events: the file is empty or only white space.' });
  }
  itemProblems.sort(byPosition);
  return completeInspection(text, analysed.format, analysed.events, analysed.itemStarts, itemProblems, analysed.links);
}

/** Builds the call graph and the flow problems over the events: the part redone in full after every edit. */
export function completeInspection(text: string, format: CaptureFormat, events: InspectedEvent[], itemStarts: number[], itemProblems: Problem[], links: RecordLink[] = []): Inspection {
  const lines = new LineIndex(text);
  const graphEvents: GraphEvent[] = [];
  for (const event of events) if (event.summary && event.trusted) graphEvents.push(event.summary);
  const graph = buildCallGraph(graphEvents);
  const flowPending = checkFlows(graph, (_source, event) => `line ${lines.positionAt(events[event]!.start).line + 1}`);
  const problems = itemProblems.concat(resolveProblems(text, events, flowPending)).sort(byPosition);
  return { format, events, problems, graph, lines, itemStarts, itemProblems, links };
}

/** Orders problems by where they start, then end. */
export function byPosition(a: Problem, b: Problem): number {
  return a.start - b.start || a.end - b.end;
}

/** The trusted call events of several inspected documents, as input for one combined call graph. */
export function graphEventsOf(inspections: readonly Pick<Inspection, 'events'>[]): GraphEvent[] {
  return inspections.flatMap((inspection, source) =>
    inspection.events.flatMap((e) => (e.summary && e.trusted ? [{ ...e.summary, source }] : [])));
}

/** The events of a document, or of one region of it, analysed but not yet graphed. */
export interface AnalysedDocument {
  format: CaptureFormat;
  /** Events in order; their `index` starts at the `firstIndex` asked for. */
  events: InspectedEvent[];
  pending: PendingProblem[];
  itemStarts: number[];
  /** Reading a region: an item ran past its end. */
  overflow: boolean;
  links: RecordLink[];
  /** Reading stopped at binary content (a NUL byte). */
  binary: boolean;
}

/** Reads and analyses a document, or only `bounds` of it (events numbered from `firstIndex`). */
export async function analyseDocument(text: string, options: InspectOptions, bounds?: ReadBounds, firstIndex = 0): Promise<AnalysedDocument> {
  const events: InspectedEvent[] = [];
  const pending: PendingProblem[] = [];
  const tokens: { event: InspectedEvent; token: string }[] = [];
  const own = options.bytesAsText ? internFromBytes : intern;
  const texts = options.summaries !== 'for-flow-rules';
  const read = readCaptureStreaming(text, (raw) => {
    const event = describeEvent(raw);
    events.push(event);
    if (raw.payload === 'jwt') tokens.push({ event, token: raw.token! });
    else analyseValue(text, event, raw.value, raw.unsafeNumbers === true, raw.keys, undefined, pending, own, texts);
  }, bounds, firstIndex);
  const keys = options.keys ?? new HmacKeyCache();
  for (const { event, token } of tokens) {
    const jwt = await inspectJwt(token, options.secret, keys);
    event.jwt = { verdict: jwt.verdict, message: jwt.message, ...(jwt.header ? { header: jwt.header } : {}) };
    event.trusted = isTrustedVerdict(jwt.verdict);
    const range = { kind: 'range' as const, start: event.textStart, end: event.textEnd };
    if (jwt.verdict !== 'verified') {
      const severity: Severity = jwt.verdict === 'unverified' ? 'information' : 'error';
      pending.push({ at: range, severity, code: `jwt.${jwt.verdict as Exclude<JwtVerdict, 'verified'>}`, message: jwt.message });
    }
    if (jwt.claimsText === undefined) continue;
    event.claimsText = jwt.claimsText;
    const claims = readClaims(jwt.claimsText);
    if (typeof claims === 'string') {
      pending.push({ at: range, severity: 'error', code: 'jwt.claims-invalid', message: claims });
      continue;
    }
    const measured = measureValue(claims);
    // A JWT's claims are decoded from base64url as UTF-8, whatever the text around the token.
    analyseValue(text, event, claims, measured.unsafeNumbers, measured.keys, jwt.claimsText, pending, intern, texts);
  }
  return { format: read.format, events, pending: [...read.problems, ...pending], itemStarts: read.itemStarts, overflow: read.overflow, links: read.links, binary: read.binary === true };
}

function describeEvent(raw: ReadEvent): InspectedEvent {
  const { index, start, end, payload, textStart, textEnd, escaped, record } = raw;
  const event: InspectedEvent = { index, start, end, payload, textStart, textEnd, escaped, kind: 'invalid', trusted: true };
  if (record) event.record = record;
  return event;
}

/**
 * Warns of a key written twice in one object (`JSON.parse` keeps the last; a handler in another language
 * may take the first), on the second key. Cheap for the usual event: the text's keys are only counted
 * (an upper bound), and the event is tokenised only when that is more than `JSON.parse` kept.
 */
function checkDuplicateKeys(document: string, event: InspectedEvent, keys: number, claimsText: string | undefined, pending: PendingProblem[]): void {
  const plain = claimsText === undefined && !event.escaped;
  const written = plain ? countKeyTokens(document, event.textStart, event.textEnd) : undefined;
  if (written !== undefined && written <= keys) return;
  const source = eventJson(document, event, claimsText);
  if (!source || (written === undefined && countKeyTokens(source.json) <= keys)) return;
  for (const duplicate of findDuplicateKeys(source.json)) {
    const { start, end } = source.toDocument(duplicate.offset, duplicate.length);
    pending.push({ at: { kind: 'range', start, end }, severity: 'warning', code: 'json.duplicate-key', message: duplicateKeyMessage(duplicate) });
  }
}

/** The claims of a JWT as an object, or why they cannot be an event. */
function readClaims(claimsText: string): Record<string, unknown> | string {
  if (nestedTooDeep(claimsText)) return 'The JWT claims are nested too deeply to be an event.';
  const result = readJsonValue(claimsText);
  if (result.value === undefined || result.syntax) return 'The JWT claims are not valid JSON.';
  if (typeof result.value !== 'object' || result.value === null || Array.isArray(result.value)) return 'The JWT claims are JSON but not an object, so they cannot be an event.';
  return result.value as Record<string, unknown>;
}

/** Validates one decoded object and fills in the event's kind and summary. */
function analyseValue(document: string, event: InspectedEvent, value: unknown, unsafeNumbers: boolean, keys: number | undefined, claimsText: string | undefined, pending: PendingProblem[], own: (text: string) => string, texts: boolean): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const object = value as Record<string, unknown>;
  if (keys !== undefined) checkDuplicateKeys(document, event, keys, claimsText, pending);
  const family = recogniseFamily(object);
  if (family) {
    event.kind = 'other';
    event.family = family;
    const firstLineEnd = Math.min(event.end, lineEnd(document, event.start));
    pending.push({ at: { kind: 'range', start: event.start, end: Math.max(firstLineEnd, event.start + 1) }, severity: 'information', code: 'family.other',
      message: `This is ${FAMILY_NAMES[family]}, not a call event; it is not validated as one.` });
    return;
  }
  event.kind = 'call';
  // The usual event has no unsafe number: it allocates nothing for them.
  const unsafeByKey = unsafeNumbers ? unsafeIntegers(document, event, claimsText, pending) : undefined;
  const schema = schemaProblems(event.index, object);
  for (let i = 0; i < schema.length; i++) pending.push(schema[i]!);
  const rules = checkCallEvent(event.index, object);
  for (let i = 0; i < rules.length; i++) pending.push(rules[i]!);
  const summary = summarizeCallEvent(event.index, object, unsafeByKey, own, texts);
  if (summary) event.summary = summary;
}

/** Warns of each integer `JSON.parse` reads inexactly; answers their exact values by path, when any has one. */
function unsafeIntegers(document: string, event: InspectedEvent, claimsText: string | undefined, pending: PendingProblem[]): Map<string, string> | undefined {
  const unsafe = findUnsafeIntegers(claimsText ?? eventJson(document, event)?.json ?? '');
  for (const number of unsafe) {
    pending.push({ at: { kind: 'path', event: event.index, path: number.path }, severity: 'warning', code: 'number.precision-loss',
      message: `${excerpt(number.text, 60)} is not exact as a JavaScript number: JSON.parse reads it as ${excerpt(number.parsed, 60)}. Read ids as strings (this tool keeps the exact value).` });
  }
  const exact = unsafe.filter((n) => n.exact !== undefined);
  return exact.length > 0 ? new Map(exact.map((n) => [n.path.join('.'), n.exact!])) : undefined;
}
