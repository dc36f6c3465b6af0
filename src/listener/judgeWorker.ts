// The entry of the worker thread that analyses large bodies for the listener (bundled as dist/judgeWorker.js):
// one message in, one judgement out, so the listener's event loop keeps answering while it works.
import { parentPort } from 'node:worker_threads';
import { analyseBody } from './judge';
import type { JudgeReply, JudgeRequest } from './offThreadJudge';

const port = parentPort!;
port.on('message', (request: JudgeRequest) => {
  const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  analyseBody(body, request.secret).then(
    (judgement) => port.postMessage({ id: request.id, judgement } satisfies JudgeReply),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies JudgeReply),
  );
});
