import * as assert from 'node:assert/strict';
import { answersOfGraph } from '../../src/core/answers';
import { answersToJson } from '../../src/core/answersOutput';
import { compactInspection, inspectInChunks, type ChunkAnalyser, type CompactInspection } from '../../src/core/chunkedInspection';
import { graphToJson } from '../../src/core/graphJson';
import { inspectDocument } from '../../src/core/inspect';
import { buildViewModel, viewModelAsRead } from '../../src/core/buildViewModel';
import { ChunkWorkers } from '../../src/node/chunkWorkers';
import { memorySource } from '../../src/node/fileSource';
import { embedJson, embedJsonPieces } from '../../src/report/html';
import { callEvent, jsonLines, sample } from './helpers';

/** What each command shows of an inspection: validate's diagnostics, graph's JSON, summary's answers, report's view model. */
function outputs(name: string, compact: CompactInspection) {
  return {
    events: compact.events,
    diagnostics: compact.diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.problem.code, d.problem.severity, d.problem.message]),
    graph: graphToJson(compact.graph, (_source, event) => ({ file: name, line: compact.eventLines[event]! + 1 })),
    summary: answersOfGraph(compact.graph).map(answersToJson),
    report: buildViewModel([{ name, compact }], { eventList: true }),
  };
}

/** The whole-file answers: validate's diagnostics from the inspection itself, the report's model built from the whole text. */
async function whole(text: string) {
  const inspection = await inspectDocument(text);
  const expected = outputs('capture.jsonl', compactInspection(await inspectDocument(text)));
  expected.diagnostics = inspection.problems.map((p) => {
    const a = inspection.lines.positionAt(p.start), b = inspection.lines.positionAt(p.end);
    return [a.line + 1, a.character + 1, b.line + 1, b.character + 1, p.code, p.severity, p.message];
  });
  expected.report = buildViewModel([{ name: 'capture.jsonl', text, inspection }], { eventList: true });
  return expected;
}

async function chunked(text: string, chunkBytes: number, analyser?: ChunkAnalyser, maxChunkBytes = chunkBytes) {
  const result = await inspectInChunks(memorySource(Buffer.from(text)), { chunkBytes, maxChunkBytes, ...(analyser ? { analyser } : {}) });
  return 'whole' in result ? result : outputs('capture.jsonl', result);
}

/** Several samples back to back with mistakes, some flow-level (a direction that changes between events far apart). */
function mistakes(): string {
  const lines = [...sample('monitored-barge.jsonl').trim().split('\n'), ...sample('transfer.jsonl').trim().split('\n')];
  lines[3] = lines[3]!.replace('"state":"ringing"', '"state":"ringin"');
  lines[30] = lines[30]!.replace('"direction":"inbound"', '"direction":"outbound"');
  lines.push('not an event at all');
  lines.push(jsonLines(callEvent({ call_id: 99, entry_point_call_id: 12345 })).trim());
  return `${lines.join('\n')}\n`;
}

describe('inspecting a large capture a chunk at a time', () => {
  it('gives exactly the whole-file diagnostics, graph, answers and report model, flow rules across chunks included', async () => {
    // JSON Lines and the vendor's pretty-printed stream.
    for (const text of [mistakes(), sample('vendor-sample-stream.json')]) {
      const expected = await whole(text);
      assert.ok(expected.diagnostics.some((d) => String(d[4]).startsWith('flow.')), 'the capture has flow problems');
      assert.ok(expected.report.flows.length > 1 && expected.graph.flows.length > 1);
      for (const size of [2500, 5000, 9000, 1 << 20]) {
        const result = await chunked(text, size);
        assert.ok(!('whole' in result), `read whole: ${'whole' in result ? result.whole : ''}`);
        assert.deepEqual(result, expected, `chunks of ${size} bytes`);
      }
    }
  });

  it('gives the same answers with the chunks analysed in worker threads', async () => {
    const workers = new ChunkWorkers(2);
    try {
      const text = mistakes();
      assert.deepEqual(await chunked(text, 2500, workers), await whole(text));
      // A chunk grows to hold an item larger than the chunk size (here every item is).
      assert.deepEqual(await chunked(text, 100, workers, 1 << 20), await whole(text));
    } finally {
      await workers.close();
    }
  });

  it('with summaries kept for the flow rules only (validate), gives the same diagnostics, and refuses a graph', async () => {
    // Dialpad's talk_time against the events' own (an answer.* note, from the summaries' facts), besides the mistakes.
    const at = (sec: number) => 1764000000000 + sec * 1000;
    const timed = jsonLines(
      callEvent({ call_id: 21, state: 'connected', date_started: at(0), date_connected: at(10), target: { id: 1, name: 'Dana' } }),
      callEvent({ call_id: 21, state: 'hangup', date_started: at(0), date_connected: at(10), date_ended: at(100), target: { id: 1, name: 'Dana' }, hold_time: 0, talk_time: 30000 }),
    );
    const texts = [mistakes(), sample('vendor-sample-stream.json'), timed, ...['call-center.jsonl', 'voicemail.jsonl', 'monitored-barge.jsonl'].map(sample)];
    const workers = new ChunkWorkers(2);
    try {
      for (const text of texts) {
        const full = await inspectInChunks(memorySource(Buffer.from(text)), { chunkBytes: 2500 });
        assert.ok(!('whole' in full));
        for (const analyser of [undefined, workers]) {
          const lean = await inspectInChunks(memorySource(Buffer.from(text)), { chunkBytes: 2500, summaries: 'for-flow-rules', ...(analyser ? { analyser } : {}) });
          assert.ok(!('whole' in lean));
          assert.deepEqual([lean.events, lean.diagnostics, lean.unlisted, lean.eventLines, lean.flags], [full.events, full.diagnostics, full.unlisted, full.eventLines, full.flags]);
          assert.ok(lean.summaries.every((s) => s.targetName === null && s.contactName === null && s.targetType === undefined));
          assert.throws(() => lean.graph, /flow rules only/);
        }
      }
      const notes = await inspectInChunks(memorySource(Buffer.from(timed)), { summaries: 'for-flow-rules' });
      assert.deepEqual(!('whole' in notes) && notes.diagnostics.map((d) => d.problem.code).filter((c) => c.startsWith('answer.')), ['answer.talk-time-mismatch'], 'the facts are kept');
    } finally {
      await workers.close();
    }
  });

  it('reads arrays, binary files and items larger than a chunk whole', async () => {
    assert.deepEqual(await chunked(JSON.stringify([callEvent(), callEvent()], null, 2), 100), { whole: 'a JSON array' });
    const short = '{"call_id": 1, "state": "calling"}\n'.repeat(10);
    assert.deepEqual(await chunked(`${short}\0\0${short}`, 200), { whole: 'binary content' });
    assert.deepEqual(await chunked(`${short}\xff${short}`.replace('\xff', '\u00ff'), 200).then((r) => 'whole' in r), false, 'Latin-1 text as UTF-8 is fine');
    assert.deepEqual(await inspectInChunks(memorySource(Buffer.concat([Buffer.from(short), Buffer.from([0xff]), Buffer.from(short)])), { chunkBytes: 200 }), { whole: 'binary content' });
    assert.deepEqual(await chunked(jsonLines(callEvent(), callEvent()), 100), { whole: 'an item larger than a chunk' });
  });

  it('falls back to a whole read when a cut lands inside an item (keys written at column 0)', async () => {
    const flat = JSON.stringify(callEvent(), null, 0).replace(/,"/g, ',\n"');
    const text = `${flat}\n${flat}\n${flat}\n`;
    assert.deepEqual(await chunked(text, 300), { whole: 'an item across chunks' });
  });
});

describe('the report JSON written in pieces', () => {
  it('is exactly the JSON of the whole value, in pieces no larger than one entry', () => {
    const row = (i: number) => ({ event: i, line: i + 1, note: i % 3 ? undefined : '</script>\u2028', list: [i, null, 'x'], nested: { deep: Array.from({ length: 70 }, (_, j) => j * i) } });
    const value = { model: { version: 1, sources: [{ name: 'a', rows: Array.from({ length: 500 }, (_, i) => row(i)) }], flows: [], skip: undefined }, report: { title: 'T' } };
    const pieces = [...embedJsonPieces(value)];
    assert.equal(pieces.join(''), JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028'));
    assert.equal(embedJson(value), pieces.join(''));
    assert.ok(pieces.length > 500 && Math.max(...pieces.map((p) => p.length)) < 400, `${pieces.length} pieces`);
  });

  it('writes a list made as it is read (a generator) as the array it yields, and the report model as buildViewModel makes it', async () => {
    const rows = [{ a: 1, b: [undefined, 'x'] }, { a: 2, note: '</script>' }, { a: 3 }];
    function* made() {
      yield* rows;
    }
    assert.equal([...embedJsonPieces({ list: made(), few: (function* () { yield 1; })(), none: (function* () {})() })].join(''),
      embedJson({ list: rows, few: [1], none: [] }));
    const text = mistakes();
    const inspection = await inspectDocument(text);
    const input = [{ name: 'capture.jsonl', compact: compactInspection(inspection) }];
    const asRead = viewModelAsRead(input, { eventList: true });
    const model = buildViewModel(input, { eventList: true });
    assert.equal(asRead.flows, model.flows.length);
    assert.equal([...embedJsonPieces(asRead.model)].join(''), embedJson(model));
  });
});
