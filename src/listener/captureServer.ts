import { isUtf8 } from 'node:buffer';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { formatCaptureRecord } from '../core/captureRecord';
import { maskHeaders } from '../core/redactCapture';
import { CaptureWriter, type OpenCaptureFile } from './captureWriter';
import { DisposableBase, Emitter } from '../shared/lifecycle';
import { FORWARDED_HEADER, Forwarder, type ForwarderOptions, type ForwardOutcome } from './forwarder';
import type { Verdict } from './judge';
import { OffThreadJudge, type OffThreadJudgeOptions } from './offThreadJudge';
import { waitAtMost } from './wait';

/** The address the listener binds unless told otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';
/** A fixed default port, so a tunnel's target stays valid across restarts. */
export const DEFAULT_PORT = 7433;
/** Bodies above this are refused with 413: no call event comes near it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Options of a capture server; only `captureFile` is required. */
export interface CaptureServerOptions {
  /** The capture file: created (with its folder) when missing, appended to otherwise. */
  captureFile: string;
  host?: string;
  /** 0 picks a free port (read it from `start()`'s result). */
  port?: number;
  /** When set, only this path is taken (others get 404); otherwise any path. */
  path?: string;
  /** HS256 webhook secret: with it, only tokens signed with it are accepted. */
  secret?: string;
  /** The user's own handler: every complete body is forwarded to it, off the request path. */
  forwardTo?: string;
  maxBodyBytes?: number;
  /** Time allowed for the request line and headers. */
  headersTimeoutMs?: number;
  /** Time allowed for the body, once the headers are in. */
  bodyTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  forward?: ForwarderOptions;
  /** How long `stop()` lets forwards still waiting finish. */
  forwardGraceMs?: number;
  /** Test seam: how the capture file is opened. */
  openFile?: OpenCaptureFile;
  /** How bodies are analysed off the event loop (sizes, time limit). */
  judge?: OffThreadJudgeOptions;
}

/**
 * Verdicts of the listener's routing and of broken HTTP: answered without reading a body, and not
 * recorded, except `wrong-path` for a POST (its body is read and recorded with the 404).
 */
export type UnrecordedVerdict = 'wrong-path' | 'wrong-method' | 'bad-request';

/** One request as the listener handled it: what the CLI prints and the editor logs, one per request. */
export interface RequestOutcome {
  /** The record's sequence number, when the request was stored in the capture. */
  seq?: number;
  receivedAt: string;
  method: string;
  path: string;
  contentType: string | null;
  /** The request headers as recorded: lower-case names, credential values masked (absent for broken HTTP). */
  headers?: Record<string, string>;
  size: number;
  /** The status answered, or null when the client left first. */
  status: number | null;
  verdict: Verdict | UnrecordedVerdict;
  reason?: string;
  /** True when the record is on disk. */
  stored: boolean;
  /** Validation problems of an accepted event (never a reason to refuse it). */
  findings?: { errors: number; warnings: number };
  latencyMs: number;
  /** The body as kept in the record (the editor's inspector reads its call id and state); absent when none was read. */
  body?: Buffer<ArrayBufferLike>;
}

/** Something went wrong in the listener itself (not in a request): a capture write, a socket. */
export interface ListenerFailure {
  message: string;
  error: unknown;
}

/** Why the listener could not start; `message` is meant for the user as is. */
export class ListenerStartError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'ListenerStartError';
  }
}

type State = 'new' | 'starting' | 'listening' | 'stopping' | 'stopped';

type BodyResult =
  | { kind: 'complete'; body: Bytes }
  | { kind: 'too-large'; size: number }
  | { kind: 'timed-out' | 'aborted'; body: Bytes }
  | { kind: 'bad-request'; body: Bytes; code: string };

type Bytes = Buffer<ArrayBufferLike>;

/** One request of a connection, from its headers until its answer is written (or the connection is gone). */
interface Exchange {
  req: http.IncomingMessage;
  /** Resolves once the answer is written or cannot be. */
  answered: Promise<void>;
  /** Set while the body is read: the connection broke the HTTP framing inside this body. */
  brokenFraming?: (code: string) => void;
}

/**
 * The capture listener: a local HTTP server that appends every webhook request it receives to a
 * capture file, one record per request, and answers like a real receiver would. A 2xx goes out
 * only once the record is on disk; a bad body gets a 4xx and is kept; a capture that cannot be
 * written gets 503. No `vscode` here: the CLI and the editor both drive it.
 */
export class CaptureServer extends DisposableBase {
  private readonly _onDidRecordRequest = this._register(new Emitter<RequestOutcome>());
  /** Fires once per request, after it was answered (or the client left). */
  readonly onDidRecordRequest = this._onDidRecordRequest.event;
  private readonly _onDidForward = this._register(new Emitter<ForwardOutcome>());
  /** Fires once per forwarded request, after its forward record was appended. */
  readonly onDidForward = this._onDidForward.event;
  private readonly _onDidFail = this._register(new Emitter<ListenerFailure>());
  /** Fires when the capture cannot be written, or the server hits an error after it started. */
  readonly onDidFail = this._onDidFail.event;

  private state: State = 'new';
  private server: http.Server | undefined;
  private writer: CaptureWriter | undefined;
  private forwarder: Forwarder | undefined;
  private stopping: Promise<void> | undefined;
  private starting: Promise<unknown> | undefined;
  private readonly inflight = new Set<Promise<void>>();
  /** The requests of each connection not answered yet, in order (HTTP/1.1 answers them in that order). */
  private readonly exchanges = new WeakMap<Duplex, Exchange[]>();
  private readonly judge: OffThreadJudge;
  private seq = 0;
  private stored = 0;
  private secret: string | undefined;
  private listeningUrl: string | undefined;
  private readonly maxBodyBytes: number;
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;
  private readonly forwardUrl: URL | undefined;

  constructor(private readonly options: CaptureServerOptions) {
    super();
    this.secret = options.secret || undefined;
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.headersTimeoutMs = options.headersTimeoutMs ?? 10_000;
    this.bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
    this.judge = new OffThreadJudge(options.judge);
    if (options.path !== undefined && !options.path.startsWith('/')) throw new TypeError(`path must start with "/": ${options.path}`);
    if (options.forwardTo !== undefined) {
      const url = new URL(options.forwardTo);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`forward-to must be an http or https URL: ${options.forwardTo}`);
      this.forwardUrl = url;
    }
  }

  /** The URL it listens on (`http://host:port/`), once started. */
  get url(): string | undefined {
    return this.listeningUrl;
  }

  /** Requests stored in the capture since the start. */
  get storedCount(): number {
    return this.stored;
  }

  get isListening(): boolean {
    return this.state === 'listening';
  }

  /** Changes the webhook secret for the requests that follow (the editor's Set Webhook Secret). */
  setSecret(secret: string | undefined): void {
    this.secret = secret || undefined;
    this.judge.forgetKeys();
  }

  /**
   * Opens the capture file and starts listening. Rejects with a `ListenerStartError` saying why
   * (port in use, address not available, capture file not writable); then nothing is left open.
   */
  async start(): Promise<{ url: string; host: string; port: number }> {
    if (this.state !== 'new') throw new Error('A capture server starts once; create a new one to listen again.');
    this.state = 'starting';
    const started = this.open();
    this.starting = started.catch(() => undefined);
    try {
      return await started;
    } catch (error) {
      this.state = 'stopped';
      throw error;
    }
  }

  private async open(): Promise<{ url: string; host: string; port: number }> {
    const { options } = this;
    const host = options.host ?? DEFAULT_HOST;
    const port = options.port ?? DEFAULT_PORT;
    let writer: CaptureWriter;
    try {
      writer = await CaptureWriter.open(options.captureFile, options.openFile ? { openFile: options.openFile } : {});
    } catch (error) {
      throw new ListenerStartError((error as Error).message, (error as NodeJS.ErrnoException).code);
    }
    const server = http.createServer({
      headersTimeout: this.headersTimeoutMs,
      // A backstop only: the body has its own timer, which records what arrived.
      requestTimeout: this.headersTimeoutMs + this.bodyTimeoutMs + 5_000,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(this.headersTimeoutMs / 4))),
    }, (req, res) => this.track(req, res, false));
    // A client that asks before sending its body gets its refusal (a 413 above all) without being told to send it.
    server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => this.track(req, res, true));
    server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
    server.on('clientError', (error, socket) => this.onClientError(error as NodeJS.ErrnoException, socket));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      await writer.close();
      throw new ListenerStartError(describeListenError(error as NodeJS.ErrnoException, host, port), (error as NodeJS.ErrnoException).code);
    }
    server.on('error', (error) => this._onDidFail.fire({ message: `listener error: ${error.message}`, error }));
    this.server = server;
    this.writer = writer;
    if (this.forwardUrl) {
      const forwarder = new Forwarder(this.forwardUrl, (line) => this.appendQuietly(line), options.forward);
      forwarder.onDidForward((outcome) => this._onDidForward.fire(outcome));
      this.forwarder = forwarder;
    }
    const address = server.address() as AddressInfo;
    this.listeningUrl = `http://${address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/`;
    this.state = 'listening';
    return { url: this.listeningUrl, host: address.address, port: address.port };
  }

  /**
   * Stops accepting connections, lets requests in flight finish (their answers close the
   * connection), gives waiting forwards a short grace, then flushes and closes the capture.
   * Safe to call at any time and more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  override dispose(): void {
    void this.stop().catch(() => undefined).finally(() => super.dispose());
  }

  private async shutDown(): Promise<void> {
    if (this.state === 'starting') await this.starting;
    if (this.state !== 'listening') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopping';
    const server = this.server!;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = Date.now() + this.bodyTimeoutMs + 2_000;
    while (this.inflight.size > 0 && Date.now() < deadline) {
      await waitAtMost(Promise.allSettled([...this.inflight]), deadline - Date.now());
      server.closeIdleConnections();
    }
    // Whatever is still open now is idle or stuck: cut it (a body cut short is recorded as aborted).
    server.closeAllConnections();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    await this.judge.close();
    await this.forwarder?.stop(this.options.forwardGraceMs ?? 2_000);
    await this.writer!.close();
    await closed;
    this.state = 'stopped';
  }

  private track(req: http.IncomingMessage, res: http.ServerResponse, expectsContinue: boolean): void {
    const socket = req.socket;
    const exchange: Exchange = {
      req,
      answered: new Promise<void>((resolve) => {
        const done = () => {
          const list = this.exchanges.get(socket);
          const at = list?.indexOf(exchange) ?? -1;
          if (at >= 0) list!.splice(at, 1);
          resolve();
        };
        res.once('finish', done);
        res.once('close', done);
      }),
    };
    const list = this.exchanges.get(socket);
    if (list) list.push(exchange);
    else this.exchanges.set(socket, [exchange]);
    const handled = this.handle(req, res, exchange, expectsContinue).catch((error: unknown) => {
      this._onDidFail.fire({ message: `request handler failed: ${error instanceof Error ? error.message : String(error)}`, error });
      this.answer(res, 500, { reason: 'internal error' });
    });
    this.inflight.add(handled);
    void handled.finally(() => this.inflight.delete(handled));
  }

  /** One request: route it, read and judge its body, record it, answer, then forward it. */
  private async handle(req: http.IncomingMessage, res: http.ServerResponse, exchange: Exchange, expectsContinue: boolean): Promise<void> {
    const started = performance.now();
    const receivedAt = new Date().toISOString();
    const method = req.method ?? '';
    const path = req.url ?? '/';
    const contentType = req.headers['content-type'] ?? null;
    const headers = recordedHeaders(req);
    const outcome = (fields: Pick<RequestOutcome, 'size' | 'status' | 'verdict' | 'stored'> & Partial<RequestOutcome>) =>
      this._onDidRecordRequest.fire({ receivedAt, method, path, contentType, headers, ...fields, latencyMs: Math.round((performance.now() - started) * 100) / 100 });

    // A POST to another path is read and recorded with its 404, so a wrong webhook URL shows up in the capture
    // (unless it waits for a 100 Continue: then it is refused before it sends the body).
    const wrongPath = this.options.path !== undefined && path.split('?')[0] !== this.options.path;
    const refused = wrongPath && method === 'POST' && !expectsContinue ? undefined : this.refuseRoute(req, res, method, path);
    if (refused) {
      outcome({ size: 0, status: refused.status, verdict: refused.verdict, reason: refused.reason, stored: false });
      return;
    }
    if (expectsContinue) {
      if (this.declaredTooLarge(req)) res.setHeader('Connection', 'close'); // its body never comes: nothing to wait for
      else res.writeContinue();
    }
    const read = await this.readBody(req, exchange);
    const { verdict, status, reason, findings, body, size } = await this.verdictOf(read, res, wrongPath);

    const seq = ++this.seq;
    const line = formatCaptureRecord({
      seq, received_at: receivedAt, method, path, content_type: contentType, size, status: status ?? undefined, verdict, reason: reason ?? null, headers,
      ...(isUtf8(body) ? { body: body.toString('utf8') } : { body_base64: body.toString('base64') }),
    });
    try {
      await this.writer!.append(line);
    } catch (error) {
      // Never acknowledge what is not on disk: the sender should retry. Why (with the capture's path) is for the local log only.
      const message = (error as Error).message;
      this._onDidFail.fire({ message, error });
      if (status !== null) this.answer(res, 503, { verdict: 'not-stored', reason: 'The capture could not be stored; try again later.' });
      outcome({ size, status: status === null ? null : 503, verdict, reason: `The capture could not be stored: ${message}`, stored: false });
      return;
    }
    this.stored++;
    if (status !== null) this.answer(res, status, { seq, verdict, ...(reason ? { reason } : {}) });
    outcome({ seq, size, status, verdict, ...(reason ? { reason } : {}), ...(findings ? { findings } : {}), stored: true, body });
    if (read.kind === 'complete' && !wrongPath && this.forwarder && req.headers[FORWARDED_HEADER] === undefined) {
      this.forwarder.enqueue({ seq, body, contentType });
    }
  }

  /** Routing: a request to another path or with another method is answered here (404, 405) and not read. */
  private refuseRoute(req: http.IncomingMessage, res: http.ServerResponse, method: string, path: string): { status: 404 | 405; verdict: UnrecordedVerdict; reason: string } | undefined {
    const wanted = this.options.path;
    if (wanted !== undefined && path.split('?')[0] !== wanted) {
      req.resume();
      const reason = this.notFoundReason();
      this.answer(res, 404, { verdict: 'wrong-path', reason });
      return { status: 404, verdict: 'wrong-path', reason };
    }
    if (method !== 'POST') {
      req.resume();
      res.setHeader('Allow', 'POST');
      const reason = 'Method not allowed: webhooks are POSTed.';
      this.answer(res, 405, { verdict: 'wrong-method', reason });
      return { status: 405, verdict: 'wrong-method', reason };
    }
    return undefined;
  }

  private notFoundReason(): string {
    return `Not found: this listener takes POST ${this.options.path}.`;
  }

  /**
   * The verdict on a body as it was read: judged (signature, schema) when complete (a complete body
   * sent to another path is not judged: 404), else what went wrong; what is kept of it, and the
   * answer's status (null: the client is gone, nothing to answer).
   */
  private async verdictOf(read: BodyResult, res: http.ServerResponse, wrongPath: boolean): Promise<{ verdict: Verdict | 'wrong-path'; status: number | null; reason: string | undefined; findings: RequestOutcome['findings']; body: Bytes; size: number }> {
    switch (read.kind) {
      case 'complete': {
        if (wrongPath) return { verdict: 'wrong-path', status: 404, reason: this.notFoundReason(), findings: undefined, body: read.body, size: read.body.length };
        const { verdict, status, reason, findings } = await this.judge.judge(read.body, this.secret);
        return { verdict, status, reason, findings, body: read.body, size: read.body.length };
      }
      case 'too-large':
        // The body is not kept: nothing that large is an event, and keeping it would let anyone fill the disk.
        return { verdict: 'too-large', status: 413, reason: `The body is over the ${formatBytes(this.maxBodyBytes)} limit; it was not kept.`, findings: undefined, body: EMPTY, size: read.size };
      case 'timed-out':
        res.setHeader('Connection', 'close');
        return { verdict: 'timed-out', status: 408, reason: `The body did not arrive within ${this.bodyTimeoutMs / 1000} s; what arrived is kept.`, findings: undefined, body: read.body, size: read.body.length };
      case 'bad-request':
        res.setHeader('Connection', 'close');
        return { verdict: 'bad-request', status: 400, reason: `The request broke HTTP framing inside its body (${read.code}); what arrived is kept.`, findings: undefined, body: read.body, size: read.body.length };
      case 'aborted':
        return { verdict: 'aborted', status: null, reason: 'The client closed the connection before the body was complete; what arrived is kept.', findings: undefined, body: read.body, size: read.body.length };
    }
  }

  private declaredTooLarge(req: http.IncomingMessage): boolean {
    const declared = Number(req.headers['content-length']);
    return Number.isFinite(declared) && declared > this.maxBodyBytes;
  }

  /** Reads a body up to the limit; past it, keeps draining (so the client can read the 413) without keeping anything. */
  private readBody(req: http.IncomingMessage, exchange: Exchange): Promise<BodyResult> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      let settled = false;
      const finish = (result: BodyResult) => {
        if (settled) return;
        settled = true;
        exchange.brokenFraming = undefined;
        resolve(result);
      };
      exchange.brokenFraming = (code) => {
        clearTimeout(timer);
        finish(tooLarge ? { kind: 'too-large', size } : { kind: 'bad-request', body: Buffer.concat(chunks), code });
      };
      const timer = setTimeout(() => {
        if (tooLarge) req.destroy(); // Answered already; stop draining a body that never ends.
        else finish({ kind: 'timed-out', body: Buffer.concat(chunks) });
      }, this.bodyTimeoutMs);
      if (this.declaredTooLarge(req)) {
        tooLarge = true;
        finish({ kind: 'too-large', size: Number(req.headers['content-length']) });
      }
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (tooLarge || settled) return;
        if (size > this.maxBodyBytes) {
          tooLarge = true;
          chunks.length = 0;
          finish({ kind: 'too-large', size });
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        clearTimeout(timer);
        finish({ kind: 'complete', body: Buffer.concat(chunks) });
      });
      req.on('close', () => {
        clearTimeout(timer);
        if (!req.complete) finish({ kind: 'aborted', body: Buffer.concat(chunks) });
      });
      req.on('error', () => undefined); // 'close' follows and says what happened.
    });
  }

  private answer(res: http.ServerResponse, status: number, payload: Record<string, unknown>): void {
    if (res.headersSent || res.destroyed) return;
    if (this.state === 'stopping') res.setHeader('Connection', 'close');
    const text = `${JSON.stringify(payload)}\n`;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
    res.end(text);
  }

  /**
   * The connection broke HTTP: headers too slow, too large or not HTTP at all, or a body's framing.
   * A body being read when it happened is answered (and recorded) by its own handler; otherwise the
   * requests before it on the connection get their answers first, in order, and then this one.
   */
  private onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    const code = error.code ?? '';
    if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable) {
      socket.destroy();
      return;
    }
    const pending = [...(this.exchanges.get(socket) ?? [])];
    // A request whose body is not complete is the one the error is in.
    const unfinished = pending.find((exchange) => !exchange.req.complete);
    const before = pending.filter((exchange) => exchange !== unfinished).map((exchange) => exchange.answered);
    if (code === 'HPE_INVALID_EOF_STATE') {
      // The client closed its side mid-request: what it sent before still gets its answers; a body cut short is recorded as aborted.
      void Promise.all(before).then(() => socket.destroy());
      return;
    }
    if (unfinished?.brokenFraming) {
      unfinished.brokenFraming(code || error.message);
      return;
    }
    if (unfinished) {
      // Its answer is decided already (a 413 for a body being drained): one request gets one answer, then the connection ends.
      void Promise.all([...before, unfinished.answered]).then(() => socket.end());
      setTimeout(() => socket.destroy(), 5_000).unref();
      return;
    }
    const status = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    void Promise.all(before).then(() => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
    this._onDidRecordRequest.fire({
      receivedAt: new Date().toISOString(), method: '', path: '', contentType: null, size: 0, status,
      verdict: status === 408 ? 'timed-out' : 'bad-request', reason: status === 408 ? 'The request headers did not arrive in time.' : `Not a valid HTTP request (${code || error.message}).`,
      stored: false, latencyMs: 0,
    });
  }

  /** Appends a line nobody waits to acknowledge (a forward record); failures are reported, not thrown. */
  private async appendQuietly(line: string): Promise<void> {
    try {
      await this.writer!.append(line);
    } catch (error) {
      this._onDidFail.fire({ message: (error as Error).message, error });
    }
  }
}

const EMPTY = Buffer.alloc(0);

/** True when the host is this machine only (a loopback address or `localhost`). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The request headers as recorded: lower-case names, repeated ones joined by ", ", credentials masked (never written). */
function recordedHeaders(req: http.IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return maskHeaders(flat);
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE': return `port ${port} on ${host} is already in use (another listener or program has it): stop that one or choose another port`;
    case 'EACCES': return `not allowed to listen on port ${port} of ${host} (ports below 1024 need privileges)`;
    case 'EADDRNOTAVAIL': return `${host} is not an address of this machine`;
    case 'ENOTFOUND': return `cannot resolve the host name ${host}`;
    default: return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
