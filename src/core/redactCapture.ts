import { CompactSign } from 'jose';
import { CAPTURE_RECORD_TYPE, FORWARD_RECORD_TYPE } from './captureRecord';
import { captureChunks, decodeUtf8, formatOf, shapesOf, type ByteSource, type Shape } from './chunkedInspection';
import { eventJson } from './eventSource';
import { HmacKeyCache, inspectJwt, isTrustedVerdict, WEBHOOK_ALGORITHM } from './jwt';
import { readJsonValue } from './jsonText';
import { readCapture, type CaptureFormat, type ReadEvent } from './reader';
import { Redactor, withExactIntegers, writeJson, type RedactOptions } from './redact';
import { lineEnd, measureValue, scanListEnvelope } from './scan';

/** One capture to redact. */
export interface RedactInput {
  text: string;
}

/** A redacted capture: its text, in the input's shape. */
export interface RedactedCapture {
  text: string;
  format: CaptureFormat;
  /** Events written (redacted). */
  events: number;
  /** Items of the input that were not written: they could not be read as events, so nothing says what they hold. */
  leftOut: number;
}

/** Options of `redactCaptures`. */
export interface RedactCaptureOptions extends RedactOptions {
  /** The webhook secret: JWTs are then written as JWTs, signed again (those that fail verification with a throwaway key, so they still fail). */
  secret?: string;
}

interface ParsedEvent {
  event: ReadEvent;
  value: Record<string, unknown>;
  /** For a JWT: whether it passed verification (decides which key signs it again). */
  trusted?: boolean;
}

interface ParsedCapture {
  text: string;
  format: CaptureFormat;
  events: ParsedEvent[];
  /** Events the reader found whose content could not be decoded (a JWT with bad claims). */
  undecoded: number;
  itemCount: number;
  /** Errors the reader reported (unreadable items). */
  readErrors: number;
  /** The text ends inside an item (in a chunk that does not end the file: the item goes on in the next one). */
  truncated: boolean;
}

/**
 * Redacts several captures as one run (the same value gets the same pseudonym in all of them), each
 * written in its own shape: JSON Lines as JSON Lines, an array as an array, a listener capture as a
 * capture file, JWT lines as JSON lines (or JWTs signed again with `secret`). Indentation is normalised:
 * two spaces where the input's event was on several lines, else one line.
 */
export async function redactCaptures(inputs: readonly RedactInput[], options: RedactCaptureOptions = {}): Promise<RedactedCapture[]> {
  const redactor = new Redactor(options);
  const keys = new HmacKeyCache();
  const parsed: ParsedCapture[] = [];
  for (const input of inputs) parsed.push(await parseCapture(input.text, options.secret, keys));
  for (const capture of parsed) for (const { value } of capture.events) redactor.observe(value);
  const signer = options.secret ? new Signer(options.secret) : undefined;
  const out: RedactedCapture[] = [];
  for (const capture of parsed) out.push(await writeCapture(capture, redactor, signer));
  return out;
}

/** The decoded events of a capture (JSON payloads with their exact integers, JWT claims), in order: what redact and diff read. */
export async function decodedEvents(text: string, secret?: string): Promise<{ value: Record<string, unknown>; trusted: boolean }[]> {
  return (await parseCapture(text, secret, new HmacKeyCache())).events.map(({ value, trusted }) => ({ value, trusted: trusted !== false }));
}

async function parseCapture(text: string, secret: string | undefined, keys: HmacKeyCache): Promise<ParsedCapture> {
  const read = readCapture(text);
  const events: ParsedEvent[] = [];
  let undecoded = 0;
  for (const event of read.events) {
    if (event.payload === 'json') {
      const value = event.value as Record<string, unknown>;
      const json = event.unsafeNumbers ? eventJson(text, event)?.json : undefined;
      events.push({ event, value: (json !== undefined ? withExactIntegers(value, json) : value) as Record<string, unknown> });
      continue;
    }
    const jwt = await inspectJwt(event.token!, secret, keys);
    const claims = jwt.claimsText === undefined ? undefined : readJsonValue(jwt.claimsText).value;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      undecoded++;
      continue;
    }
    const value = measureValue(claims).unsafeNumbers ? withExactIntegers(claims, jwt.claimsText!) : claims;
    events.push({ event, value: value as Record<string, unknown>, trusted: isTrustedVerdict(jwt.verdict) });
  }
  const readErrors = read.problems.filter((p) => p.severity === 'error' && p.code !== 'syntax.truncated').length;
  const truncated = read.problems.some((p) => p.code === 'syntax.truncated');
  return { text, format: read.format, events, undecoded, itemCount: read.itemStarts.length, readErrors, truncated };
}

/** Signs redacted claims: with the secret when the original verified, else with a random key (so it still fails). */
class Signer {
  private readonly key: Uint8Array;
  private readonly throwaway = crypto.getRandomValues(new Uint8Array(32));

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: string, trusted: boolean): Promise<string> {
    return new CompactSign(new TextEncoder().encode(claims))
      .setProtectedHeader({ alg: WEBHOOK_ALGORITHM, typ: 'JWT' })
      .sign(trusted ? this.key : this.throwaway);
  }
}

async function writeCapture(capture: ParsedCapture, redactor: Redactor, signer: Signer | undefined): Promise<RedactedCapture> {
  const { text, format } = capture;
  const payload = payloadWriter(redactor, signer);
  // Written as it was: on several lines (indented) or on one.
  const indentOf = (event: ReadEvent) => (text.slice(event.start, event.end).includes('\n') ? '  ' : undefined);
  const result = (body: string, events: number, leftOut: number): RedactedCapture => ({ text: body, format, events, leftOut: Math.max(0, leftOut) });

  if (format === 'capture') return writeCaptureFile(capture, redactor, payload);
  if (format === 'json-array') {
    const pretty = capture.events.some(({ event }) => indentOf(event) !== undefined);
    const items: string[] = [];
    for (const parsed of capture.events) items.push((await payload(parsed, pretty ? '  ' : undefined)).text);
    const list = items.length === 0 ? '[]' : pretty ? `[\n${items.map((item) => indentLines(item, pretty ? '  ' : '')).join(',\n')}\n]` : `[${items.join(',')}]`;
    const start = text.search(/\S/);
    // A REST API list response stays one, its cursor kept (an opaque position, no person).
    const envelope = start >= 0 && text.charAt(start) === '{' ? scanListEnvelope(text, start) : undefined;
    const cursor = envelope ? cursorOf(text.slice(start, envelope.end)) : undefined;
    const body = envelope ? (pretty ? `{\n  ${cursor !== undefined ? `"cursor": ${writeJson(cursor)},\n  ` : ''}"items": ${indentLines(list, '  ').trimStart()}\n}` : `{${cursor !== undefined ? `"cursor":${writeJson(cursor)},` : ''}"items":${list}}`) : list;
    return result(`${body}\n`, items.length, capture.undecoded + elementsLeftOut(capture));
  }
  const lines = await eventLines(capture, format, payload);
  return result(lines.length > 0 ? `${lines.join('\n')}\n` : '', lines.length, capture.itemCount - capture.events.length);
}

type Payload = (parsed: ParsedEvent, indent?: string) => Promise<{ text: string; jwt: boolean }>;

/** Writes the events of a capture of events one after another (`format` is the whole file's): one line each, or indented as they were. */
async function eventLines(capture: ParsedCapture, format: CaptureFormat, payload: Payload): Promise<string[]> {
  const lines: string[] = [];
  const oneLine = format === 'json-lines' || format === 'jwt-lines' || format === 'mixed';
  for (const parsed of capture.events) {
    // Written as it was: on several lines (indented) or on one.
    const indent = oneLine || !capture.text.slice(parsed.event.start, parsed.event.end).includes('\n') ? undefined : '  ';
    lines.push((await payload(parsed, indent)).text);
  }
  return lines;
}

/** What `redactSources` tells of one capture (its text went to `write`). */
export type RedactedSource = Omit<RedactedCapture, 'text'>;

/** The chunks of a capture, each parsed as `redactCaptures` parses a capture; or, at the end, why it must be read whole. */
async function* parsedChunks(source: ByteSource, secret: string | undefined, keys: HmacKeyCache, chunkBytes: number): AsyncGenerator<ParsedCapture | { whole: string }> {
  for await (const chunk of captureChunks(source, chunkBytes)) {
    if ('whole' in chunk) {
      yield chunk;
      return;
    }
    const text = decodeUtf8(chunk.bytes);
    if (text === undefined) {
      yield { whole: 'binary content' };
      return;
    }
    const parsed = await parseCapture(text, secret, keys);
    if (!chunk.last && parsed.truncated) {
      yield { whole: 'an item across chunks' };
      return;
    }
    yield parsed;
  }
}

/**
 * `decodedEvents` of a capture read a chunk at a time: each chunk's events go to `each` in order. Answers
 * why the capture must be read whole instead (`each` may have had the events of its first chunks by then).
 */
export async function eachDecodedEvent(source: ByteSource, secret: string | undefined, each: (value: Record<string, unknown>, trusted: boolean) => void, chunkBytes = REDACT_CHUNK_BYTES): Promise<{ whole: string } | undefined> {
  for await (const parsed of parsedChunks(source, secret, new HmacKeyCache(), chunkBytes)) {
    if ('whole' in parsed) return parsed;
    for (const { value, trusted } of parsed.events) each(value, trusted !== false);
  }
  return undefined;
}

/**
 * Redact reads in smaller chunks than the inspection: it parses and rebuilds every value of a chunk, and with
 * smaller pieces that garbage dies young (the bench capture's peak RSS: 360 MB with 256 KiB chunks, 208 MB with 64 KiB).
 */
const REDACT_CHUNK_BYTES = 64 * 1024;

/**
 * `redactCaptures` a chunk at a time: each capture is read twice, a chunk at a time (once to note every
 * personal value of the run, once to write), so neither a capture nor its redacted copy is ever held
 * whole. Each capture's text goes to `write` in pieces, exactly the text `redactCaptures` makes of it.
 * Answers `whole`, before writing anything, when a capture must be read whole (an array, a listener
 * capture file, text not in UTF-8, no events, an item larger than a chunk): then call `redactCaptures`.
 */
export async function redactSources(sources: readonly ByteSource[], write: (source: number, text: string) => void | Promise<void>, options: RedactCaptureOptions & { chunkBytes?: number } = {}): Promise<RedactedSource[] | { whole: string }> {
  const redactor = new Redactor(options);
  const keys = new HmacKeyCache();
  const chunksOf = (source: ByteSource) => parsedChunks(source, options.secret, keys, options.chunkBytes ?? REDACT_CHUNK_BYTES);
  // First pass: every personal value of the run, and the format of each capture (the rule of its chunks' shapes).
  const formats: CaptureFormat[] = [];
  for (const source of sources) {
    const shapes = new Set<Shape>();
    let events = 0;
    for await (const parsed of chunksOf(source)) {
      if ('whole' in parsed) return parsed;
      if (parsed.format === 'capture' || parsed.format === 'json-array') return { whole: `a ${parsed.format === 'capture' ? 'listener capture' : 'JSON array'}` };
      for (const shape of shapesOf(parsed.format, parsed.text, parsed.events.map((e) => e.event))) shapes.add(shape);
      for (const { value } of parsed.events) redactor.observe(value);
      events += parsed.events.length;
    }
    if (events === 0) return { whole: 'no events' };
    formats.push(formatOf(shapes, events));
  }
  // Second pass: each event redacted and written, in the input's order.
  const signer = options.secret ? new Signer(options.secret) : undefined;
  const payload = payloadWriter(redactor, signer);
  const out: RedactedSource[] = [];
  for (const [index, source] of sources.entries()) {
    const format = formats[index]!;
    let events = 0, leftOut = 0;
    for await (const parsed of chunksOf(source)) {
      if ('whole' in parsed) throw new Error(`redactSources: the capture changed between its two readings (${parsed.whole})`);
      const lines = await eventLines(parsed, format, payload);
      // A promise from `write` (its output is full) is waited for before the next chunk.
      if (lines.length > 0) await write(index, `${lines.join('\n')}\n`);
      events += lines.length;
      leftOut += parsed.itemCount - parsed.events.length;
    }
    out.push({ format, events, leftOut: Math.max(0, leftOut) });
  }
  return out;
}

/** Writes one event redacted: as JSON (indented by `indent`), or as a JWT signed again when there is a signer. */
function payloadWriter(redactor: Redactor, signer: Signer | undefined): Payload {
  return async (parsed, indent) => {
    const json = writeJson(redactor.redact(parsed.value), indent);
    if (parsed.event.payload === 'jwt' && signer) return { text: await signer.sign(json, parsed.trusted !== false), jwt: true };
    return { text: json, jwt: false };
  };
}

/** Elements of an array that were not written: those the reader reported as unreadable (an estimate: one error each). */
function elementsLeftOut(capture: ParsedCapture): number {
  return capture.readErrors;
}

function cursorOf(envelopeText: string): unknown {
  try {
    return (JSON.parse(envelopeText) as { cursor?: unknown }).cursor;
  } catch {
    return undefined;
  }
}

function indentLines(text: string, indent: string): string {
  return text.split('\n').map((line) => indent + line).join('\n');
}


/** A listener capture file, line by line: each record kept with its body redacted; forward records with the handler's answer redacted. */
async function writeCaptureFile(capture: ParsedCapture, redactor: Redactor, payload: Payload): Promise<RedactedCapture> {
  const { text } = capture;
  const byStart = new Map(capture.events.map((parsed) => [parsed.event.start, parsed]));
  const lines: string[] = [];
  let leftOut = 0, events = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    const line = text.slice(pos, end).trim();
    const start = pos + (text.slice(pos, end).length - text.slice(pos, end).trimStart().length);
    pos = end + 1;
    if (line === '') continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      leftOut++;
      continue;
    }
    if (typeof record !== 'object' || record === null || (record.type !== CAPTURE_RECORD_TYPE && record.type !== FORWARD_RECORD_TYPE)) {
      leftOut++;
      continue;
    }
    const out: Record<string, unknown> = { ...record };
    if (record.type === CAPTURE_RECORD_TYPE) {
      const parsed = byStart.get(start);
      if (parsed) {
        const body = await payload(parsed);
        out.body = body.text;
        out.size = Buffer.byteLength(body.text);
        if (!body.jwt && parsed.event.payload === 'jwt') out.content_type = 'application/json';
        events++;
      } else if (typeof record.body === 'string' && record.body !== '') {
        // A body that is not an event: nothing says what it holds.
        out.body = '';
        out.size = 0;
      }
      if (typeof record.body_base64 === 'string') out.body_base64 = '';
      if (typeof record.path === 'string' && record.path.includes('?')) out.path = `${record.path.slice(0, record.path.indexOf('?'))}?redacted`;
      if (typeof record.reason === 'string') out.reason = redactor.redactFreeText(record.reason);
      if (typeof record.headers === 'object' && record.headers !== null && !Array.isArray(record.headers)) out.headers = maskHeaders(record.headers as Record<string, unknown>);
    } else {
      // The handler's answer may echo the event: replaced whole.
      if (typeof record.response_start === 'string' && record.response_start !== '') out.response_start = redactor.redactText('response_start', record.response_start);
      if (typeof record.error === 'string') out.error = redactor.redactFreeText(record.error);
    }
    lines.push(writeJson(out));
  }
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', format: capture.format, events, leftOut };
}

// Headers that carry credentials (Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-Api-Key, X-Auth-Token,
// signatures, session ids): their values are never written to a capture, a log or a view.
const CREDENTIAL_HEADER = /auth|cookie|token|secret|signature|api[-_]?key|(^|[-_])key$|password|passwd|session|credential/i;

/** What a credential header's value is replaced with. */
export const MASKED_HEADER_VALUE = '[masked]';

/** True for a header whose value is a credential (by its name, any case). */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

/**
 * Request headers with the values of credential headers replaced by `MASKED_HEADER_VALUE` (an empty
 * value stays empty: nothing to hide). The one masking of headers: the listener's records and `redact`.
 */
export function maskHeaders<T>(headers: Record<string, T>): Record<string, T | string> {
  const out: Record<string, T | string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isCredentialHeader(name) && value !== null && value !== '' ? MASKED_HEADER_VALUE : value;
  return out;
}
