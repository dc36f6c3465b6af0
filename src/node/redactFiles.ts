import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { redactSources, type RedactedSource } from '../core/redactCapture';
import { openRegularFile } from './captureFiles';
import { fileSource } from './fileSource';

/** Captures to redact as one run, each into its own copy (a new file, written here). */
export interface RedactFilesJob {
  files: string[];
  copies: string[];
  secret?: string;
}

/** The run's outcome: each capture's counts, or why a capture must be read whole (nothing useful written), or an error. */
export type RedactFilesResult = { redacted: RedactedSource[] } | { whole: string } | { error: string };

/**
 * Redacts the captures a chunk at a time (`redactSources`, as `call-events redact` reads a file), writing copy i
 * of capture i as it goes (created anew, owner-only). Never throws: a failed read or write is an error.
 */
export async function redactFilesInChunks(job: RedactFilesJob): Promise<RedactFilesResult> {
  const opened: { fd: number; size: number }[] = [];
  const fds: number[] = [];
  try {
    for (const file of job.files) {
      const open = openRegularFile(file);
      if ('error' in open) return open;
      opened.push(open);
    }
    for (const copy of job.copies) fds.push(fs.openSync(copy, 'wx', 0o600));
    const result = await redactSources(opened.map(({ fd, size }) => fileSource(fd, size)), (source, text) => {
      fs.writeSync(fds[source]!, text);
    }, job.secret ? { secret: job.secret } : {});
    return 'whole' in result ? result : { redacted: result };
  } catch (error) {
    return { error: `could not redact the captures a chunk at a time: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    for (const fd of fds) fs.closeSync(fd);
    for (const { fd } of opened) fs.closeSync(fd);
  }
}

/**
 * `redactFilesInChunks` in a worker thread: what the redaction leaves in memory (its heap, freed but still held
 * by the process) ends with the thread, so a command that redacts and then inspects peaks at the larger of the two
 * (`report --redact` on the bench capture: 196 MB in one thread).
 */
export function redactFilesOffThread(job: RedactFilesJob, spawn: (job: RedactFilesJob) => Worker = spawnRedactWorker): Promise<RedactFilesResult> {
  return new Promise((resolve) => {
    const worker = spawn(job);
    let settled = false;
    const settle = (result: RedactFilesResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
      void worker.terminate();
    };
    worker.on('message', (result: RedactFilesResult) => settle(result));
    worker.on('error', (error) => settle({ error: `could not redact the captures: ${error.message}` }));
    worker.on('exit', (code) => settle({ error: `could not redact the captures: the redacting thread stopped (exit code ${code})` }));
  });
}

/** Starts dist/redactWorker.js beside the bundle; from source (the unit tests, through tsx) the TypeScript entry. */
function spawnRedactWorker(job: RedactFilesJob): Worker {
  const bundled = path.join(__dirname, 'redactWorker.js');
  if (fs.existsSync(bundled)) return new Worker(bundled, { workerData: job });
  const source = path.join(__dirname, 'redactWorker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData: job });
}
