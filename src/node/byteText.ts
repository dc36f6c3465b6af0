import { isAscii, isUtf8 } from 'node:buffer';
import { ByteReading, type ByteText } from '../core/chunkedInspection';

/** A chunk's bytes as Latin-1 text when they are UTF-8 (both checks and the decode in native code). */
export const latin1Text: ByteText = (bytes) => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) return undefined;
  return { text: buffer.toString('latin1'), ascii: isAscii(buffer) };
};

/** The way one thread reads its chunks (it keeps count of the chunks it had to read again). */
export function byteReading(): ByteReading {
  return new ByteReading(latin1Text);
}
