import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspectInChunks } from '../../src/cli/chunkedInspection';
import { inspectDocument } from '../../src/core/inspect';
import { callEvent, jsonLines, sample } from './helpers';

/** The whole-file answer, in the same shape: 1-based positions, code, severity, message. */
async function whole(text: string) {
  const inspection = await inspectDocument(text);
  return {
    events: inspection.events.length,
    diagnostics: inspection.problems.map((p) => {
      const a = inspection.lines.positionAt(p.start), b = inspection.lines.positionAt(p.end);
      return [a.line + 1, a.character + 1, b.line + 1, b.character + 1, p.code, p.severity, p.message];
    }),
  };
}

async function chunked(text: string, chunkBytes: number) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chunks-')), 'capture.jsonl');
  fs.writeFileSync(file, text);
  const result = await inspectInChunks(file, {}, chunkBytes);
  if ('whole' in result) return result;
  return {
    events: result.events,
    diagnostics: result.diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.problem.code, d.problem.severity, d.problem.message]),
  };
}

describe('inspecting a large capture a chunk at a time', () => {
  it('gives exactly the whole-file diagnostics, flow rules across chunks included', async () => {
    // Several samples back to back, with mistakes, some of them flow-level (a direction that changes
    // between events far apart in the file), in JSON Lines and in the vendor's pretty-printed stream.
    const lines = [...sample('monitored-barge.jsonl').trim().split('\n'), ...sample('transfer.jsonl').trim().split('\n')];
    lines[3] = lines[3]!.replace('"state":"ringing"', '"state":"ringin"');
    lines[30] = lines[30]!.replace('"direction":"inbound"', '"direction":"outbound"');
    lines.push('not an event at all');
    lines.push(jsonLines(callEvent({ call_id: 99, entry_point_call_id: 12345 })).trim());
    const texts = [`${lines.join('\n')}\n`, sample('vendor-sample-stream.json')];
    for (const text of texts) {
      const expected = await whole(text);
      for (const size of [2500, 5000, 9000]) {
        const result = await chunked(text, size);
        assert.ok(!('whole' in result), `read whole: ${'whole' in result ? result.whole : ''}`);
        assert.deepEqual(result, expected, `chunks of ${size} bytes`);
      }
    }
  });

  it('reads small files, arrays, binary files and items larger than a chunk whole', async () => {
    assert.deepEqual(await chunked(sample('direct-call.jsonl'), 1 << 20), { whole: 'small' });
    assert.deepEqual(await chunked(JSON.stringify([callEvent(), callEvent()], null, 2), 100), { whole: 'a JSON array' });
    const short = '{"call_id": 1, "state": "calling"}\n'.repeat(10);
    assert.deepEqual(await chunked(`${short}\0\0${short}`, 200), { whole: 'binary content' });
    assert.deepEqual(await chunked(jsonLines(callEvent(), callEvent()), 100), { whole: 'an item larger than a chunk' });
  });

  it('falls back to a whole read when a cut lands inside an item (keys written at column 0)', async () => {
    const flat = JSON.stringify(callEvent(), null, 0).replace(/,"/g, ',\n"');
    const text = `${flat}\n${flat}\n${flat}\n`;
    const result = await chunked(text, 300);
    assert.deepEqual(result, { whole: 'an item across chunks' });
  });
});
