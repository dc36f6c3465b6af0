import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HmacKeyCache } from '../core/jwt';
import { analyseBody, refuseUnsigned, type Judgement } from './judge';

/** A body sent to the worker. */
export interface JudgeRequest {
  id: number;
  body: Uint8Array;
  secret: string | undefined;
}

/** The worker's answer to one request. */
export type JudgeReply = { id: number; judgement: Judgement } | { id: number; error: string };

/** Options of the judge; the defaults suit the listener. */
export interface OffThreadJudgeOptions {
  /** Bodies up to this size are analysed on the calling thread: a few milliseconds at most, and no hand-over. */
  inlineBytes?: number;
  /** Past this, the analysis of one body is abandoned (its worker is ended) and the body refused. */
  timeoutMs?: number;
  /** Test seam: starts the worker. */
  spawn?: () => Worker;
}

interface Job {
  request: JudgeRequest;
  resolve: (judgement: Judgement) => void;
}

/**
 * Judges webhook bodies without holding the caller's event loop: the signature check (one HMAC) and
 * small bodies on the calling thread, the analysis of large ones in one worker thread, one at a time,
 * each within a time limit. Never rejects: a failed or abandoned analysis is a refusal.
 */
export class OffThreadJudge {
  private readonly inlineBytes: number;
  private readonly timeoutMs: number;
  private readonly spawn: () => Worker;
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout } | undefined;
  /** True once the current worker has started (its 'online' event). */
  private workerReady = false;
  private nextId = 1;
  private closed = false;
  /** The secret's imported key for the bodies judged here (the worker imports its own): one import, not one per request. */
  private readonly keys = new HmacKeyCache();

  constructor(options: OffThreadJudgeOptions = {}) {
    this.inlineBytes = options.inlineBytes ?? 64 * 1024;
    this.timeoutMs = options.timeoutMs ?? 1_000;
    this.spawn = options.spawn ?? spawnJudgeWorker;
  }

  async judge(body: Buffer<ArrayBufferLike>, secret: string | undefined): Promise<Judgement> {
    const refusal = await refuseUnsigned(body, secret, this.keys);
    if (refusal) return refusal;
    if (body.length <= this.inlineBytes) return analyseBody(body, secret, this.keys);
    if (this.closed) return ABANDONED;
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, body: new Uint8Array(body), secret }, resolve });
      this.pump();
    });
  }

  /** True while the secret's key is kept here (for tests of `forgetKeys`). */
  get holdsKey(): boolean {
    return this.keys.holdsSecret;
  }

  /** Forgets the secret's key (the secret changed or was cleared: no copy stays here). */
  forgetKeys(): void {
    this.keys.clear();
  }

  /** Ends the worker; bodies still waiting are judged as abandoned. */
  async close(): Promise<void> {
    this.closed = true;
    this.keys.clear();
    const worker = this.worker;
    this.worker = undefined;
    this.settle(ABANDONED);
    for (const job of this.queue.splice(0)) job.resolve(ABANDONED);
    await worker?.terminate();
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    const worker = this.ensureWorker();
    // The limit is on the analysis: a worker still starting (a cold start on a loaded machine) gets a start-up allowance first.
    const timer = this.workerReady
      ? setTimeout(() => this.abandon(TIMED_OUT(this.timeoutMs)), this.timeoutMs)
      : setTimeout(() => this.abandon(FAILED), WORKER_START_MS);
    this.current = { job, timer };
    worker.postMessage(job.request);
  }

  /** The worker is running: the job waiting for it starts its analysis limit now. */
  private onWorkerOnline(worker: Worker): void {
    if (this.worker !== worker) return;
    this.workerReady = true;
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    current.timer = setTimeout(() => this.abandon(TIMED_OUT(this.timeoutMs)), this.timeoutMs);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    this.workerReady = false;
    worker.unref(); // a listener being stopped is never held up by an idle worker
    worker.once('online', () => this.onWorkerOnline(worker));
    worker.on('message', (reply: JudgeReply) => {
      if (this.current?.job.request.id !== reply.id) return;
      this.settle('judgement' in reply ? reply.judgement : FAILED);
    });
    worker.on('error', () => this.abandon(FAILED));
    worker.on('exit', () => {
      if (this.worker === worker) this.abandon(FAILED);
    });
    this.worker = worker;
    return worker;
  }

  /** The analysis in progress will not answer (too slow, or its worker failed): end that worker, refuse the body, go on. */
  private abandon(judgement: Judgement): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.settle(judgement);
  }

  private settle(judgement: Judgement): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.job.resolve(judgement);
    if (!this.closed) this.pump();
  }
}

/** How long a new worker may take to start before the body waiting for it is refused. */
const WORKER_START_MS = 15_000;
const NO_FINDINGS = { errors: 0, warnings: 0 };
const TIMED_OUT = (ms: number): Judgement => ({ verdict: 'invalid', status: 400, reason: `The body could not be analysed within ${ms / 1000} s; it is kept for inspection.`, findings: NO_FINDINGS });
const FAILED: Judgement = { verdict: 'invalid', status: 400, reason: 'The body could not be analysed; it is kept for inspection.', findings: NO_FINDINGS };
const ABANDONED: Judgement = { verdict: 'invalid', status: 400, reason: 'The listener stopped before the body was analysed; it is kept for inspection.', findings: NO_FINDINGS };

/**
 * Starts the worker next to this module: dist/judgeWorker.js beside the bundle; when running from
 * source (the unit tests, through tsx) the TypeScript entry, loaded through tsx in the worker too.
 */
function spawnJudgeWorker(): Worker {
  const bundled = path.join(__dirname, 'judgeWorker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled);
  const source = path.join(__dirname, 'judgeWorker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true });
}
