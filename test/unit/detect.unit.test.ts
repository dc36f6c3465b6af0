import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { looksLikeCapture } from '../../src/core/detect';
import { callEvent, jsonLines, ROOT, sample } from './helpers';

describe('recognising a capture from its content', () => {
  it('every sample and every shape of capture is recognised', async () => {
    for (const file of fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => /\.jsonl?$/.test(f))) {
      assert.equal(looksLikeCapture(sample(file)), true, file);
    }
    const event = callEvent();
    const token = await new SignJWT(event).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('s'));
    const shapes = [
      JSON.stringify(event, null, 2),
      JSON.stringify([event]),
      jsonLines(event, event),
      `${token}\n${token}\n`,
      `["${token}"]`,
      `${formatCaptureRecord({ received_at: '2026-11-25T10:00:00Z', body: 'not even json' })}\n`,
    ];
    for (const text of shapes) assert.equal(looksLikeCapture(text), true, text.slice(0, 60));
  });

  it('ordinary JSON and text files are left alone', () => {
    const others = [
      fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
      fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'),
      '{"name": "x", "state": "draft", "version": "1.0.0"}',
      '{"editor.fontSize": 14, "files.exclude": {"**/.git": true}}',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl\n',
      'plain text\nwith lines\n',
      '',
    ];
    for (const text of others) assert.equal(looksLikeCapture(text), false, text.slice(0, 60));
  });

  it('looks only at the start of a file', () => {
    const padding = `${JSON.stringify({ filler: 'x'.repeat(9000) })}\n`;
    assert.equal(looksLikeCapture(padding + jsonLines(callEvent())), false);
  });
});
