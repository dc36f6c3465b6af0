// Redact and diff read a capture a chunk at a time (issue 10): the redacted text, its counts and the
// pseudonyms across a run are those of the whole read, and what must be read whole says so first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { addToShape, emptyShape, mergeShape } from '../../src/core/payloadShape';
import { decodedEvents, eachDecodedEvent, redactCaptures, redactSources, type RedactCaptureOptions } from '../../src/core/redactCapture';
import { memorySource } from '../../src/node/fileSource';
import { callEvent, jsonLines, ROOT } from './helpers';

const SAMPLES = path.join(ROOT, 'samples');
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');

/** Redacts the texts a chunk at a time; the written pieces joined per capture. */
async function inChunks(texts: string[], options: RedactCaptureOptions, chunkBytes: number) {
  const written = texts.map(() => [] as string[]);
  const result = await redactSources(texts.map((t) => memorySource(Buffer.from(t))), (source, text) => { written[source]!.push(text); }, { ...options, chunkBytes });
  return { result, texts: written.map((pieces) => pieces.join('')), pieces: written.map((pieces) => pieces.length) };
}

async function assertSameAsWhole(texts: string[], options: RedactCaptureOptions = {}, chunkBytes = 300): Promise<void> {
  const whole = await redactCaptures(texts.map((text) => ({ text })), options);
  const chunked = await inChunks(texts, options, chunkBytes);
  assert.ok(!('whole' in chunked.result), `read whole: ${JSON.stringify(chunked.result)}`);
  assert.ok(chunked.pieces.some((n) => n > 1), 'more than one chunk');
  assert.deepEqual(chunked.texts, whole.map((w) => w.text));
  assert.deepEqual(chunked.result, whole.map(({ format, events, leftOut }) => ({ format, events, leftOut })));
}

describe('redact and diff a chunk at a time', () => {
  it('each sample: the text of the whole read, with --ids too', async () => {
    for (const name of ['call-center.jsonl', 'transfer.jsonl', 'monitored-barge.jsonl', 'voicemail.jsonl', 'vendor-sample-stream.json']) {
      await assertSameAsWhole([sample(name)]);
      await assertSameAsWhole([sample(name)], { ids: true });
    }
  });

  it('several captures as one run: the same person has the same pseudonym in both', async () => {
    const a = jsonLines(callEvent({ call_id: 1, contact: { name: 'Ada Lovelace', phone: '+14155550123' } }), callEvent({ call_id: 2 }));
    const b = jsonLines(callEvent({ call_id: 3, contact: { name: 'Ada Lovelace', phone: '+14155550123' } }));
    await assertSameAsWhole([sample('transfer.jsonl'), a, b], {}, 500);
    const { texts } = await inChunks([a, b], {}, 500);
    const nameIn = (text: string) => (JSON.parse(text.split('\n')[0]!) as { contact: { name: string } }).contact.name;
    assert.equal(nameIn(texts[0]!), nameIn(texts[1]!));
    assert.notEqual(nameIn(texts[0]!), 'Ada Lovelace');
  });

  it('a stream of indented objects stays indented; a bad line is left out and counted', async () => {
    const pretty = [callEvent({ call_id: 11 }), callEvent({ call_id: 12, state: 'ringing' })].map((e) => JSON.stringify(e, null, 2)).join('\n');
    await assertSameAsWhole([`${pretty}\n${JSON.stringify(callEvent({ call_id: 13 }))}\nnot json\n${pretty}\n`], {}, 400);
    // With a JWT line the whole file is mixed: every event on one line, also those of chunks with no JWT.
    const token = await new SignJWT(callEvent({ call_id: 14 })).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('k'));
    await assertSameAsWhole([`${pretty}\n${pretty}\n${pretty}\n${token}\n`], {}, 400);
  });

  it('JWT lines, signed again with the secret (and verified or not as before)', async () => {
    const secret = 'a webhook secret';
    const key = new TextEncoder().encode(secret);
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) tokens.push(await new SignJWT(callEvent({ call_id: 100 + i, contact: { name: 'Grace Hopper' } })).setProtectedHeader({ alg: 'HS256' }).sign(key));
    const text = `${tokens.join('\n')}\n`;
    // Signatures differ run to run (a throwaway key for failed ones): the claims are compared.
    const whole = await redactCaptures([{ text }], {});
    const chunked = await inChunks([text], {}, 400);
    assert.deepEqual(chunked.texts, [whole[0]!.text]);
    const signed = await inChunks([text], { secret }, 400);
    assert.ok(!('whole' in signed.result));
    assert.deepEqual(signed.result, [{ format: 'jwt-lines', events: 6, leftOut: 0 }]);
    assert.equal(signed.texts[0]!.trim().split('\n').length, 6);
  });

  it('an array, a listener capture file and a capture with no event are read whole, before anything is written', async () => {
    const body = JSON.stringify(callEvent());
    const record = formatCaptureRecord({ seq: 1, received_at: '2026-01-01T00:00:00.000Z', status: 200, body });
    for (const text of [`[${body}]\n`, `${record}\n${record}\n`, 'not json\n']) {
      const written: string[] = [];
      const result = await redactSources([memorySource(Buffer.from(text))], (_s, t) => { written.push(t); }, { chunkBytes: 200 });
      assert.ok('whole' in result, JSON.stringify(result));
      assert.deepEqual(written, []);
    }
  });

  it('diff: the shape of the events read a chunk at a time is that of the whole read', async () => {
    for (const name of ['call-center.jsonl', 'vendor-sample-stream.json']) {
      const text = sample(name);
      const whole = emptyShape(), chunked = emptyShape(), merged = emptyShape();
      for (const { value, trusted } of await decodedEvents(text)) if (trusted) addToShape(whole, value);
      assert.equal(await eachDecodedEvent(memorySource(Buffer.from(text)), undefined, (value, trusted) => { if (trusted) addToShape(chunked, value); }, 300), undefined);
      assert.deepEqual(chunked, whole);
      mergeShape(merged, chunked);
      assert.deepEqual(merged, whole);
    }
  });
});
