import type { CallEventSummary } from './callEvent';
import { decodeCapture } from './decode';
import { checkEventFlows } from './flowRules';
import { buildCallGraph, type CallGraph, type GraphEvent } from './graph';
import { analyseDocument, inspectDocument, type InspectedEvent, type Inspection, type InspectOptions } from './inspect';
import { LineIndex } from './lines';
import { resolveProblems } from './locate';
import type { PendingProblem, Problem } from './problems';
import type { CaptureFormat } from './reader';
import { eventAt } from './eventAt';
import { addCounts, listPending, listProblems, MAX_LISTED_PROBLEMS, noCounts, unlistedProblem, type SeverityCounts } from './listedProblems';

/** A diagnostic with 1-based positions in the whole file. */
export interface FileDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  problem: Problem;
  /** The event (index in its document) the diagnostic belongs to: by the core's own index, else by position. */
  event?: number;
}

/** Where the bytes of a capture come from: the CLI and the editor fill it from a file, a buffer or standard input. */
export interface ByteSource {
  readonly size: number;
  /** `length` bytes from `position` (fewer only at the end), in a buffer of their own that the reader may hand to a worker thread. */
  read(position: number, length: number): Promise<Uint8Array>;
}

/** One chunk handed to an analyser: its bytes (cut between top-level items) and whether it ends the file. */
export interface ChunkJob {
  bytes: Uint8Array;
  last: boolean;
  secret?: string;
  /** The summaries to keep (see InspectOptions.summaries). */
  summaries?: 'for-flow-rules';
}

/**
 * What one chunk holds, with lines and event indexes counted from the chunk's start (the reader shifts
 * them). Plain data only, so a worker thread can answer it.
 */
export type ChunkOutcome = { whole: string } | {
  format: CaptureFormat;
  /** The shapes of its items (see `shapesOf`): the whole file's format is worked out from them. */
  shapes: Shape[];
  events: number;
  /** Newlines in the chunk. */
  newlines: number;
  diagnostics: FileDiagnostic[];
  /** Problems past MAX_LISTED_PROBLEMS, counted and not located, and where the first of them is (see listedProblems.ts). */
  unlisted?: { counts: SeverityCounts; first: FileDiagnostic };
  /** Every event with a summary (trusted or not), in order. */
  summaries: CallEventSummary[];
  flags: Uint8Array;
  /** 0-based line of each event's start. */
  eventLines: Int32Array;
};

/** Analyses chunks: in this thread by default, or in worker threads (`src/node/chunkWorkers.ts`). */
export interface ChunkAnalyser {
  /** How many chunks it works on at once. */
  readonly parallel: number;
  analyse(job: ChunkJob): Promise<ChunkOutcome>;
}

/**
 * Everything the commands need of one inspected capture, and no text: diagnostics placed in the file,
 * one summary per call event, one line and one byte of flags per event, the call graph. The same shape
 * whether the capture was read whole (`compactInspection`) or a chunk at a time (`inspectInChunks`).
 */
export interface CompactInspection {
  format: CaptureFormat;
  events: number;
  /** Sorted by position: the first MAX_LISTED_PROBLEMS, then (when there are more) one `input.too-many-problems` standing for the rest. */
  diagnostics: FileDiagnostic[];
  /** The problems counted but not listed, by severity (all zero for nearly every file). */
  unlisted: SeverityCounts;
  /** Every event with a summary (trusted or not), in order; `source` is the document's index. */
  summaries: CallEventSummary[];
  /** Per event: `kind` in bits 0-1 (see EVENT_KINDS), 4 when untrusted, 8 for a JWT payload. */
  flags: Uint8Array;
  /** 0-based line of each event's start. */
  eventLines: Int32Array;
  /** The capture's own call graph (its flow problems are in `diagnostics`), built when first read. */
  readonly graph: CallGraph;
}

/** The `kind` of an event by its flag bits 0-1. */
export const EVENT_KINDS = ['invalid', 'call', 'other'] as const;
export const UNTRUSTED = 4;
export const JWT_PAYLOAD = 8;

/** The result of `inspectInChunks`, or why the capture must be read whole. */
export type ChunkedResult = CompactInspection | { whole: string };

/**
 * Captures up to this size are one chunk; larger ones are cut into pieces of about this size. Small, because
 * what a chunk's parse leaves behind, not the chunk, is what the reader's peak memory is made of (measured on
 * the bench capture: peak RSS less the start's, 110 MB with 256 KiB chunks, 226 MB with 4 MiB ones). And under
 * 128 KiB, V8's largest ordinary object: a chunk's text then lives in the young generation, not in pages of its
 * own that only a full collection frees (validate of the bench capture: 0.92 s and 138 MB with 256 KiB chunks,
 * 0.85 s and 132 MB with 120 KiB ones).
 */
export const CHUNK_BYTES = 120 * 1024;
/** A chunk grows (doubling) to hold an item larger than `chunkBytes`, up to this; a larger item is read whole. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

export interface ChunkedOptions extends InspectOptions {
  chunkBytes?: number;
  maxChunkBytes?: number;
  /** The document's index when several are graphed together (set on every summary). */
  source?: number;
  /** Defaults to analysing in this thread, one chunk at a time. */
  analyser?: ChunkAnalyser;
}

const NEWLINE = 0x0a;
/** Bytes that may start a line inside a value: a chunk is never cut before one of them. */
const CONTINUATION = new Set([0x20, 0x09, 0x0d, 0x0a, 0x7d, 0x5d, 0x2c]);

/**
 * Inspects a capture a chunk at a time, cutting only between top-level items, so the whole text is never
 * held at once (memory stays near the chunks in flight plus one small summary per event). Flow rules run
 * over every event at the end; the few chunks holding a flow problem are read again to place it exactly.
 * Answers `whole` when the capture must be read in one piece (an array, not UTF-8, or an item that does not
 * fit a chunk); otherwise the result is the same as `compactInspection(inspectDocument(text))`.
 */
export async function inspectInChunks(source: ByteSource, options: ChunkedOptions = {}): Promise<ChunkedResult> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const maxChunkBytes = Math.max(chunkBytes, options.maxChunkBytes ?? MAX_CHUNK_BYTES);
  // One chunk is analysed here: a worker's start would cost more than it saves.
  const analyser = options.analyser && source.size > chunkBytes ? options.analyser : localAnalyser(options);
  const documentIndex = options.source ?? 0;
  const chunkStarts: number[] = [], chunkLengths: number[] = [], chunkLines: number[] = [], chunkEvents: number[] = [];
  const diagnostics = new ListedDiagnostics();
  const summaries: CallEventSummary[] = [];
  const flags = new GrowingBytes(), eventLines = new GrowingInts();
  const shapes = new Set<Shape>();
  let line = 0, events = 0, whole: string | undefined;
  const merge = (outcome: ChunkOutcome): void => {
    if (whole !== undefined) return;
    if ('whole' in outcome) {
      whole = outcome.whole;
      return;
    }
    for (const shape of outcome.shapes) shapes.add(shape);
    chunkLines.push(line);
    chunkEvents.push(events);
    // In file order, so the diagnostics listed are the file's first.
    for (const d of outcome.diagnostics.sort(byFilePosition)) diagnostics.add(shifted(d, line, events));
    if (outcome.unlisted) diagnostics.count(outcome.unlisted.counts, shifted(outcome.unlisted.first, line, events));
    for (const s of outcome.summaries) {
      s.event += events;
      s.source = documentIndex;
      summaries.push(s);
    }
    flags.append(outcome.flags);
    eventLines.append(outcome.eventLines, line);
    events += outcome.events;
    line += outcome.newlines;
  };

  // Chunks are read in order and analysed up to `parallel` at a time; outcomes are merged in order, each let go once
  // merged (a list of every chunk's promise kept every outcome, its diagnostics and columns, to the end).
  const inFlight: Promise<ChunkOutcome>[] = [];
  for await (const chunk of captureChunks(source, chunkBytes, maxChunkBytes)) {
    if ('whole' in chunk) return chunk;
    chunkStarts.push(chunk.start);
    chunkLengths.push(chunk.bytes.length);
    inFlight.push(analyser.analyse({ bytes: chunk.bytes, last: chunk.last, ...(options.secret ? { secret: options.secret } : {}), ...(options.summaries ? { summaries: options.summaries } : {}) }));
    if (inFlight.length >= analyser.parallel) merge(await inFlight.shift()!);
    if (whole !== undefined) break;
  }
  while (inFlight.length > 0) merge(await inFlight.shift()!);
  if (whole !== undefined) return { whole };

  const flagBytes = flags.done(), lines = eventLines.done();
  const flowPending = checkEventFlows(trustedOf(summaries, flagBytes), (_source, event) => `line ${lines[event]! + 1}`);
  const byChunk = new Map<number, PendingProblem[]>();
  for (const { source: _source, ...problem } of flowPending) {
    const global = (problem.at as { event: number }).event;
    const chunk = chunkOf(chunkEvents, global);
    const list = byChunk.get(chunk) ?? [];
    list.push({ ...problem, at: { ...problem.at, event: global - chunkEvents[chunk]! } as PendingProblem['at'] });
    byChunk.set(chunk, list);
  }
  for (const [chunk, pending] of byChunk) {
    // The chunk is read and analysed again (for its events' offsets): only chunks with a flow problem are.
    const text = utf8Text(await source.read(chunkStarts[chunk]!, chunkLengths[chunk]!))!;
    const analysed = await analyseDocument(text, options);
    const local = new LineIndex(text);
    for (const problem of resolveProblems(text, analysed.events, pending)) {
      diagnostics.add(shifted({ ...place(local, 0, problem), event: problem.event! }, chunkLines[chunk]!, chunkEvents[chunk]!));
    }
  }
  if (events === 0 && diagnostics.empty) return { whole: 'no events' };
  const listed = diagnostics.done();
  const inspection = { format: formatOf(shapes, events), events, ...listed, summaries, flags: flagBytes, eventLines: lines };
  return options.summaries === 'for-flow-rules' ? withoutGraph(inspection) : withGraph(inspection);
}

/** An inspection whose summaries were kept for the flow rules only: no graph can be drawn from them (they have no names). */
function withoutGraph(inspection: Omit<CompactInspection, 'graph'>): CompactInspection {
  return { ...inspection, get graph(): CallGraph {
    throw new Error('this inspection kept its summaries for the flow rules only (summaries: \'for-flow-rules\'): it has no call graph');
  } };
}

/**
 * The inspection with its call graph built when first asked for: `validate` never asks (its flow rules need no
 * graph), and the graph of several captures is built from their summaries, not from their own graphs.
 */
function withGraph(inspection: Omit<CompactInspection, 'graph'>, known?: CallGraph): CompactInspection {
  let graph = known;
  return { ...inspection, get graph() {
    return (graph ??= buildCallGraph(trustedOf(inspection.summaries, inspection.flags)));
  } };
}

/** One piece of a capture cut between top-level items: where it starts, its bytes, whether it ends the file. */
export interface CaptureChunk {
  start: number;
  bytes: Uint8Array;
  last: boolean;
}

/**
 * The chunks of a capture in order, each cut just after a line that a top-level item follows (a chunk grows,
 * doubling, to hold a larger item); or, first or instead, why the capture must be read whole (an array, or
 * an item larger than `maxChunkBytes`). The one way every command reads a capture a piece at a time.
 */
export async function* captureChunks(source: ByteSource, chunkBytes = CHUNK_BYTES, maxChunkBytes = MAX_CHUNK_BYTES): AsyncGenerator<CaptureChunk | { whole: string }> {
  const size = source.size;
  let position = 0;
  while (position < size) {
    let bytes: Uint8Array, last: boolean, cut: number;
    for (let want = chunkBytes; ; want *= 2) {
      bytes = await source.read(position, Math.min(want, size - position));
      if (position === 0 && firstByte(bytes) === 0x5b) {
        yield { whole: 'a JSON array' };
        return;
      }
      last = position + bytes.length >= size;
      cut = last ? bytes.length : cutPoint(bytes);
      if (cut > 0) break;
      if (want >= maxChunkBytes) {
        yield { whole: 'an item larger than a chunk' };
        return;
      }
    }
    yield { start: position, bytes: bytes.subarray(0, cut), last };
    position += cut;
  }
}

/**
 * Inspects a capture a chunk at a time, or in one piece when it must be read whole (decoded as the editor
 * decodes a file: a BOM and a UTF-16 capture are understood). Read errors reject.
 */
export async function inspectSource(source: ByteSource, options: ChunkedOptions = {}): Promise<CompactInspection> {
  const chunked = await inspectInChunks(source, options);
  if (!('whole' in chunked)) return chunked;
  const { text } = decodeCapture(await source.read(0, source.size));
  return compactInspection(await inspectDocument(text, options), options.source);
}

/** Options of one chunk's analysis. */
export interface ChunkAnalysisOptions extends InspectOptions {
  /** Reads chunks one byte per character where that is exact (see ByteReading); without it, as UTF-16 text. */
  byteReading?: ByteReading;
}

/** Analyses one chunk: what a worker thread runs, and the reader itself when it has no workers. */
export async function analyseChunk(job: ChunkJob, given: ChunkAnalysisOptions): Promise<ChunkOutcome> {
  const options = job.summaries ? { ...given, summaries: job.summaries } : given;
  const quick = options.byteReading ? await options.byteReading.analyse(job, options) : undefined;
  if (quick) return quick;
  // A NUL is not searched for here (a pass over every byte): the reader stops at any it meets, and then so does this.
  const text = utf8Text(job.bytes);
  if (text === undefined) return { whole: 'binary content' };
  return analyseChunkText(text, job, options);
}

/**
 * A chunk's bytes as text of one character per byte (Latin-1) and whether they are all ASCII, when they are valid
 * UTF-8; undefined when they are not. The Node layer has one (`src/node/byteText.ts`: `buffer.isUtf8` and `latin1`).
 */
export type ByteText = (bytes: Uint8Array) => { text: string; ascii: boolean } | undefined;

/**
 * Reads a chunk as one character per byte where the outcome is the same as the UTF-16 text's: decoding UTF-8 to
 * UTF-16 was a fifth of validate's time, Latin-1 text takes a third of that, and JSON.parse, slices and searches
 * are quicker on it. Exact because JSON's structure is ASCII (a multi-byte character is never a quote, a bracket or
 * white space), so every item, key, number and ASCII string reads the same. An ASCII chunk is the same text either
 * way. Another chunk is kept only when it has no problem (a problem's columns count characters and its message may
 * quote text) and no backslash-u escape (an escaped character would not be told from a byte); its summaries decode
 * their texts from their bytes (`internFromBytes`). Otherwise it is read again as UTF-16 text; once more chunks have
 * been read again than kept, chunks that are not ASCII are read as UTF-16 text at once (a capture of REST API
 * records, each with its note, would otherwise be read twice).
 */
export class ByteReading {
  private kept = 0;
  private readAgain = 0;

  constructor(private readonly read: ByteText) {}

  /** Chunks that were not ASCII: kept as read one byte per character, and read again as UTF-16 text. */
  get counts(): { kept: number; readAgain: number } {
    return { kept: this.kept, readAgain: this.readAgain };
  }

  /** The chunk's outcome read one byte per character, or undefined when it must be read as UTF-16 text. */
  async analyse(job: ChunkJob, options: InspectOptions): Promise<ChunkOutcome | undefined> {
    const bytes = job.bytes;
    // A BOM is skipped by the reader as one character, not three.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined;
    const read = this.read(bytes);
    if (read === undefined) return { whole: 'binary content' };
    if (read.ascii) return analyseChunkText(read.text, job, options);
    if (this.readAgain > this.kept + 2 || read.text.includes('\\u')) return undefined;
    const outcome = await analyseChunkText(read.text, job, { ...options, bytesAsText: true });
    if ('whole' in outcome || outcome.diagnostics.length > 0) {
      this.readAgain++;
      return undefined;
    }
    this.kept++;
    return outcome;
  }
}

/** Analyses one chunk's text. */
async function analyseChunkText(text: string, job: ChunkJob, options: InspectOptions): Promise<ChunkOutcome> {
  const analysed = await analyseDocument(text, options);
  if (analysed.binary) return { whole: 'binary content' };
  if (!job.last && analysed.pending.some((p) => p.code === 'syntax.truncated')) return { whole: 'an item across chunks' };
  const lines = new LineIndex(text);
  // A chunk of 80,000 tiny invalid items has 160,000 problems: only the first are located (a parse of their event each).
  const { listed, unlisted, firstUnlisted } = listPending(analysed.pending, (event) => analysed.events[event]!.start);
  const diagnostics = resolveProblems(text, analysed.events, listed).map((problem) => attributed(lines, analysed.events, problem));
  const counted = firstUnlisted === undefined ? {} : {
    unlisted: { counts: unlisted, first: place(lines, 0, { start: firstUnlisted, end: firstUnlisted + 1, severity: 'information', code: 'input.too-many-problems', message: '' }) },
  };
  return { format: analysed.format, shapes: shapesOf(analysed.format, text, analysed.events), events: analysed.events.length, newlines: lines.lineCount - 1, diagnostics, ...counted, ...perEvent(analysed.events, lines) };
}

/** What a chunk's items are, as the reader tells formats apart (`mixed` stands for itself). */
export type Shape = 'object-line' | 'object' | 'array' | 'jwt' | 'capture' | 'mixed';

/** The shapes of a chunk's items, from the chunk's format and its events (see `formatOf`). */
export function shapesOf(format: CaptureFormat, text: string, events: readonly { start: number; end: number }[]): Shape[] {
  switch (format) {
    case 'empty': return [];
    case 'json-lines': return ['object-line'];
    // A stream holds at least one object written over several lines (that alone decides the file's format).
    case 'json-stream': return ['object'];
    case 'json-object': return [text.slice(events[0]!.start, events[0]!.end).includes('\n') ? 'object' : 'object-line'];
    case 'json-array': return ['array'];
    case 'jwt-lines': return ['jwt'];
    case 'capture': return ['capture'];
    case 'mixed': return ['mixed'];
  }
}

/** The format of the whole file from its chunks' shapes: the reader's rule (reader.ts `format()`) over every chunk. */
export function formatOf(shapes: ReadonlySet<Shape>, events: number): CaptureFormat {
  if (shapes.has('mixed')) return 'mixed';
  if (shapes.size !== 1) return shapes.size === 0 ? 'empty' : [...shapes].every((s) => s === 'object' || s === 'object-line') ? 'json-stream' : 'mixed';
  const [shape] = shapes;
  switch (shape!) {
    case 'capture': return 'capture';
    case 'array': return 'json-array';
    case 'jwt': return 'jwt-lines';
    case 'object-line': return events === 1 ? 'json-object' : 'json-lines';
    default: return events === 1 ? 'json-object' : 'json-stream';
  }
}

/** The compact form of a whole-text inspection (captures read in one piece: arrays, standard input, small files). */
export function compactInspection(inspection: Inspection, source = 0): CompactInspection {
  const { lines, events } = inspection;
  const { listed, unlisted } = listProblems(inspection.problems);
  const diagnostics = listed.map((problem) => attributed(lines, events, problem));
  const { summaries, flags, eventLines } = perEvent(events, lines);
  for (const summary of summaries) summary.source = source;
  // The graph's events are the summaries themselves (sources already set), so it is reused as it is.
  return withGraph({ format: inspection.format, events: events.length, diagnostics, unlisted, summaries, flags, eventLines }, source === 0 ? inspection.graph : undefined);
}

/** The trusted call events of a compact inspection: what its call graph is built from. */
export function trustedOf(summaries: readonly CallEventSummary[], flags: Uint8Array): readonly GraphEvent[] {
  // Most captures have no untrusted event: their summaries are the list (no copy of a million entries).
  if (!flags.some((flag) => (flag & UNTRUSTED) !== 0)) return summaries;
  return summaries.filter((s) => (flags[s.event]! & UNTRUSTED) === 0);
}

/** One call graph over several inspected captures (the capture's own graph when there is one). */
export function combinedGraph(inspections: readonly CompactInspection[]): CallGraph {
  if (inspections.length === 1) return inspections[0]!.graph;
  return buildCallGraph(inspections.flatMap((i) => trustedOf(i.summaries, i.flags)));
}

/** How many events of the captures failed JWT verification (left out of the graph). */
export function untrustedCount(inspections: readonly CompactInspection[]): number {
  let count = 0;
  for (const { flags } of inspections) for (const flag of flags) if (flag & UNTRUSTED) count++;
  return count;
}

function perEvent(events: readonly InspectedEvent[], lines: LineIndex): { summaries: CallEventSummary[]; flags: Uint8Array; eventLines: Int32Array } {
  const summaries: CallEventSummary[] = [];
  const flags = new Uint8Array(events.length), eventLines = new Int32Array(events.length);
  for (const event of events) {
    eventLines[event.index] = lines.positionAt(event.start).line;
    flags[event.index] = EVENT_KINDS.indexOf(event.kind) | (event.trusted ? 0 : UNTRUSTED) | (event.payload === 'jwt' ? JWT_PAYLOAD : 0);
    if (event.summary) summaries.push(event.summary);
  }
  return { summaries, flags, eventLines };
}

function attributed(lines: LineIndex, events: readonly InspectedEvent[], problem: Problem): FileDiagnostic {
  const event = problem.event ?? eventAt(events, problem.start)?.index;
  const placed = place(lines, 0, problem);
  return event === undefined ? placed : { ...placed, event };
}

function shifted(d: FileDiagnostic, lines: number, events: number): FileDiagnostic {
  d.line += lines;
  d.endLine += lines;
  if (d.event !== undefined) d.event += events;
  return d;
}

/** A file's diagnostics as they are found, listed up to MAX_LISTED_PROBLEMS and counted past it (see listedProblems.ts). */
class ListedDiagnostics {
  private readonly listed: FileDiagnostic[] = [];
  private readonly unlisted = noCounts();
  private firstUnlisted: FileDiagnostic | undefined;

  get empty(): boolean {
    return this.listed.length === 0;
  }

  add(diagnostic: FileDiagnostic): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) {
      this.listed.push(diagnostic);
      return;
    }
    this.unlisted[diagnostic.problem.severity]++;
    this.noteFirst(diagnostic);
  }

  /** Problems counted and not located elsewhere (a chunk's past its own limit), the first of them at `first`. */
  count(counts: SeverityCounts, first: FileDiagnostic): void {
    addCounts(this.unlisted, counts);
    this.noteFirst(first);
  }

  private noteFirst(diagnostic: FileDiagnostic): void {
    if (!this.firstUnlisted || byFilePosition(diagnostic, this.firstUnlisted) < 0) this.firstUnlisted = diagnostic;
  }

  done(): { diagnostics: FileDiagnostic[]; unlisted: SeverityCounts } {
    const diagnostics = this.listed;
    const first = this.firstUnlisted;
    if (first) {
      const { problem: _problem, event: _event, ...at } = first;
      diagnostics.push({ ...at, problem: unlistedProblem(first.problem, this.unlisted) });
    }
    return { diagnostics: diagnostics.sort(byFilePosition), unlisted: this.unlisted };
  }
}

/** Orders diagnostics by where they start, then end (as `byPosition` orders problems). */
export function byFilePosition(a: FileDiagnostic, b: FileDiagnostic): number {
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

function localAnalyser(options: InspectOptions): ChunkAnalyser {
  return { parallel: 1, analyse: (job) => analyseChunk(job, options) };
}

/** The chunk holding a (global) event index: the last chunk starting at or before it. */
function chunkOf(firstEvents: readonly number[], event: number): number {
  let low = 0, high = firstEvents.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (firstEvents[mid]! <= event) low = mid;
    else high = mid - 1;
  }
  return low;
}

// ignoreBOM keeps a leading BOM in the text, as Buffer.toString does: offsets stay those of a whole read.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of UTF-8 bytes, or undefined when they are not UTF-8 or hold a NUL (binary content). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  return bytes.includes(0) ? undefined : utf8Text(bytes);
}

/** The text of UTF-8 bytes, or undefined when they are not UTF-8. */
function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Where to end a chunk: just after the last newline that a top-level item follows. */
function cutPoint(bytes: Uint8Array): number {
  for (let i = bytes.length - 2; i >= 0; i--) {
    if (bytes[i] === NEWLINE && !CONTINUATION.has(bytes[i + 1]!)) return i + 1;
  }
  return -1;
}

function firstByte(bytes: Uint8Array): number | undefined {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a && byte !== 0xef && byte !== 0xbb && byte !== 0xbf) return byte;
  return undefined;
}

/** A problem placed in the file: 1-based positions, shifted by the lines before its chunk. */
export function place(lines: LineIndex, firstLine: number, problem: Problem): FileDiagnostic {
  const start = lines.positionAt(problem.start), end = lines.positionAt(problem.end);
  return { line: firstLine + start.line + 1, column: start.character + 1, endLine: firstLine + end.line + 1, endColumn: end.character + 1, problem };
}

/** A byte array appended to in pieces (one byte per event), without a JavaScript array per element. */
class GrowingBytes {
  private bytes = new Uint8Array(1024);
  private length = 0;
  append(more: Uint8Array): void {
    if (this.length + more.length > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more.length));
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.bytes.set(more, this.length);
    this.length += more.length;
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

class GrowingInts {
  private ints = new Int32Array(1024);
  private length = 0;
  append(more: Int32Array, plus: number): void {
    if (this.length + more.length > this.ints.length) {
      const bigger = new Int32Array(Math.max(this.ints.length * 2, this.length + more.length));
      bigger.set(this.ints.subarray(0, this.length));
      this.ints = bigger;
    }
    for (let i = 0; i < more.length; i++) this.ints[this.length + i] = more[i]! + plus;
    this.length += more.length;
  }
  done(): Int32Array {
    return this.ints.slice(0, this.length);
  }
}
