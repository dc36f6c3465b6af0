import * as assert from 'node:assert/strict';
import { roleLabel } from '../../src/core/roles';

describe('role labels', () => {
  it('name the role, the monitor kind when it says more, and an unproven role', () => {
    const cases: [Parameters<typeof roleLabel>[0], string][] = [
      [{ role: 'entry_point', monitorKind: null, roleConfirmed: true }, 'entry point'],
      [{ role: 'operator', monitorKind: null, roleConfirmed: true }, 'operator'],
      [{ role: 'operator', monitorKind: null, roleConfirmed: false }, 'operator (unconfirmed)'],
      [{ role: 'monitor', monitorKind: 'monitor', roleConfirmed: true }, 'monitor'],
      [{ role: 'monitor', monitorKind: 'barge', roleConfirmed: true }, 'monitor (barge)'],
      [{ role: 'monitor', monitorKind: 'eavesdrop', roleConfirmed: true }, 'monitor (eavesdrop)'],
      [{ role: 'direct', monitorKind: null, roleConfirmed: true }, 'direct'],
    ];
    for (const [leg, label] of cases) assert.equal(roleLabel(leg), label);
  });
});
