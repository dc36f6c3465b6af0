import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CallEventSummary } from '../../src/core/callEvent';
import { inspectDocument } from '../../src/core/inspect';
import { packSummaries, unpackSummaries } from '../../src/core/packedSummaries';
import { callEvent, jsonLines } from './helpers';

const ROOT = path.join(__dirname, '..', '..');

async function summariesOf(text: string): Promise<CallEventSummary[]> {
  return (await inspectDocument(text)).events.flatMap((e) => (e.summary ? [e.summary] : []));
}

/** Each summary's own keys in order, with its facts' keys: unpacking must give the objects summarizeCallEvent gives. */
const keyOrder = (summaries: readonly CallEventSummary[]) => summaries.map((s) => [Object.keys(s), Object.keys(s.facts ?? {})]);

describe('summaries packed into columns (what a worker thread sends back)', () => {
  it('unpack to summaries equal to those packed, fields in the same order, for every sample and fixture', async () => {
    const files = [
      ...fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => /\.jsonl?$/.test(f)).map((f) => path.join(ROOT, 'samples', f)),
      ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => /\.jsonl?$/.test(f)).map((f) => path.join(ROOT, 'test', 'fixtures', f)),
    ];
    assert.ok(files.length >= 8);
    for (const file of files) {
      const summaries = await summariesOf(fs.readFileSync(file, 'utf8'));
      assert.ok(summaries.length > 0, file);
      const unpacked = unpackSummaries(packSummaries(summaries));
      assert.deepEqual(unpacked, summaries, file);
      assert.deepEqual(keyOrder(unpacked), keyOrder(summaries), file);
    }
  });

  it('keep nulls, absent fields, facts, zero and negative numbers, and texts that look like ids apart', async () => {
    const summaries = await summariesOf(jsonLines(
      callEvent({ direction: null, is_transferred: true, master_call_id: null, target: { name: '' }, contact: null, external_number: '', date_rang: 0 }),
      callEvent({ direction: 'outbound', is_transferred: false, date_started: -5, event_timestamp: null, internal_number: '+14155550100', state: 'csat', csat_score: '4', recording_url: ['https://r/1'] }),
      callEvent({ call_id: '9007199254740993', master_call_id: '9007199254740993', target: { name: '9007199254740993', type: 'user', phone: '+14155550100' }, entry_point_target: { name: 'Main', type: 'office' } }),
      callEvent({ is_transferred: 'yes', direction: 'sideways', contact: { name: 'Zoë 👩🏽‍💻 \u202e', phone: '', type: '' } }),
    ));
    assert.equal(summaries.length, 4);
    assert.ok(summaries.some((s) => s.facts) && summaries.some((s) => s.isTransferred === null) && summaries.some((s) => s.direction === null));
    const packed = packSummaries(summaries);
    const unpacked = unpackSummaries(packed);
    assert.deepEqual(unpacked, summaries);
    assert.deepEqual(keyOrder(unpacked), keyOrder(summaries));
    // Texts are written once per chunk, however many summaries repeat them.
    assert.equal(new Set(packed.strings).size, packed.strings.length);
    assert.deepEqual(unpackSummaries(packSummaries([])), []);
  });

  it('survive a structured clone (what postMessage does), with their columns transferred', async () => {
    const summaries = await summariesOf(fs.readFileSync(path.join(ROOT, 'samples', 'transfer.jsonl'), 'utf8'));
    const packed = packSummaries(summaries);
    const cloned = structuredClone(packed, { transfer: [packed.texts.buffer, packed.numbers.buffer, packed.flags.buffer] as ArrayBuffer[] });
    assert.equal(packed.texts.length, 0, 'the columns moved, not copied');
    assert.deepEqual(unpackSummaries(cloned), summaries);
  });
});
