// Chunks read one byte per character (Latin-1 text of their UTF-8 bytes) must give exactly what the UTF-16 text
// gives: every outcome below is compared with the same chunk analysed as UTF-16 text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { base64url } from 'jose';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { summarizeCallEvent } from '../../src/core/callEvent';
import { analyseChunk, ByteReading, type ChunkOutcome } from '../../src/core/chunkedInspection';
import { latin1Text } from '../../src/node/byteText';
import { callEvent, jsonLines } from './helpers';

const ROOT = path.join(__dirname, '..', '..');

async function both(text: string): Promise<{ exact: ChunkOutcome; bytes: ChunkOutcome; reading: ByteReading }> {
  const bytes = new Uint8Array(Buffer.from(text));
  const reading = new ByteReading(latin1Text);
  return {
    exact: await analyseChunk({ bytes, last: true }, {}),
    bytes: await analyseChunk({ bytes: bytes.slice(), last: true }, { byteReading: reading }),
    reading,
  };
}

/** Texts that tell UTF-16 text from bytes: accents, CJK, emoji, C1 controls, NBSP, line separators, a BOM, bidi. */
const TRICKY = ['José Müller', '张伟', '😀 Ana', '\u0080\u009f', '\u00a0', 'a\u2028b', '\ufeff', '\u202eevil', 'Ã©', 'ß'];

/** Non-ASCII characters written as \u escapes (as some senders do), the rest as JSON.stringify writes them. */
const escaped = (json: string) => json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('reading chunks one byte per character', () => {
  it('gives every sample and fixture exactly what its UTF-16 text gives', async () => {
    const files = [
      ...fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => /\.jsonl?$/.test(f)).map((f) => path.join(ROOT, 'samples', f)),
      ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => /\.jsonl?$/.test(f)).map((f) => path.join(ROOT, 'test', 'fixtures', f)),
    ];
    for (const file of files) {
      const { exact, bytes } = await both(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(bytes, exact, path.basename(file));
    }
  });

  it('keeps a chunk of names, types and post-call texts beyond ASCII, decoding its summaries\' texts back', async () => {
    const events = TRICKY.map((name, i) => callEvent({
      call_id: 100 + i, state: i % 2 ? 'csat' : 'recap_summary', target: { id: 1, name, type: `user ${name}`, phone: '+14155550100' },
      contact: { id: 2, name: `${name} (contact)`, phone: '+14155550101', type: name }, entry_point_target: { name, type: 'office' },
      csat_score: i % 2 ? ' 4\n' : null, recap_summary: name, recap_outcome: name, transcription_text: name, voicemail_link: `https://v/${name}`,
      recording_url: [`https://r/${name}`], call_dispositions: [name, { name }, { other: 'ascii' }, { other: name }],
    }));
    const { exact, bytes, reading } = await both(jsonLines(...events));
    assert.deepEqual(reading.counts, { kept: 1, readAgain: 0 }, 'read one byte per character');
    assert.deepEqual(bytes, exact);
    assert.ok(!('whole' in exact) && exact.diagnostics.length === 0, 'the chunk has no problem');
    // The summaries hold the payload's own texts.
    assert.equal(!('whole' in bytes) && bytes.summaries[1]!.targetName, '张伟');
    assert.deepEqual(!('whole' in bytes) && bytes.summaries[1]!.facts?.dispositions, ['张伟', '张伟', '{"other":"ascii"}', '(a disposition without a name)']);
  });

  it('reads again as UTF-16 text a chunk with a problem or an escape, and gives the same', async () => {
    const named = (name: string, extra: Record<string, unknown> = {}) => callEvent({ target: { id: 1, name }, ...extra });
    const cases = [
      jsonLines(named('José', { state: 'ringnig' })), // a problem: columns and the quoted state
      jsonLines(named('José', { state: 'José' })),
      `${jsonLines(named('José'))}not an event: José\n`,
      escaped(jsonLines(named('José'), named('张伟'))),
      `${escaped(jsonLines(named('José')))}${jsonLines(named('José'))}`,
      `\ufeff${jsonLines(named('José'))}`,
      `${jsonLines(named('José')).trim()}\u00a0\n`,
    ];
    for (const text of cases) {
      const { exact, bytes, reading } = await both(text);
      assert.deepEqual(bytes, exact, JSON.stringify(text.slice(0, 80)));
      assert.equal(reading.counts.kept, 0, JSON.stringify(text.slice(0, 80)));
    }
  });

  it('gives the same for listener captures, JWT lines and random texts in every field a summary keeps', async () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...TRICKY), fc.constant(''));
    // Mostly valid events (a chunk with a problem is read again, which another test covers), with a few that are not.
    const phone = fc.oneof({ weight: 9, arbitrary: fc.constant('+14155550100') }, { weight: 1, arbitrary: text });
    const party = fc.record({ id: fc.integer(), name: text, type: text, phone }, { requiredKeys: [] });
    const event = fc.record({
      call_id: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1 }) }, { weight: 1, arbitrary: text }),
      state: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('calling', 'ringing', 'connected', 'recap_summary', 'csat') }, { weight: 1, arbitrary: text }),
      target: party, contact: party, entry_point_target: party, external_number: phone, internal_number: phone,
      csat_score: fc.oneof(fc.integer(), text, fc.constantFrom(' 5 ', '5\u00a0')), recap_summary: text, transcription_text: text,
      call_dispositions: fc.array(fc.oneof(text, fc.record({ name: text }, { requiredKeys: [] }), fc.record({ other: text })), { maxLength: 3 }),
    }, { requiredKeys: ['call_id', 'state'] });
    const line = fc.tuple(event, fc.constantFrom('json', 'escaped', 'capture', 'jwt')).map(([value, form]) => {
      const json = JSON.stringify(value);
      if (form === 'escaped') return escaped(json);
      if (form === 'capture') return formatCaptureRecord({ seq: 1, received_at: '2026-05-14T16:20:03.486Z', body: json });
      if (form === 'jwt') return `${base64url.encode('{"alg":"HS256","typ":"JWT"}')}.${base64url.encode(json)}.c2ln`;
      return json;
    });
    let kept = 0;
    await fc.assert(fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
      const { exact, bytes, reading } = await both(`${lines.join('\n')}\n`);
      kept += reading.counts.kept;
      assert.deepEqual(bytes, exact);
    }), { numRuns: 300, seed: 0x5eed_2026 });
    assert.ok(kept >= 5, `chunks kept as read one byte per character: ${kept}`);
  });

  it('stops trying once more chunks were read again than kept (a capture of REST API records, each with its note)', async () => {
    const reading = new ByteReading(latin1Text);
    const record = new Uint8Array(Buffer.from(jsonLines(callEvent({ call_id: '5747322335264768', target: { id: '1', name: 'José' } }))));
    for (let i = 0; i < 10; i++) await analyseChunk({ bytes: record.slice(), last: true }, { byteReading: reading });
    assert.deepEqual(reading.counts, { kept: 0, readAgain: 3 });
  });

  it('reads a score and a disposition by ASCII alone, so bytes and UTF-16 text agree', () => {
    const facts = (overrides: Record<string, unknown>) => summarizeCallEvent(0, callEvent({ state: 'csat', ...overrides }))!.facts;
    assert.equal(facts({ csat_score: ' 4\n' })?.csatScore, 4);
    assert.equal(facts({ csat_score: '4\u00a0' })?.csatScore, undefined, 'a no-break space is not JSON white space');
    assert.deepEqual(facts({ call_dispositions: [{ code: 7 }, { code: 'é' }, { code: 'x'.repeat(200) }] })?.dispositions,
      ['{"code":7}', '(a disposition without a name)', '(a disposition without a name)']);
  });

  it('passes every text a summary keeps through the function that decodes them', () => {
    const summary = summarizeCallEvent(0, callEvent({
      master_call_id: 1, entry_point_call_id: 2, operator_call_id: 3, target: { id: 1, name: 'a', phone: '+14155550100', type: 'user' },
      contact: { id: 2, name: 'b', phone: '+14155550101', type: 'contact' }, external_number: '+14155550102', entry_point_target: { name: 'c', type: 'office' },
      csat_score: 4, voicemail_link: 'v', recording_url: ['r'], transcription_text: 't', recap_summary: 's', recap_outcome: 'o', call_dispositions: ['d'], hold_time: 1,
    }), undefined, (t) => `«${t}`)!;
    // Every text in it, found by walking the object (not by the code under test).
    const texts: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
    };
    walk(summary);
    assert.ok(texts.length >= 20, `${texts.length} texts`);
    // Ids are digits by construction; the direction is one of two words the summary writes itself.
    const ids = [summary.callId, summary.masterCallId, summary.entryPointCallId, summary.operatorCallId];
    assert.deepEqual(texts.filter((t) => !t.startsWith('«') && t !== 'inbound' && !ids.includes(t)), []);
    assert.ok(ids.every((id) => id !== null && /^\d+$/.test(id)));
  });
});
