import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { compactInspection, inspectInChunks, type ChunkAnalyser, type CompactInspection } from '../core/chunkedInspection';
import { decodeCapture } from '../core/decode';
import { inspectDocument } from '../core/inspect';
import { ChunkWorkers } from './chunkWorkers';
import { fileSource } from './fileSource';
import { forTerminal } from '../shared/untrustedText';

/** The largest file read in one piece (V8 strings hold at most about 512 MiB). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

/** The file name that stands for standard input (`curl … | call-events validate -`). */
export const STDIN = '-';

/** True when standard input is named more than once (it can be read only once). */
export function readsStdinTwice(files: readonly string[]): boolean {
  return files.indexOf(STDIN) !== files.lastIndexOf(STDIN);
}

/** The usage error for `readsStdinTwice`. */
export const STDIN_TWICE = 'standard input (-) can be named only once';

/** How a capture's name is shown in messages. */
export function displayName(file: string): string {
  return file === STDIN ? 'standard input' : file;
}

/**
 * Opens a file for reading only when it is a regular file: a FIFO would block (opening it waits for a
 * writer, reading it waits for data) and a device such as /dev/zero never ends, and neither has a size to
 * check against the limit. O_NONBLOCK makes the open itself return at once whatever the file is.
 * Returns the descriptor and size, or says in one line why the file cannot be read.
 */
export function openRegularFile(file: string): { fd: number; size: number } | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { error: `${file}: ${reasonOf(error)}` };
  }
  const stat = fs.fstatSync(fd);
  if (stat.isFile()) return { fd, size: stat.size };
  fs.closeSync(fd);
  if (stat.isDirectory()) return { error: `${file}: is a directory` };
  return { error: `${file}: not a regular file (a pipe, device or socket), which this command does not read; to read a stream, pipe it in and name the file - (standard input)` };
}

/** Reads a capture's text (a file, or standard input for `-`), or says in one line why it cannot be read. */
export async function readCaptureFile(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<{ text: string } | { error: string }> {
  if (file === STDIN) return readStdin(stdin);
  const opened = openRegularFile(file);
  if ('error' in opened) return opened;
  try {
    if (opened.size > MAX_FILE_BYTES) return { error: `${file}: ${Math.round(opened.size / 1048576)} MiB is larger than the ${MAX_FILE_BYTES / 1048576} MiB this command reads; split the capture` };
    // The size the file had when opened: a capture still being appended to is read as it was then.
    const bytes = Buffer.allocUnsafe(opened.size);
    let read = 0;
    while (read < bytes.length) {
      const got = fs.readSync(opened.fd, bytes, read, bytes.length - read, read);
      if (got === 0) break;
      read += got;
    }
    return { text: textOf(bytes.subarray(0, read)) };
  } catch (error) {
    return { error: `${file}: ${reasonOf(error)}` };
  } finally {
    fs.closeSync(opened.fd);
  }
}

/**
 * Inspects one capture through the one reading pipeline: a file a chunk at a time (chunks in worker threads
 * when there are several), standard input and what must be read whole (an array, text not in UTF-8) in one
 * piece. `source` is the capture's index among the files graphed together. `summaries` as InspectOptions says (a
 * capture read whole keeps full summaries: more than asked, never less).
 */
export async function inspectCapture(file: string, secret: string | undefined, source = 0, analyser?: ChunkAnalyser, summaries?: 'for-flow-rules'): Promise<CompactInspection | { error: string }> {
  const options = { ...(secret ? { secret } : {}), source };
  if (file !== STDIN) {
    // Only a regular file is read in chunks (a FIFO or a device would block or never end); `readCaptureFile` says why not.
    const opened = openRegularFile(file);
    if ('error' in opened) return opened;
    try {
      const chunked = await inspectInChunks(fileSource(opened.fd, opened.size), { ...options, ...(analyser ? { analyser } : {}), ...(summaries ? { summaries } : {}) });
      if (!('whole' in chunked)) return chunked;
    } catch (error) {
      // A read that failed half-way (or a fault of the chunked reader) is said, not hidden behind a whole read of a large file.
      return { error: forTerminal(`${file}: could not be read a chunk at a time (${reasonOf(error)})`) };
    } finally {
      fs.closeSync(opened.fd);
    }
  }
  const read = await readCaptureFile(file);
  if ('error' in read) return read;
  return compactInspection(await inspectDocument(read.text, options), source);
}

/** Inspects each file in order (one set of chunk workers for all), or says in one line why one cannot be read. */
export async function inspectCaptures(files: readonly string[], secret: string | undefined): Promise<{ inspections: CompactInspection[] } | { error: string }> {
  const workers = new ChunkWorkers();
  try {
    const inspections: CompactInspection[] = [];
    for (const [source, file] of files.entries()) {
      const inspected = await inspectCapture(file, secret, source, workers);
      if ('error' in inspected) return inspected;
      inspections.push(inspected);
    }
    return { inspections };
  } finally {
    await workers.close();
  }
}

/** Reads standard input to its end, refusing more than `maxBytes` as it arrives (a stream has no size to check first). */
export async function readStdin(stdin: NodeJS.ReadableStream, maxBytes = MAX_FILE_BYTES): Promise<{ text: string } | { error: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += bytes.length;
      if (total > maxBytes) {
        (stdin as NodeJS.ReadStream).destroy?.();
        const limit = maxBytes % 1048576 === 0 ? `${maxBytes / 1048576} MiB` : `${Math.round(maxBytes / 1024)} KiB`;
        return { error: `${displayName(STDIN)}: more than ${limit}, the most this command reads; split the capture` };
      }
      chunks.push(bytes);
    }
  } catch (error) {
    return { error: `${displayName(STDIN)}: ${reasonOf(error)}` };
  }
  return { text: textOf(Buffer.concat(chunks, total)) };
}

/** The text of bytes read once: checked as UTF-8 once; bytes that are not UTF-8 end the text where the reader reports them. */
function textOf(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : decodeCapture(bytes).text;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
}
