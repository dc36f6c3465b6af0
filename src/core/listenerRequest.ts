import { forwardVerdict, verdictLine } from './deliveryVerdict';
import { forwardResultOf, formatLatency, plainText, replayLabel, type ForwardResult } from './forwardResult';
import { analyseDocument } from './inspect';
import { MAX_PRETTY_JSON, prettyJson } from './jsonText';
import type { JwtVerdict } from './jwt';
import { maskHeaders } from './redactCapture';
import { forTerminalLines } from '../shared/untrustedText';

/**
 * The listener's inspector (as ngrok's is for HTTP): one entry per request received, what the list
 * shows of it, and the plain-text detail of one request. Everything from the request (path, headers,
 * body) is untrusted: the list's texts go through `plainText`, the detail through `forTerminalLines`.
 */

/** What the body of a request is, as the core reads it (the judge's own reading). */
export interface RequestEvent {
  payload: 'json' | 'jwt';
  callId?: string;
  state?: string;
  jwt?: { verdict: JwtVerdict; message: string; header?: Record<string, unknown> };
  /** A JWT's claims, as signed. */
  claimsText?: string;
}

/** One request the listener received, as the inspector keeps it (no body: that stays in the capture). */
export interface ListenedRequest {
  /** The inspector's own number, unique within the editor session. */
  id: number;
  receivedAt: string;
  method: string;
  path: string;
  status: number | null;
  verdict: string;
  reason?: string;
  size: number;
  contentType: string | null;
  /** The capture record's seq, when the request was stored. */
  seq?: number;
  stored: boolean;
  latencyMs: number;
  /** Request headers as recorded (credential values masked). */
  headers?: Record<string, string>;
  event?: RequestEvent;
  /** The handler's answer (the listener's forward, or the latest replay). */
  forward?: ForwardResult;
}

/**
 * Bodies above this are not read for their event (a call event is about 2 KB): the editor reads them on the thread
 * the listener answers on, so a large body costs nothing there. The detail still shows their start.
 */
export const MAX_ANALYSED_BODY = 64 * 1024;

/** Reads a body as the core reads a webhook: its first event's call id, state and JWT verdict, or undefined when it is none. */
export async function describeRequestBody(body: string, secret: string | undefined): Promise<RequestEvent | undefined> {
  if (body.length > MAX_ANALYSED_BODY || body.trim() === '') return undefined;
  const analysed = await analyseDocument(body, secret ? { secret } : {});
  const event = analysed.events[0];
  if (!event) return undefined;
  return {
    payload: event.payload,
    ...(event.summary ? { callId: event.summary.callId, state: event.summary.state } : {}),
    ...(event.jwt ? { jwt: event.jwt } : {}),
    ...(event.claimsText !== undefined ? { claimsText: event.claimsText } : {}),
  };
}

/** The handler's answer in a forward record's fields (the listener's `ForwardOutcome`), as the editor shows it. */
export function forwardOfRecord(forward: Record<string, unknown>): ForwardResult | undefined {
  return forwardResultOf({ record: { forward } });
}

/**
 * The headers of a capture record read from a file, as [name, value] pairs in order: string values
 * only, credential values masked again (a hand-made file may hold them). None for records written
 * before headers were kept.
 */
export function capturedHeaders(record: Record<string, unknown>): [string, string][] {
  const headers = record.headers;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return [];
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) if (typeof value === 'string') strings[name] = value;
  return Object.entries(maskHeaders(strings));
}

/** "1.2 KB", "340 B". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The time of day of an ISO time (UTC, as the log and the capture write it): "12:04:44". */
function timeOfDay(iso: string): string {
  return /T(\d\d:\d\d:\d\d)/.exec(iso)?.[1] ?? iso;
}

/**
 * One entry of the list, as plain text: label "404 /hook" (status, method when not POST, path); description
 * "wrong-path · ringing call 123 · 1.5 KB · 12:04:44" (the verdict unless a 200 accepted it); a tooltip.
 */
export function requestListItem(request: ListenedRequest): { label: string; description: string; tooltip: string } {
  const method = request.method && request.method !== 'POST' ? `${plainText(request.method, 20)} ` : '';
  const path = plainText(request.path || '-', 80);
  const label = `${request.status ?? '—'} ${method}${path}`;
  const event = request.event;
  // The event first (what a person looks for); "accepted" goes without saying beside a 200, any other verdict is shown.
  const call = event?.callId ? `${event.state ? `${plainText(event.state, 30)} ` : ''}call ${plainText(event.callId, 24)}` : '';
  const verdict = request.verdict === 'accepted' && request.status === 200 ? '' : request.verdict;
  const description = [verdict, call, formatSize(request.size), timeOfDay(request.receivedAt)].filter(Boolean).join(' · ');
  const tooltip = [
    `${plainText(request.method || '-', 20)} ${plainText(request.path || '-', 200)} → ${request.status ?? 'no answer'} ${request.verdict}`,
    request.reason ? plainText(request.reason, 200) : '',
    `${request.receivedAt} · ${formatSize(request.size)}${request.seq !== undefined ? ` · seq ${request.seq}` : ' · not recorded'}`,
    request.forward ? forwardLine(request.forward) : '',
  ].filter(Boolean).join('\n');
  return { label, description, tooltip };
}

/**
 * The detail of one request as a plain-text document: the request line and answer, the handler's answer,
 * the headers, and the body (JSON pretty-printed; a JWT's claims decoded, with its verdict).
 * `record` is the request's capture record as read back from the file (its body and headers), when there is one.
 * Every line is made inert (`forTerminalLines`): no control, bidi or invisible character reaches the editor raw.
 */
export function requestDetailText(request: ListenedRequest, record: Record<string, unknown> | undefined): string {
  const out: string[] = [];
  out.push(`${request.method || '-'} ${request.path || '-'} → ${request.status ?? 'no answer'} ${request.verdict}`);
  if (request.reason) out.push(`Reason: ${request.reason}`);
  out.push(`Received: ${request.receivedAt}${request.seq !== undefined ? ` (seq ${request.seq})` : ''} · answered in ${formatLatency(request.latencyMs)}`);
  out.push(`Body: ${formatSize(request.size)}${request.contentType ? ` · ${request.contentType}` : ''}${request.stored ? '' : ' · not recorded in the capture'}`);
  if (request.event?.callId) out.push(`Event: call ${request.event.callId}${request.event.state ? ` · ${request.event.state}` : ''}`);

  // The handler's answer before the long parts: it is a line or two.
  out.push('', 'Forward');
  out.push(request.forward ? `  ${forwardLine(request.forward)}` : '  not forwarded (set callEvents.listener.forwardTo, or replay it)');
  const verdict = request.forward ? forwardVerdict(request.forward) : undefined;
  if (verdict !== undefined) out.push(`  ${verdictLine(verdict)}`);
  if (request.forward?.responseStart) out.push(`  answer: ${request.forward.responseStart}`);

  const headers = record ? capturedHeaders(record) : Object.entries(request.headers ?? {});
  out.push('', `Request headers${record && record.headers === undefined ? ' (not recorded: a capture written before headers were kept)' : ''}`);
  for (const [name, value] of headers) out.push(`  ${name}: ${value}`);

  out.push('', ...bodySection(request, record));
  return `${forTerminalLines(out.join('\n'))}\n`;
}

function bodySection(request: ListenedRequest, record: Record<string, unknown> | undefined): string[] {
  if (!record) return [request.stored ? 'Body: not found in the capture file' : 'Body: not read'];
  if (typeof record.body_base64 === 'string') return [`Body: ${formatSize(request.size)} that are not UTF-8 text (kept as base64 in the capture)`];
  if (typeof record.body !== 'string') return ['Body: not kept'];
  const body = record.body;
  const event = request.event;
  if (event?.payload === 'jwt') {
    const jwt = event.jwt;
    const lines = [`Body: a JWT · ${jwt ? `${jwt.verdict}: ${jwt.message}` : 'not decoded'}`];
    if (jwt?.header) lines.push(`JWT header: ${JSON.stringify(jwt.header)}`);
    if (event.claimsText !== undefined) lines.push('JWT claims:', pretty(event.claimsText));
    return lines;
  }
  if (event?.payload === 'json') return ['Body (JSON):', pretty(body)];
  return ['Body (as received):', body.length > MAX_PRETTY_JSON ? `${body.slice(0, MAX_PRETTY_JSON)}…` : body];
}

/** JSON indented from its own text (int64 ids keep their digits); past the limit, its head as written. */
function pretty(json: string): string {
  if (json.length > MAX_PRETTY_JSON) return `${json.slice(0, MAX_PRETTY_JSON)}… (longer than ${MAX_PRETTY_JSON / 1024} KiB: its start, as written)`;
  return prettyJson(json).text;
}

function forwardLine(forward: ForwardResult): string {
  const how = forward.replay ? `replayed ${replayLabel(forward.replay)}` : 'forwarded';
  const to = forward.url ? ` to ${plainText(forward.url, 120)}` : '';
  if (forward.status === null) return `${how}${to}: no answer (${plainText(forward.error ?? 'unknown error', 120)})`;
  return `${how}${to}: ${forward.status}${forward.latencyMs !== null ? ` in ${formatLatency(forward.latencyMs)}` : ''}`;
}
