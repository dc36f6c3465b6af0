import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCaptureRecord, formatForwardRecord } from '../../src/core/captureRecord';
import { changedSpan, reinspect } from '../../src/core/incremental';
import { inspectDocument, type Inspection } from '../../src/core/inspect';
import { callEvent, jsonLines, sample } from './helpers';

/** What must be identical between an incremental and a full inspection. */
function essence(inspection: Inspection) {
  return {
    events: inspection.events.map((e) => [e.index, e.start, e.end, e.kind, e.trusted, e.summary?.callId, e.summary?.state, e.summary?.event, e.record?.forward]),
    problems: inspection.problems.map((p) => [p.start, p.end, p.code, p.severity, p.message, p.event]),
    flows: inspection.graph.flows.map((f) => [f.id, f.transfers, f.legs.map((l) => [l.callId, l.role, l.monitorKind, l.states.join(','), l.events.map((e) => e.event).join(',')])]),
  };
}

async function checkEdit(before: string, after: string): Promise<void> {
  const previous = await inspectDocument(before);
  const incremental = await reinspect(previous, before, after);
  const full = await inspectDocument(after);
  assert.deepEqual(essence(incremental), essence(full));
}

describe('re-inspecting after an edit', () => {
  it('finds the changed span', () => {
    assert.equal(changedSpan('abc', 'abc'), undefined);
    assert.deepEqual(changedSpan('hello world', 'hello brave world'), { start: 6, oldEnd: 6, newEnd: 12 });
    assert.deepEqual(changedSpan('aaaa', 'aa'), { start: 2, oldEnd: 4, newEnd: 2 });
    const big = 'x'.repeat(20000);
    assert.deepEqual(changedSpan(`${big}A${big}`, `${big}BC${big}`), { start: 20000, oldEnd: 20001, newEnd: 20002 });
  });

  it('editing one state in a JSON Lines capture re-reads that line only, with the same result as a full read', async () => {
    const before = sample('monitored-barge.jsonl');
    const after = before.replace('"state":"barge"', '"state":"bargge"');
    await checkEdit(before, after);
    const incremental = await reinspect(await inspectDocument(before), before, after);
    assert.ok(incremental.problems.some((p) => p.code === 'schema.state.unknown'));
  });

  it('matches a full read for random edits of every sample (property)', async () => {
    const texts = ['monitored-barge.jsonl', 'transfer.jsonl', 'voicemail.jsonl', 'vendor-sample-stream.json'].map(sample);
    texts.push(JSON.stringify([callEvent({ call_id: 1 }), callEvent({ call_id: 2, state: 'connected' })], null, 2));
    texts.push(jsonLines(callEvent({ call_id: 3 }), callEvent({ call_id: 4, entry_point_call_id: 3 })));
    texts.push(forwardedCapture());
    const snippet = fc.constantFrom('', '{', '}', '[', ']', ',', '"', ':', '\n', ' ', 'null', '"ringing"', '1234', 'eyJhbGciOiJIUzI1NiJ9.e30.x', '{"call_id": 5, "state": "hangup"}\n', '\\');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: texts.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 40 }), snippet, async (which, where, removed, inserted) => {
        const before = texts[which]!;
        const at = Math.floor(where * before.length);
        const after = before.slice(0, at) + inserted + before.slice(Math.min(before.length, at + removed));
        await checkEdit(before, after);
      }),
      { numRuns: 250, seed: 42 },
    );
  });

  it('attaches a forward record appended at the end to its request far above, and drops it when the line goes', async () => {
    const before = forwardedCapture();
    const forward = formatForwardRecord({ seq: 1, forwarded_at: '2026-11-25T10:00:09.000Z', url: 'http://127.0.0.1:9/', status: 202, latency_ms: 4, response_start: 'late', error: null, replay: 'as-captured', received_at: '2026-11-25T10:00:00.000Z' });
    const after = `${before}${forward}\n`;
    await checkEdit(before, after);
    const incremental = await reinspect(await inspectDocument(before), before, after, {}, { start: before.length });
    assert.equal((incremental.events[0]!.record?.forward as Record<string, unknown>).response_start, 'late');
    await checkEdit(after, before);
    // Editing a request re-reads its line only: the answer recorded further down stays attached.
    await checkEdit(before, before.replace('\\"state\\":\\"ringing\\"', '\\"state\\":\\"ringin\\"'));
  });

  it('uses an editor\'s hint of where the edits were, and ignores a hint that does not fit', async () => {
    const before = sample('transfer.jsonl');
    const at = before.indexOf('"hold"');
    const after = `${before.slice(0, at)}"hol"${before.slice(at + 6)}`;
    const previous = await inspectDocument(before);
    const full = essence(await inspectDocument(after));
    assert.deepEqual(essence(await reinspect(previous, before, after, {}, { start: at })), full);
    assert.deepEqual(essence(await reinspect(previous, before, after, {}, { start: 0 })), full);
    assert.deepEqual(essence(await reinspect(previous, before, after, {}, { start: at + 5 })), full);
    assert.deepEqual(essence(await reinspect(previous, before, after, {}, { start: before.length + 10 })), full);
  });

  it('chains: each edit builds on the previous incremental result', async () => {
    let text = sample('call-center.jsonl');
    let inspection = await inspectDocument(text);
    for (const [from, to] of [['"queued"', '"queud"'], ['"hangup"', '"hangup" '], ['"queud"', '"queued"'], ['\n', '\n\n']] as const) {
      const next = text.replace(from, to);
      inspection = await reinspect(inspection, text, next);
      text = next;
      assert.deepEqual(essence(inspection), essence(await inspectDocument(text)));
    }
  });
});

/** A listener capture: three requests of two runs (seq 1 twice), the handler's answers to two of them. */
function forwardedCapture(): string {
  const capture = (seq: number, at: string, event: Record<string, unknown>) =>
    formatCaptureRecord({ seq, received_at: at, content_type: 'application/json', status: 200, verdict: 'accepted', body: JSON.stringify(event) });
  const forward = (seq: number, status: number) =>
    formatForwardRecord({ seq, forwarded_at: '2026-11-25T10:00:05.000Z', url: 'http://127.0.0.1:9/', status, latency_ms: 1.5, response_start: 'ok', error: null });
  return [
    capture(1, '2026-11-25T10:00:00.000Z', callEvent({ call_id: 7, state: 'ringing' })),
    capture(2, '2026-11-25T10:00:01.000Z', callEvent({ call_id: 7, state: 'connected' })),
    forward(1, 200),
    capture(1, '2026-11-25T11:00:00.000Z', callEvent({ call_id: 8, state: 'ringing' })),
    forward(2, 500),
    forward(1, 204),
  ].join('\n') + '\n';
}
