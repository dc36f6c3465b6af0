import * as fs from 'node:fs';
import { CAPTURE_RECORD_TYPE, formatForwardRecord, type ForwardRecord, type ReplayMode } from '../core/captureRecord';
import { signJsonText } from '../core/jwt';
import { sendToHandler } from './deliver';
import { FORWARDED_HEADER } from './forwarder';

export type { ReplayMode } from '../core/captureRecord';

/**
 * Sending a captured event again to the user's handler (the forward-to target), from the editor:
 * as captured (the same bytes and content type) or as the user edited it (re-signed with the
 * webhook secret when one is set), with the handler's answer appended to the capture as a forward
 * record of that request. No `vscode` here.
 */

/** A request body and its content type (null: no Content-Type header). */
export interface ReplayBody {
  body: Buffer<ArrayBufferLike>;
  contentType: string | null;
}

/** What a replay sends, and how it was made. */
export interface ReplayRequest extends ReplayBody {
  mode: ReplayMode;
  /** True when the body is a JWT freshly signed with the webhook secret. */
  signed: boolean;
}

/** What to build a replay from. */
export interface ReplaySource {
  /** The request as captured (required for `as-captured`). */
  captured?: ReplayBody;
  /** The event's JSON text as it is now in the editor (required for `as-edited`). */
  editedJson?: string;
  /** The webhook's HS256 secret: with it, an edited event is sent as a JWT signed with it. */
  secret?: string;
}

/** A replay that cannot be built (no captured body, edited text that is not a JSON object); the message is for the user. */
export class ReplayInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayInputError';
  }
}

/** Header telling the user's handler that a request is a replay, and which kind. */
export const REPLAY_HEADER = 'x-call-events-replay';

/**
 * The request a replay sends. As captured: the original body bytes and content type exactly.
 * As edited: the edited event JSON, as a fresh HS256 JWT (content type application/jwt) when a
 * secret is set, else as the JSON text itself (application/json). Throws a `ReplayInputError`.
 */
export async function buildReplayRequest(mode: ReplayMode, source: ReplaySource): Promise<ReplayRequest> {
  if (mode === 'as-captured') {
    if (!source.captured) throw new ReplayInputError('the event has no captured body to send');
    return { mode, body: source.captured.body, contentType: source.captured.contentType, signed: false };
  }
  const text = source.editedJson;
  if (text === undefined) throw new ReplayInputError('the event has no JSON to send');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReplayInputError(`the edited event is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ReplayInputError('the edited event is not a JSON object');
  if (!source.secret) return { mode, body: Buffer.from(text.trim(), 'utf8'), contentType: 'application/json', signed: false };
  const token = await signJsonText(compactJson(text), source.secret);
  return { mode, body: Buffer.from(token, 'utf8'), contentType: 'application/jwt', signed: true };
}

/** JSON text without the white space between tokens; strings and number literals are kept exactly. */
export function compactJson(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

/** The request a capture record holds (its raw body and content type), or undefined when it kept no body. */
export function capturedBody(record: Record<string, unknown>): ReplayBody | undefined {
  const contentType = typeof record.content_type === 'string' ? record.content_type : null;
  if (typeof record.body === 'string') return { body: Buffer.from(record.body, 'utf8'), contentType };
  if (typeof record.body_base64 === 'string') return { body: Buffer.from(record.body_base64, 'base64'), contentType };
  return undefined;
}

/**
 * The capture record of one request in a capture file's text: the latest line with this seq and
 * received_at (a seq alone is not unique once a listener restarts on the same file).
 */
export function findCaptureRecord(text: string, seq: number | undefined, receivedAt: string): Record<string, unknown> | undefined {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.includes(receivedAt) || !line.includes(CAPTURE_RECORD_TYPE)) continue;
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record.type === CAPTURE_RECORD_TYPE && record.received_at === receivedAt && (seq === undefined || record.seq === seq)) return record;
    } catch {
      // Not a whole record (a line cut short, or an object spread over lines): not the one.
    }
  }
  return undefined;
}

/** What the handler answered, as a forward record records it (never credentials or the query of its URL). */
export type Delivery = Pick<ForwardRecord, 'forwarded_at' | 'url' | 'status' | 'latency_ms' | 'response_start' | 'error'>;

/** Options of `deliver`. */
export interface DeliverOptions {
  /** A handler that has not answered within this is given up on (10 s by default). */
  timeoutMs?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/**
 * POSTs a body to the handler on a fresh connection and says what happened: its status, the
 * latency to its response headers, and the first 200 bytes of its answer, or why there was none.
 * Never throws; settles within the timeout (plus a moment).
 */
export async function deliver(target: string, request: ReplayBody, options: DeliverOptions = {}): Promise<Delivery> {
  const result = await sendToHandler(target, request.body, {
    timeoutMs: options.timeoutMs ?? 10_000,
    headers: { ...(request.contentType ? { 'content-type': request.contentType } : {}), ...options.headers },
  });
  return { forwarded_at: result.sentAt, url: result.url, status: result.status, latency_ms: result.latencyMs, response_start: result.responseStart, error: result.failure?.message ?? null };
}

/** The request a replay is of: its capture record's seq and received_at. */
export interface ReplayedRequest {
  seq: number;
  receivedAt: string;
}

/** The forward record of a replay (no trailing newline): the reader attaches it to the request by seq and received_at. */
export function formatReplayRecord(of: ReplayedRequest, mode: ReplayMode, delivery: Delivery): string {
  return formatForwardRecord({ seq: of.seq, ...delivery, replay: mode, received_at: of.receivedAt });
}

/**
 * Appends one whole line to an existing capture file with a single O_APPEND write (one
 * `fs.appendFile`), so it lands between a running listener's lines, never inside one. Never
 * creates the file. Rejects when it cannot be written.
 */
export async function appendRecordLine(file: string, line: string): Promise<void> {
  // A file that ends inside a line (a capture cut short by a crash) gets a newline first, so the record stays a line of its own.
  const cutShort = (await lastByte(file)) !== 0x0a;
  await fs.promises.appendFile(file, `${cutShort ? '\n' : ''}${line}\n`, { encoding: 'utf8', flag: fs.constants.O_WRONLY | fs.constants.O_APPEND });
}

/** The last byte of a file, or 0x0a (as if it ended a line) when it is empty. */
async function lastByte(file: string): Promise<number> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return 0x0a;
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, size - 1);
    return buffer[0]!;
  } finally {
    await handle.close();
  }
}

/** Everything one replay needs. */
export interface ReplayOptions extends ReplaySource {
  mode: ReplayMode;
  /** The forward-to URL of the user's handler. */
  target: string;
  /** The request replayed, when it is a listener capture record with a seq: its result is then recorded. */
  of?: ReplayedRequest;
  /** The capture file to append the result to (with `of`). */
  captureFile?: string;
  timeoutMs?: number;
}

/** What a replay did. */
export interface ReplayResult {
  request: ReplayRequest;
  delivery: Delivery;
  /** The forward record, when the replay is of a capture record with a seq. */
  line?: string;
  /** True once the line is in the capture file. */
  recorded: boolean;
  /** Why the line could not be appended, when it could not. */
  recordError?: string;
}

/**
 * Builds the request (throws a `ReplayInputError` when it cannot), sends it to the handler (never
 * throws), and appends the result to the capture file as a forward record of the request.
 */
export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  const request = await buildReplayRequest(options.mode, options);
  const delivery = await deliver(options.target, request, {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    // Marked as forwarded, so a listener that is itself the target records it without forwarding it again.
    headers: { [FORWARDED_HEADER]: options.of ? String(options.of.seq) : 'replay', [REPLAY_HEADER]: options.mode },
  });
  if (!options.of) return { request, delivery, recorded: false };
  const line = formatReplayRecord(options.of, options.mode, delivery);
  if (!options.captureFile) return { request, delivery, line, recorded: false };
  try {
    await appendRecordLine(options.captureFile, line);
    return { request, delivery, line, recorded: true };
  } catch (error) {
    return { request, delivery, line, recorded: false, recordError: error instanceof Error ? error.message : String(error) };
  }
}
