// The shared simulation run (src/listener/simulation.ts), which both `call-events simulate` and the
// editor's Send Sample Flow use: scenario events, a run cancelled half-way against a handler on
// 127.0.0.1, and its record keeping only what was sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { CaptureWriter } from '../../src/listener/captureWriter';
import { prepareEvents, runSimulation, scenarioEvents, writeRun, writeSample } from '../../src/listener/simulation';
import { records, tempDir } from './listenerHelpers';
import { listenOnLoopback } from '../support/loopback';

describe('the simulation run shared by the CLI and the editor', function () {
  this.timeout(20_000);

  it('names an unknown scenario; a scenario named twice is a second call with its own name', () => {
    assert.match(scenarioEvents(['missed', 'nope'], 1, false) as string, /^no scenario "nope" \(known: direct, /);
    const events = scenarioEvents(['missed', 'missed'], 1, false);
    assert.ok(Array.isArray(events));
    // The missed flow is preanswer, ringing, missed, hangup: four events per call.
    assert.deepEqual([...new Set(events.map((e) => e.scenario))], ['missed', 'missed-2']);
    assert.equal(events.length, 8);
    assert.notEqual(events[0]!.callId, events[4]!.callId);
  });

  it('a cancelled run stops at once, keeps the attempts made, and the record leaves out what was never sent', async () => {
    // The handler answers 503 to everything: without the cancel, retries would go on for 14 s.
    let received = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        res.writeHead(503).end('busy');
      });
    });
    const loopback = await listenOnLoopback(server);
    const url = new URL(loopback.url);
    try {
      const events = scenarioEvents(['missed'], 1, false);
      assert.ok(Array.isArray(events));
      const outgoing = await prepareEvents(events, undefined);
      const abort = new AbortController();
      const started = performance.now();
      const run = await runSimulation({
        url, outgoing, timeScale: 1, shuffle: false, duplicate: 0, seed: 1, signal: abort.signal,
        onAttempt: ({ index }) => { if (index === 0) abort.abort('cancelled'); },
      });
      assert.ok(performance.now() - started < 2_000, 'the run ended without waiting for the retries or the later events');
      assert.equal(received, 1);
      assert.deepEqual(run.deliveries.map((d) => d.verdict.kind), ['cancelled', 'cancelled', 'cancelled', 'cancelled']);
      assert.deepEqual(run.results.map((r) => r.length), [1, 0, 0, 0]);
      assert.equal(run.results[0]![0]!.status, 503);

      const file = path.join(tempDir('simulation'), 'run.jsonl');
      const writer = await CaptureWriter.open(file);
      await writeRun(writer, url, outgoing, run);
      await writer.close();
      const lines = records(file);
      assert.deepEqual(lines.map((l) => [l.type, l.seq]), [['call-events/capture', 1], ['call-events/forward', 1]]);
      assert.equal(lines[1]!.status, 503);
      assert.equal(lines[1]!.simulated_verdict, 'not finished: the run was cancelled');
    } finally {
      await loopback.close();
    }
  });

  it('writeSample writes one capture record per event, in order, with the event as its body', async () => {
    const events = scenarioEvents(['direct'], 2, false);
    assert.ok(Array.isArray(events));
    const file = path.join(tempDir('simulation'), 'sample.jsonl');
    await writeSample(file, await prepareEvents(events, undefined));
    const lines = records(file);
    assert.deepEqual(lines.map((l) => l.seq), events.map((_, i) => i + 1));
    assert.deepEqual(lines.map((l) => l.body), events.map((e) => e.json));
    assert.ok(fs.readFileSync(file, 'utf8').endsWith('\n'));
  });
});
