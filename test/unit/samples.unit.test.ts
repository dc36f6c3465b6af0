import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect, ROOT, sample } from './helpers';

describe('the bundled samples', () => {
  it('vendor sample stream: all twelve events are read, and the trailing comma is the only error', async () => {
    const result = await inspect(sample('vendor-sample-stream.json'));
    assert.equal(result.format, 'json-stream');
    assert.equal(result.events.length, 12);
    const errors = result.view.filter((p) => p.severity === 'error');
    assert.deepEqual(errors.map((p) => [p.code, p.text]), [['syntax.trailing-comma', ',']]);
    // The comma sits after the recap_summary value of the eleventh event.
    const text = sample('vendor-sample-stream.json');
    const comma = result.problems.find((p) => p.code === 'syntax.trailing-comma')!;
    assert.match(text.slice(comma.start - 20, comma.start), /describe it\."$/);
  });

  it('vendor sample stream: three direct flows, ordered by time not by file order', async () => {
    const { graph } = await inspect(sample('vendor-sample-stream.json'));
    const legs = new Map([...graph.legs.values()].map((leg) => [leg.callId, leg]));
    assert.deepEqual(legs.get('5747322335264768')!.states, ['ringing', 'connected', 'hangup']);
    assert.deepEqual(legs.get('6580619776884736')!.states, ['voicemail', 'hangup', 'transcription']);
    assert.deepEqual(legs.get('4978137078431744')!.states, ['calling', 'connected', 'hangup', 'recording', 'recording', 'recording']);
    assert.ok([...legs.values()].every((leg) => leg.role === 'direct'));
    assert.equal(graph.flows.length, 3);
  });

  for (const file of fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.jsonl'))) {
    it(`${file} has no errors and no warnings`, async () => {
      const result = await inspect(sample(file));
      assert.ok(result.events.length > 0);
      assert.deepEqual(result.view.filter((p) => p.severity === 'error' || p.severity === 'warning'), []);
    });
  }
});
