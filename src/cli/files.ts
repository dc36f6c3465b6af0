import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { decodeCapture } from '../core/decode';

/** The largest file read in one piece (V8 strings hold at most about 512 MiB). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

/** Reads a capture file's text, or says in one line why it cannot be read. */
export function readCaptureFile(file: string): { text: string } | { error: string } {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { error: `${file}: is a directory` };
    if (stat.size > MAX_FILE_BYTES) return { error: `${file}: ${Math.round(stat.size / 1048576)} MiB is larger than the ${MAX_FILE_BYTES / 1048576} MiB this command reads; split the capture` };
    const bytes = fs.readFileSync(file);
    // Node's own UTF-8 check and decoder are several times faster than TextDecoder on large files.
    return { text: isUtf8(bytes) ? bytes.toString('utf8') : decodeCapture(bytes).text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return { error: `${file}: ${reason}` };
  }
}
