import * as http from 'node:http';
import * as https from 'node:https';
import { formatForwardRecord, type ForwardRecord } from '../core/captureRecord';
import { sendToHandler } from './deliver';
import { Emitter, type Disposable } from './events';
import { waitAtMost } from './wait';

/** One captured request to send on to the user's handler. */
export interface ForwardJob {
  seq: number;
  body: Buffer<ArrayBufferLike>;
  contentType: string | null;
}

/** Options of a forwarder. */
export interface ForwarderOptions {
  /** Requests waiting beyond this are not forwarded (and the record says so): a slow handler never makes memory grow. */
  queueLimit?: number;
  /** Requests forwarded at the same time. */
  concurrency?: number;
  /** A handler that has not answered (headers) within this is given up on. */
  timeoutMs?: number;
}

/** The answer of the handler to one forwarded request, as recorded. */
export type ForwardOutcome = Omit<ForwardRecord, 'type' | 'v'>;

/** Header set on forwarded requests, so a listener forwarding to itself does not loop. */
export const FORWARDED_HEADER = 'x-call-events-forwarded';

/**
 * Sends captured requests on to the user's own handler, off the request path: `enqueue` never
 * waits, the queue is bounded, and each result (status, latency, the start of the response, or
 * why it failed) is appended to the capture as a forward record with the request's seq.
 */
export class Forwarder implements Disposable {
  private readonly queue: ForwardJob[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Requests to the handler in flight, to cut when the listener stops. */
  private readonly aborts = new Set<AbortController>();
  /** Keep-alive connections to the handler, owned here so stopping closes them (and the process can exit). */
  private readonly agent: http.Agent;
  private readonly _onDidForward = new Emitter<ForwardOutcome>();
  /** Fires after each forward record is appended (or failed to be). */
  readonly onDidForward = this._onDidForward.event;
  private readonly queueLimit: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly displayUrl: string;
  private stopped = false;

  constructor(private readonly url: URL, private readonly append: (line: string) => Promise<void>, options: ForwarderOptions = {}) {
    this.queueLimit = options.queueLimit ?? 1000;
    this.concurrency = options.concurrency ?? 8;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.displayUrl = `${url.origin}${url.pathname}`;
    this.agent = new (url.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: this.concurrency });
  }

  /** Queues a request for forwarding; never blocks. */
  enqueue(job: ForwardJob): void {
    if (this.stopped) {
      this.record(job.seq, { error: 'not forwarded: the listener was stopping' });
      return;
    }
    if (this.queue.length >= this.queueLimit) {
      this.record(job.seq, { error: `not forwarded: ${this.queueLimit} requests were already waiting for the handler` });
      return;
    }
    this.queue.push(job);
    this.pump();
  }

  /** Requests waiting or being forwarded. */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  /**
   * Lets queued and running forwards finish for up to `graceMs`, then gives up on the rest
   * (recorded as not forwarded); resolves once every forward record has been appended.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    const deadline = Date.now() + graceMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await waitAtMost(Promise.race([...this.running]), deadline - Date.now());
    }
    for (const job of this.queue.splice(0)) this.record(job.seq, { error: 'not forwarded: the listener stopped first' });
    for (const abort of this.aborts) abort.abort('not answered before the listener stopped');
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await Promise.allSettled([...this.recording]);
    this.agent.destroy();
  }

  dispose(): void {
    void this.stop(0);
    this._onDidForward.dispose();
  }

  private readonly recording = new Set<Promise<void>>();

  private pump(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      const run = this.forward(job).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async forward(job: ForwardJob): Promise<void> {
    const abort = new AbortController();
    this.aborts.add(abort);
    try {
      const result = await sendToHandler(this.url, job.body, {
        agent: this.agent,
        timeoutMs: this.timeoutMs,
        signal: abort.signal,
        headers: { ...(job.contentType ? { 'content-type': job.contentType } : {}), [FORWARDED_HEADER]: String(job.seq) },
      });
      this.record(job.seq, { forwarded_at: result.sentAt, status: result.status, latency_ms: result.latencyMs, response_start: result.responseStart, error: result.failure?.message ?? null });
    } finally {
      this.aborts.delete(abort);
    }
  }

  private record(seq: number, fields: Partial<ForwardOutcome>): void {
    const outcome: ForwardOutcome = {
      seq, forwarded_at: fields.forwarded_at ?? new Date().toISOString(), url: this.displayUrl,
      status: fields.status ?? null, latency_ms: fields.latency_ms ?? null, response_start: fields.response_start ?? null, error: fields.error ?? null,
    };
    const write = this.append(formatForwardRecord(outcome))
      .catch(() => undefined) // The capture writer reports its own failures.
      .then(() => this._onDidForward.fire(outcome));
    this.recording.add(write);
    void write.finally(() => this.recording.delete(write));
  }
}

