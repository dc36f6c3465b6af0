import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { decodeCapture } from '../core/decode';
import { inspectDocument, type Inspection } from '../core/inspect';

/** The largest file read in one piece (V8 strings hold at most about 512 MiB). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

/** Reads a capture file's text, or says in one line why it cannot be read. */
export function readCaptureFile(file: string): { text: string } | { error: string } {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { error: `${file}: is a directory` };
    if (stat.size > MAX_FILE_BYTES) return { error: `${file}: ${Math.round(stat.size / 1048576)} MiB is larger than the ${MAX_FILE_BYTES / 1048576} MiB this command reads; split the capture` };
    // Node's own UTF-8 reader is the fastest path; only a replacement character (U+FFFD) in its
    // result can mean bytes that are not UTF-8, and then the bytes are checked exactly.
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('\ufffd')) return { text };
    const bytes = fs.readFileSync(file);
    return { text: isUtf8(bytes) ? text : decodeCapture(bytes).text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return { error: `${file}: ${reason}` };
  }
}

/** Reads and inspects each file whole, in order, or says in one line why one cannot be read (graph and summary). */
export async function inspectCaptureFiles(files: readonly string[], secret: string | undefined): Promise<{ inspections: Inspection[] } | { error: string }> {
  const inspections: Inspection[] = [];
  for (const file of files) {
    const read = readCaptureFile(file);
    if ('error' in read) return read;
    inspections.push(await inspectDocument(read.text, secret ? { secret } : {}));
  }
  return { inspections };
}
