import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Disposable } from '../shared/lifecycle';

/** The file operations the writer uses (a subset of `fs.promises.FileHandle`); tests substitute failing ones. */
export interface CaptureFile {
  write(data: Uint8Array): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** Opens (creating when missing) a capture file for appending; says whether it was created. */
export type OpenCaptureFile = (file: string) => Promise<{ file: CaptureFile; created: boolean }>;

/** A capture file that could not be opened or written; `message` names the file and the reason. */
export class CaptureFileError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'CaptureFileError';
  }
}

/** Options of a capture writer. */
export interface CaptureWriterOptions {
  /** Largest batch written and synced at once (one record may exceed it; it then goes alone). */
  maxBatchBytes?: number;
  /** Test seam: how the file is opened. */
  openFile?: OpenCaptureFile;
}

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: CaptureFileError) => void;
}

/**
 * Appends records to a capture file, one line each, and says when each is durable.
 *
 * Group commit: lines appended while a write is in progress are written together by the next
 * write, and each write is followed by `fdatasync` before any of its lines' promises resolve.
 * So a promise resolves only once its line is on disk (a crash afterwards cannot lose it), and
 * an answer that waits for it never acknowledges what was not stored. A failed write or sync
 * rejects every line of its batch and cuts the file back to its last synced size, so a failure
 * never leaves half a line for the next one to be glued to. One writer per file: the writer
 * assumes nobody else appends to it.
 */
export class CaptureWriter implements Disposable {
  private queue: Pending[] = [];
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  private closing: Promise<void> | undefined;
  /** Bytes known to be on disk and complete. */
  private syncedSize: number;
  /** The file does not end with a newline (a line cut short by a crash, or a failed cut-back). */
  private needsNewline: boolean;
  private readonly maxBatchBytes: number;

  private constructor(readonly file: string, private readonly handle: CaptureFile, size: number, endsInNewline: boolean, options: CaptureWriterOptions) {
    this.syncedSize = size;
    this.needsNewline = !endsInNewline;
    this.maxBatchBytes = options.maxBatchBytes ?? 8 * 1024 * 1024;
  }

  /** Opens the capture file for appending, creating it (and its folder) when missing. Rejects with a `CaptureFileError`. */
  static async open(file: string, options: CaptureWriterOptions = {}): Promise<CaptureWriter> {
    const absolute = path.resolve(file);
    try {
      await fs.promises.mkdir(path.dirname(absolute), { recursive: true });
      const { file: handle, created } = await (options.openFile ?? openForAppend)(absolute);
      try {
        // A new file's directory entry must reach the disk too, or a crash could lose the whole file.
        if (created) await syncDirectory(path.dirname(absolute));
        const { size } = await handle.stat();
        let endsInNewline = true;
        if (size > 0) {
          const last = new Uint8Array(1);
          await handle.read(last, 0, 1, size - 1);
          endsInNewline = last[0] === 0x0a;
        }
        return new CaptureWriter(file, handle, size, endsInNewline, options);
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      throw new CaptureFileError(`cannot open the capture file ${file}: ${describeFileError(error)}`, (error as NodeJS.ErrnoException).code);
    }
  }

  /** Bytes of complete lines known to be on disk. */
  get size(): number {
    return this.syncedSize;
  }

  /** Appends one record line (without its newline); resolves once it is on disk, rejects with a `CaptureFileError` when it is not. */
  append(line: string): Promise<void> {
    if (this.closing) return Promise.reject(new CaptureFileError(`the capture file ${this.file} is closed`, 'ECLOSED'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  /** Resolves once every line appended so far is on disk or has failed. */
  flush(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Writes what is queued, then closes the file; later appends are refused. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.flush().then(() => this.handle.close()).catch(() => undefined);
    return this.closing;
  }

  dispose(): void {
    void this.close();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      let bytes = 0;
      let count = 0;
      while (count < this.queue.length && (count === 0 || bytes + this.queue[count]!.line.length < this.maxBatchBytes)) {
        bytes += this.queue[count]!.line.length + 1;
        count++;
      }
      await this.commit(this.queue.splice(0, count));
    }
    // Same synchronous turn as the last emptiness check: an append after this starts a new drain.
    this.draining = false;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async commit(batch: Pending[]): Promise<void> {
    const text = `${this.needsNewline ? '\n' : ''}${batch.map((p) => p.line).join('\n')}\n`;
    const data = Buffer.from(text, 'utf8');
    try {
      let written = 0;
      while (written < data.length) written += (await this.handle.write(data.subarray(written))).bytesWritten;
      await this.handle.datasync();
    } catch (error) {
      const failure = new CaptureFileError(`the capture file ${this.file} could not be written: ${describeFileError(error)}`, (error as NodeJS.ErrnoException).code);
      try {
        await this.handle.truncate(this.syncedSize);
      } catch {
        // The cut-back failed too: whatever is there, the next write starts on a line of its own.
        this.needsNewline = true;
      }
      for (const pending of batch) pending.reject(failure);
      return;
    }
    this.syncedSize += data.length;
    this.needsNewline = false;
    for (const pending of batch) pending.resolve();
  }
}

/** One line naming what went wrong with a file operation. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOENT: 'no such file or directory',
    EIO: 'input/output error',
  };
  if (code && known[code]) return `${known[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

const openForAppend: OpenCaptureFile = async (file) => {
  try {
    return { file: await fs.promises.open(file, 'ax+'), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { file: await fs.promises.open(file, 'a+'), created: false };
  }
};

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or sync a directory; the file itself is still synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
