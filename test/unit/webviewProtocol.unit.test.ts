// The webview's half of the protocol: the host messages it accepts and its saved state read back.
import * as assert from 'node:assert/strict';
import { isHostMessage, readSavedState, REMEMBERED_DOCUMENTS, rememberedFlows, rememberFlows } from '../../src/shared/webviewProtocol';

describe('webview protocol', () => {
  it('accepts the host\'s three message types and nothing else', () => {
    for (const type of ['update', 'highlight', 'exported']) assert.equal(isHostMessage({ type }), true, type);
    for (const data of [null, 'update', { type: 'reveal' }, { type: 'toString' }, { type: '__proto__' }, {}]) assert.equal(isHostMessage(data), false, JSON.stringify(data));
  });

  it('reads the saved state back, dropping what is not of its shape', () => {
    assert.deepEqual(readSavedState({ selected: ['1', 2, '3'], query: 'x', document: 'file:///a' }), { selected: ['1', '3'], query: 'x', document: 'file:///a' });
    assert.deepEqual(readSavedState({ selected: [], query: 5, document: 7 }), { selected: [], query: '' });
    assert.equal(readSavedState(undefined), undefined);
    assert.equal(readSavedState({ query: 'x' }), undefined);
    assert.equal(readSavedState('state'), undefined);
  });

  it('keeps the ladder view and the flows chosen in each document, dropping what is not of their shape', () => {
    const raw = {
      selected: ['1'], query: '', view: 'ladder',
      flowsByDocument: { 'file:///a.jsonl': ['1', 2], 'file:///b.jsonl': 'x', 'file:///c.jsonl': [] },
    };
    assert.deepEqual(readSavedState(raw), { selected: ['1'], query: '', view: 'ladder', flowsByDocument: { 'file:///a.jsonl': ['1'], 'file:///c.jsonl': [] } });
    assert.deepEqual(readSavedState({ selected: [], query: '', view: 'map', flowsByDocument: ['1'] }), { selected: [], query: '' });
    // A document shown again becomes the most recent; only the last 20 are kept.
    let byDocument: Record<string, string[]> = {};
    for (let i = 0; i < 25; i++) byDocument = rememberFlows(byDocument, `file:///${i}.jsonl`, [String(i)]);
    byDocument = rememberFlows(byDocument, 'file:///10.jsonl', ['ten']);
    assert.equal(Object.keys(byDocument).length, REMEMBERED_DOCUMENTS);
    assert.deepEqual(Object.keys(byDocument).slice(-2), ['file:///24.jsonl', 'file:///10.jsonl']);
    assert.deepEqual(rememberedFlows(byDocument, 'file:///10.jsonl'), ['ten']);
    assert.equal(rememberedFlows(byDocument, 'file:///4.jsonl'), undefined, 'the oldest are forgotten');
    assert.equal(rememberedFlows(byDocument, '__proto__'), undefined);
  });

  it('a pin survives a window reload: what the webview saves, kept as JSON by VS Code, the host reads back pinned to its document', () => {
    // What App.save() writes when pinned (the host's revive reads it with readSavedState, as here).
    const saved = { selected: ['4611909857034240'], query: '', document: 'file:///work/transfer.jsonl', pinned: true, flowsByDocument: { 'file:///work/transfer.jsonl': ['4611909857034240'] } };
    const restored = readSavedState(JSON.parse(JSON.stringify(saved)));
    assert.equal(restored?.document, 'file:///work/transfer.jsonl');
    assert.equal(restored?.pinned, true);
    // Unpinned, the state says nothing of a pin; a pin of another type is no pin.
    assert.equal(readSavedState({ ...saved, pinned: undefined })?.pinned, undefined);
    assert.equal(readSavedState({ ...saved, pinned: 'true' })?.pinned, undefined);
  });
});
