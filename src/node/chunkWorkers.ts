import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyseChunk, type ChunkAnalyser, type ChunkJob, type ChunkOutcome } from '../core/chunkedInspection';
import { HmacKeyCache } from '../core/jwt';
import { byteReading } from './byteText';
import { unpackSummaries, type PackedSummaries } from '../core/packedSummaries';

/** A chunk sent to a worker. */
export interface ChunkRequest {
  id: number;
  job: ChunkJob;
}

/** A chunk's outcome as a worker sends it: its summaries packed into columns (a clone of many small objects is slow). */
export type PackedOutcome = { whole: string } | (Omit<Exclude<ChunkOutcome, { whole: string }>, 'summaries'> & { packed: PackedSummaries });

/** A worker's answer to one chunk. */
export type ChunkReply = { id: number; outcome: PackedOutcome } | { id: number; error: string };

/**
 * Analyses capture chunks in worker threads, one chunk per worker at a time: the reader keeps every
 * worker busy while it reads the next chunk, and its own thread only merges. Rejects when a worker fails
 * (the caller reports it: a failed read is never passed off as a clean one).
 */
export class ChunkWorkers implements ChunkAnalyser {
  readonly parallel: number;
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly waiting: { request: ChunkRequest; settle: (reply: ChunkReply) => void }[] = [];
  private readonly pending = new Map<number, (reply: ChunkReply) => void>();
  private nextId = 1;
  private readonly keys = new HmacKeyCache();
  private readonly reading = byteReading();

  /** `workers` 0 analyses in the calling thread (CALL_EVENTS_WORKERS=0: to compare, or where threads are scarce). */
  constructor(private readonly workers = parallelWorkers(), private readonly spawn: () => Worker = spawnChunkWorker) {
    this.parallel = Math.max(1, workers);
  }

  analyse(job: ChunkJob): Promise<ChunkOutcome> {
    if (this.workers === 0) return analyseChunk(job, { ...(job.secret ? { secret: job.secret, keys: this.keys } : {}), byteReading: this.reading });
    const request: ChunkRequest = { id: this.nextId++, job };
    return new Promise<ChunkReply>((settle) => {
      this.waiting.push({ request, settle });
      this.pump();
    }).then((reply) => {
      if ('error' in reply) throw new Error(`a chunk could not be analysed: ${reply.error}`);
      return unpacked(reply.outcome);
    });
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    const workers = this.all.splice(0);
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.all.length < this.parallel ? this.start() : undefined);
      if (!worker) return;
      const { request, settle } = this.waiting.shift()!;
      this.pending.set(request.id, (reply) => {
        this.idle.push(worker);
        settle(reply);
        this.pump();
      });
      // The chunk's bytes move to the worker (no copy): a ByteSource answers each read with bytes of its own.
      worker.postMessage(request, [request.job.bytes.buffer as ArrayBuffer]);
    }
  }

  private start(): Worker {
    const worker = this.spawn();
    worker.unref(); // an idle worker never keeps the process alive
    worker.on('message', (reply: ChunkReply) => {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    });
    const fail = (reason: string) => {
      for (const [id, settle] of this.pending) settle({ id, error: reason });
      this.pending.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => {
      if (this.all.includes(worker)) fail(`its worker stopped (exit code ${code})`);
    });
    this.all.push(worker);
    return worker;
  }
}

/** A worker's outcome as the reader takes it: its summaries unpacked (source 0, as a chunk analysed here). */
function unpacked(outcome: PackedOutcome): ChunkOutcome {
  if ('whole' in outcome) return outcome;
  const { packed, ...rest } = outcome;
  return { ...rest, summaries: unpackSummaries(packed) };
}

/**
 * How many workers pay off: CALL_EVENTS_WORKERS when set, else one per core beyond the caller's (at most four),
 * and none on a machine of two cores or fewer: one worker is slower than the caller's own thread (its chunks'
 * results are copied back) and costs about 20 MB of memory (bench capture: 1.43 s and 185 MB against 1.15 s and 165 MB).
 * The caller analysing chunks beside one worker was tried: 1.01-1.08 s but about 200 MB, over the 2x-the-file target.
 */
export function parallelWorkers(): number {
  const asked = Number(process.env.CALL_EVENTS_WORKERS);
  if (process.env.CALL_EVENTS_WORKERS && Number.isInteger(asked) && asked >= 0) return Math.min(asked, 16);
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return cores <= 2 ? 0 : Math.min(4, cores - 1);
}

/**
 * Starts the worker next to this module: dist/chunkWorker.js beside the bundle; when running from
 * source (the unit tests, through tsx) the TypeScript entry, loaded through tsx in the worker too.
 */
function spawnChunkWorker(): Worker {
  const bundled = path.join(__dirname, 'chunkWorker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled, { resourceLimits: WORKER_LIMITS });
  const source = path.join(__dirname, 'chunkWorker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, resourceLimits: WORKER_LIMITS });
}

/** A small young generation: a chunk's parse is short-lived garbage, and the default (16 MB semi-spaces) keeps tens of MB resident per worker. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };
