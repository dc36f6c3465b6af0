// The entry of a worker thread that analyses capture chunks (bundled as dist/chunkWorker.js): one chunk in,
// its compact outcome out, so a large capture is read on every core and the caller's event loop stays free.
import { parentPort } from 'node:worker_threads';
import { analyseChunk } from '../core/chunkedInspection';
import { HmacKeyCache } from '../core/jwt';
import type { ChunkReply, ChunkRequest } from './chunkWorkers';

const port = parentPort!;
// One imported key per worker for the secret, across the chunks it analyses.
const keys = new HmacKeyCache();
port.on('message', (request: ChunkRequest) => {
  analyseChunk(request.job, { ...(request.job.secret ? { secret: request.job.secret } : {}), keys }).then(
    (outcome) => {
      const transfer = 'whole' in outcome ? [] : [outcome.flags.buffer as ArrayBuffer, outcome.eventLines.buffer as ArrayBuffer];
      port.postMessage({ id: request.id, outcome } satisfies ChunkReply, transfer);
    },
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ChunkReply),
  );
});
