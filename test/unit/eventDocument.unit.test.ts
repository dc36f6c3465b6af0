// One parsed view of an event's JSON with its document offsets, for a plain event and a capture record's escaped body.
import * as assert from 'node:assert/strict';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { parseEventDocument } from '../../src/core/eventDocument';
import { inspectDocument } from '../../src/core/inspect';
import { MAX_DEPTH, nestedTooDeep } from '../../src/core/scan';

describe('event documents', () => {
  it('finds the node under a document offset of a plain event, and maps it back to its document range', async () => {
    const text = '{"call_id": 12, "state": "hangup"}\n';
    const inspection = await inspectDocument(text);
    const json = parseEventDocument(text, inspection.events[0]!)!;
    const at = text.indexOf('"hangup"') + 2;
    const node = json.getNodeFromOffset(at)!;
    assert.equal(node.value, 'hangup');
    assert.deepEqual(json.rangeOf(node), { start: text.indexOf('"hangup"'), end: text.indexOf('"hangup"') + 8 });
    assert.equal(json.getNodeFromOffset(text.length - 1), undefined, 'the line break is outside the event\'s JSON');
  });

  it('reads a capture record\'s body through its escapes, both ways', async () => {
    const text = `${formatCaptureRecord({ received_at: '2026-11-25T10:00:00.000Z', body: '{"state":"hangup","call_id":7}' })}\n`;
    const inspection = await inspectDocument(text);
    const json = parseEventDocument(text, inspection.events[0]!)!;
    // In the document the body's quotes are written \", so "hangup" is \"hangup\" there.
    const written = text.indexOf('\\"hangup\\"');
    const node = json.getNodeFromOffset(written + 3)!;
    assert.equal(node.value, 'hangup');
    assert.deepEqual(json.rangeOf(node), { start: written, end: written + '\\"hangup\\"'.length });
    assert.equal(json.getNodeFromOffset(text.indexOf('received_at')), undefined, 'the record\'s own fields are not the event');
  });

  it('refuses JSON nested deeper than MAX_DEPTH before parsing it, and only that', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
    const limit = `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`;
    assert.equal(nestedTooDeep(deep), true);
    assert.equal(nestedTooDeep(`  ${deep}`), true);
    assert.equal(nestedTooDeep(limit), false);
    assert.equal(nestedTooDeep('"[[[["'), false);
    assert.equal(nestedTooDeep(''), false);
    const text = `{"a":${deep}}`;
    assert.equal(parseEventDocument(text, { payload: 'json', textStart: 0, textEnd: text.length, escaped: false }), undefined);
  });
});
