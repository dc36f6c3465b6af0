import * as assert from 'node:assert/strict';
import { besideColumn, panelColumn } from '../../src/panel/panelColumn';

describe('the call graph panel\'s column', () => {
  it('opens in the second column beside a capture in the first, in the first beside one in the second, never a third', () => {
    assert.equal(panelColumn(1), 2);
    assert.equal(panelColumn(2), 1);
    assert.equal(panelColumn(3), 2);
    assert.equal(panelColumn(undefined), 2);
  });

  it('a document shown beside goes to the other of the first two columns, and to the first when no editor is open', () => {
    assert.equal(besideColumn(1), 2);
    assert.equal(besideColumn(2), 1);
    assert.equal(besideColumn(3), 2);
    assert.equal(besideColumn(undefined), 1);
  });
});
