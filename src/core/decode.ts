/** The text of a capture file's bytes. */
export interface DecodedCapture {
  /**
   * The UTF-8 text. When the bytes are not valid UTF-8, the text stops at the first bad byte
   * and ends with a NUL, which the reader reports as binary content at that very place.
   */
  text: string;
  /** Offset in `text` of the first undecodable byte, when there is one. */
  invalidAt?: number;
}

/** Decodes a capture file's bytes (a BOM is kept: the reader skips it and offsets stay true to the file). */
export function decodeCapture(bytes: Uint8Array): DecodedCapture {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const valid = bytes.subarray(0, firstInvalidUtf8(bytes));
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(valid);
    return { text: `${text}\0`, invalidAt: text.length };
  }
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return i;
    for (let k = 1; k < size; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms and surrogates, which a fatal decoder refuses too.
    if (size === 3 && ((b === 0xe0 && bytes[i + 1]! < 0xa0) || (b === 0xed && bytes[i + 1]! >= 0xa0))) return i;
    if (size === 4 && ((b === 0xf0 && bytes[i + 1]! < 0x90) || (b === 0xf4 && bytes[i + 1]! >= 0x90))) return i;
    i += size;
  }
  return bytes.length;
}
