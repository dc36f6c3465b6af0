// The entry of a worker thread that redacts captures into copies (bundled as dist/redactWorker.js): see redactFiles.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { redactFilesInChunks, type RedactFilesJob } from './redactFiles';

void redactFilesInChunks(workerData as RedactFilesJob).then((result) => parentPort!.postMessage(result));
