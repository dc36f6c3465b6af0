import * as http from 'node:http';
import * as https from 'node:https';
import { noAnswerWithin } from '../core/deliveryVerdict';

/**
 * The one HTTP exchange with the user's handler: POST a body with headers, within a timeout, and
 * say what happened as data (status, latency, the start of the answer, or why there was none).
 * The listener's forwarder, the editor's replay and `call-events simulate` all send through it.
 * No `vscode` here.
 */

/** Why a request got no answer. */
export type SendFailureKind = 'timeout' | 'refused' | 'reset' | 'bad-url' | 'bad-request' | 'aborted' | 'network';

/** A request that got no answer, and why, in a few words. */
export interface SendFailure {
  kind: SendFailureKind;
  message: string;
}

/** What one request to the handler gave. */
export interface SendResult {
  /** ISO 8601 time the request was sent. */
  sentAt: string;
  /** The target's origin and path: never its credentials or query. */
  url: string;
  /** The handler's HTTP status, or null when it did not answer. */
  status: number | null;
  /** Milliseconds until the handler's response headers, or null when it did not answer. */
  latencyMs: number | null;
  /** The first `RESPONSE_START_BYTES` bytes of the answer, as text (null without an answer). */
  responseStart: string | null;
  /** Set exactly when `status` is null. */
  failure: SendFailure | null;
}

/** Options of one request. */
export interface SendOptions {
  /** Request headers (Content-Length is set from the body). */
  headers?: Record<string, string>;
  /** A handler that has not answered (headers and the start of the body) within this is given up on. */
  timeoutMs: number;
  /**
   * Keep-alive connections to reuse (the rest of a long answer is then drained, so its socket can
   * be reused); without one, each request has its own connection, closed once the answer's start is in.
   */
  agent?: http.Agent;
  /** Aborting gives up on the request at once; the abort reason (a string) becomes the failure message. */
  signal?: AbortSignal;
}

/** Bytes of the handler's answer that are kept. */
export const RESPONSE_START_BYTES = 200;

/** POSTs `body` to `target`. Never throws or rejects; settles within the timeout (plus a moment). */
export function sendToHandler(target: string | URL, body: Uint8Array, options: SendOptions): Promise<SendResult> {
  const sentAt = new Date().toISOString();
  let url: URL;
  try {
    url = typeof target === 'string' ? new URL(target) : target;
  } catch {
    return Promise.resolve(failed(sentAt, String(target), 'bad-url', 'not a valid URL'));
  }
  const displayUrl = `${url.origin}${url.pathname}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(failed(sentAt, displayUrl, 'bad-url', `not an http or https URL (${url.protocol})`));
  if (options.signal?.aborted) return Promise.resolve(failed(sentAt, displayUrl, 'aborted', abortMessage(options.signal)));
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    let status: number | null = null;
    let latency: number | null = null;
    const start: Buffer[] = [];
    let startSize = 0;
    let req: http.ClientRequest | undefined;
    let res: http.IncomingMessage | undefined;
    const done = (failure?: SendFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const responseStart = status === null ? null : Buffer.concat(start).subarray(0, RESPONSE_START_BYTES).toString('utf8');
      resolve({ sentAt, url: displayUrl, status, latencyMs: latency, responseStart, failure: status === null ? failure ?? { kind: 'network', message: 'no answer' } : null });
      // Nothing more is wanted from this exchange: a kept-alive connection is drained for reuse, any other closed.
      if (options.agent && res && !failure) res.resume();
      else req?.destroy();
    };
    const timer = setTimeout(() => done({ kind: 'timeout', message: noAnswerWithin(options.timeoutMs) }), options.timeoutMs);
    const onAbort = () => done({ kind: 'aborted', message: abortMessage(options.signal!) });
    options.signal?.addEventListener('abort', onAbort);
    try {
      req = (url.protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        agent: options.agent ?? false,
        headers: { ...options.headers, 'content-length': body.length },
      }, (answer) => {
        res = answer;
        status = answer.statusCode ?? null;
        latency = Math.round((performance.now() - started) * 10) / 10;
        answer.on('data', (chunk: Buffer) => {
          if (settled) return;
          start.push(chunk);
          startSize += chunk.length;
          if (startSize >= RESPONSE_START_BYTES) done();
        });
        answer.on('end', () => done());
        answer.on('close', () => done());
        answer.on('error', () => done());
      });
    } catch (error) {
      // Bad header values, for example a content type with a line break in it.
      done({ kind: 'bad-request', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    req.on('error', (error) => done(describeRequestError(error)));
    req.end(body);
  });
}

/** Why a request failed, in a few words. */
export function describeRequestError(error: NodeJS.ErrnoException): SendFailure {
  const known: Record<string, [SendFailureKind, string]> = {
    ECONNREFUSED: ['refused', 'connection refused: is the handler running?'],
    ECONNRESET: ['reset', 'the handler closed the connection'],
    EPIPE: ['reset', 'the handler closed the connection'],
    ENOTFOUND: ['network', 'host not found'],
    EHOSTUNREACH: ['network', 'host unreachable'],
    ETIMEDOUT: ['timeout', 'connection timed out'],
  };
  const entry = error.code ? known[error.code] : undefined;
  if (entry) return { kind: entry[0], message: `${entry[1]} (${error.code})` };
  return { kind: 'network', message: error.code ? `${error.message} (${error.code})` : error.message };
}

function abortMessage(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'aborted';
}

function failed(sentAt: string, url: string, kind: SendFailureKind, message: string): SendResult {
  return { sentAt, url, status: null, latencyMs: null, responseStart: null, failure: { kind, message } };
}
