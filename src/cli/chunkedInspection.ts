import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { checkFlows } from '../core/flowRules';
import { buildCallGraph, type GraphEvent } from '../core/graph';
import { analyseDocument, type InspectedEvent, type InspectOptions } from '../core/inspect';
import { LineIndex } from '../core/lines';
import { resolveProblems } from '../core/locate';
import type { PendingProblem, Problem } from '../core/problems';
import { openRegularFile } from './files';

/** A diagnostic with 1-based positions in the whole file. */
export interface FileDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  problem: Problem;
}

/** What reading a file in chunks found, or why it must be read whole. */
export type ChunkedResult = { events: number; diagnostics: FileDiagnostic[] } | { whole: string };

/** Files up to this size are read whole: chunks only pay off on large captures. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

interface Chunk {
  byteStart: number;
  byteLength: number;
  firstLine: number;
  events: InspectedEvent[];
  /** 0-based line (in the file) of each event's start. */
  eventLines: Int32Array;
}

const NEWLINE = 0x0a;
/** Bytes that may start a line inside a value: a chunk is never cut before one of them. */
const CONTINUATION = new Set([0x20, 0x09, 0x0d, 0x0a, 0x7d, 0x5d, 0x2c]);

/**
 * Inspects a large capture a chunk at a time, cutting only between top-level items, so the whole text is
 * never held at once (memory stays near the chunk size plus one small summary per event). Flow rules run
 * over every event at the end; the few chunks holding a flow problem are read again to place it exactly.
 * Answers `whole` when the file is better read in one piece (small, an array, binary, or an item that
 * does not fit a chunk); the result is then the same as `inspectDocument` on the whole text.
 */
export async function inspectInChunks(file: string, options: InspectOptions, chunkBytes = CHUNK_BYTES): Promise<ChunkedResult> {
  // Only a regular file is read in chunks (a FIFO or a device would block or never end); `readCaptureFile` says why not.
  const opened = openRegularFile(file);
  if ('error' in opened) return { whole: 'not a regular file' };
  const { fd, size } = opened;
  try {
    if (size <= chunkBytes) return { whole: 'small' };
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const chunks: Chunk[] = [];
    const diagnostics: FileDiagnostic[] = [];
    const graphEvents: GraphEvent[] = [];
    let position = 0;
    let line = 0;
    let events = 0;
    while (position < size) {
      const read = fs.readSync(fd, buffer, 0, Math.min(chunkBytes, size - position), position);
      if (chunks.length === 0 && firstByte(buffer.subarray(0, read)) === 0x5b) return { whole: 'a JSON array' };
      const last = position + read >= size;
      const cut = last ? read : cutPoint(buffer, read);
      if (cut <= 0) return { whole: 'an item larger than a chunk' };
      const bytes = buffer.subarray(0, cut);
      if (!isUtf8(bytes) || bytes.includes(0)) return { whole: 'binary content' };
      const text = bytes.toString('utf8');
      const analysed = await analyseDocument(text, options);
      if (!last && analysed.pending.some((p) => p.code === 'syntax.truncated')) return { whole: 'an item across chunks' };
      const lines = new LineIndex(text);
      for (const problem of resolveProblems(text, analysed.events, analysed.pending)) diagnostics.push(place(lines, line, problem));
      const eventLines = new Int32Array(analysed.events.length);
      for (const event of analysed.events) {
        eventLines[event.index] = line + lines.positionAt(event.start).line;
        if (event.summary && event.trusted) {
          event.summary.source = chunks.length;
          graphEvents.push(event.summary);
        }
      }
      chunks.push({ byteStart: position, byteLength: cut, firstLine: line, events: analysed.events, eventLines });
      events += analysed.events.length;
      line += lines.lineCount - 1;
      position += cut;
    }
    const graph = buildCallGraph(graphEvents);
    const flowPending = checkFlows(graph, (source, event) => `line ${chunks[source]!.eventLines[event]! + 1}`);
    const bySource = new Map<number, PendingProblem[]>();
    for (const { source, ...problem } of flowPending) {
      const list = bySource.get(source) ?? [];
      list.push(problem);
      bySource.set(source, list);
    }
    for (const [source, pending] of bySource) {
      const chunk = chunks[source]!;
      const again = Buffer.allocUnsafe(chunk.byteLength);
      fs.readSync(fd, again, 0, chunk.byteLength, chunk.byteStart);
      const text = again.toString('utf8');
      const lines = new LineIndex(text);
      for (const problem of resolveProblems(text, chunk.events, pending)) diagnostics.push(place(lines, chunk.firstLine, problem));
    }
    if (events === 0 && diagnostics.length === 0) return { whole: 'no events' };
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn);
    return { events, diagnostics };
  } finally {
    fs.closeSync(fd);
  }
}

/** Where to end a chunk: just after the last newline that a top-level item follows. */
function cutPoint(buffer: Buffer, length: number): number {
  for (let i = length - 2; i >= 0; i--) {
    if (buffer[i] === NEWLINE && !CONTINUATION.has(buffer[i + 1]!)) return i + 1;
  }
  return -1;
}

function firstByte(bytes: Buffer): number | undefined {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a && byte !== 0xef && byte !== 0xbb && byte !== 0xbf) return byte;
  return undefined;
}

/** A problem placed in the file: 1-based positions, shifted by the lines before its chunk. */
export function place(lines: LineIndex, firstLine: number, problem: Problem): FileDiagnostic {
  const start = lines.positionAt(problem.start), end = lines.positionAt(problem.end);
  return { line: firstLine + start.line + 1, column: start.character + 1, endLine: firstLine + end.line + 1, endColumn: end.character + 1, problem };
}
