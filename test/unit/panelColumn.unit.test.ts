import * as assert from 'node:assert/strict';
import { panelColumn } from '../../src/panel/panelColumn';

describe('the call graph panel\'s column', () => {
  it('opens in the second column beside a capture in the first, in the first beside one in the second, never a third', () => {
    assert.equal(panelColumn(1), 2);
    assert.equal(panelColumn(2), 1);
    assert.equal(panelColumn(3), 2);
    assert.equal(panelColumn(undefined), 2);
  });
});
