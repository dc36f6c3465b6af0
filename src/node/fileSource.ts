import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { ByteSource } from '../core/chunkedInspection';

/** The bytes of an open file, as the chunk reader asks for them (the size it had when opened). */
export function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read(position, length) {
      // Unpooled: the bytes may be handed to a worker thread whole.
      const bytes = Buffer.allocUnsafeSlow(length);
      let read = 0;
      while (read < length) {
        const got = fs.readSync(fd, bytes, read, length - read, position + read);
        if (got === 0) break;
        read += got;
      }
      return Promise.resolve(read === length ? bytes : bytes.subarray(0, read));
    },
  };
}

/** Bytes already in memory (standard input, a file the editor read), as a ByteSource. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (position, length) => Promise.resolve(new Uint8Array(bytes.subarray(position, position + length))) };
}

/** A file opened for the chunk reader without blocking the caller's thread (the extension host); close it after. */
export async function openFileSource(file: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(position, length) {
        const bytes = Buffer.allocUnsafeSlow(length);
        let read = 0;
        while (read < length) {
          const { bytesRead } = await handle.read(bytes, read, length - read, position + read);
          if (bytesRead === 0) break;
          read += bytesRead;
        }
        return read === length ? bytes : bytes.subarray(0, read);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
