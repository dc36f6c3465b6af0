// The webview's half of the protocol: the host messages it accepts and its saved state read back.
import * as assert from 'node:assert/strict';
import { isHostMessage, readSavedState } from '../../src/shared/webviewProtocol';

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
});
