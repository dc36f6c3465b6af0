/**
 * Writes text to standard output as it is, without a newline (the CLI's raw writer). It answers a promise
 * when the output is full (a pipe whose reader is slower): the next piece waits for it, so what is not yet
 * written never piles up in memory.
 */
export type RawWriter = (text: string) => void | Promise<void>;

/** Pieces are gathered into writes of about this many UTF-16 units. */
const BATCH = 1 << 16;

/**
 * Writes one output (its pieces in order, then a newline, as a line through `out` ends) a batch at a time
 * through `write`, so a large output is never held whole; without a raw writer (a caller that collects
 * lines) the pieces go to `out` as one line.
 */
export async function writeOutput(pieces: Iterable<string>, out: (text: string) => void, write?: RawWriter): Promise<void> {
  if (!write) {
    out([...pieces].join(''));
    return;
  }
  let batch: string[] = [], size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= BATCH) {
      await write(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  batch.push('\n');
  await write(batch.join(''));
}
