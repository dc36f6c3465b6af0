// The entry of a worker thread that analyses capture chunks (bundled as dist/chunkWorker.js): one chunk in,
// its compact outcome out, so a large capture is read on every core and the caller's event loop stays free.
import { parentPort } from 'node:worker_threads';
import { analyseChunk } from '../core/chunkedInspection';
import { HmacKeyCache } from '../core/jwt';
import { packSummaries } from '../core/packedSummaries';
import { byteReading } from './byteText';
import type { ChunkReply, ChunkRequest } from './chunkWorkers';

const port = parentPort!;
// One imported key per worker for the secret, across the chunks it analyses.
const keys = new HmacKeyCache();
const reading = byteReading();
port.on('message', (request: ChunkRequest) => {
  analyseChunk(request.job, { ...(request.job.secret ? { secret: request.job.secret } : {}), keys, byteReading: reading }).then(
    (outcome) => {
      if ('whole' in outcome) {
        port.postMessage({ id: request.id, outcome } satisfies ChunkReply);
        return;
      }
      const { summaries, ...rest } = outcome;
      const packed = packSummaries(summaries);
      const transfer = [rest.flags.buffer, rest.eventLines.buffer, packed.texts.buffer, packed.numbers.buffer, packed.flags.buffer] as ArrayBuffer[];
      port.postMessage({ id: request.id, outcome: { ...rest, packed } } satisfies ChunkReply, transfer);
    },
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ChunkReply),
  );
});
