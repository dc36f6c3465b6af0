import * as assert from 'node:assert/strict';
import { resolveProblems, type LocatableEvent } from '../../src/core/locate';
import type { PendingProblem } from '../../src/core/problems';

describe('locating problems', () => {
  const lines = ['{"call_id":"x","state":"ring"}', '{"call_id":2,"state":7}'];
  const document = `${lines.join('\n')}\n`;
  const events: LocatableEvent[] = lines.map((line) => {
    const start = document.indexOf(line);
    return { start, end: start + line.length, payload: 'json', textStart: start, textEnd: start + line.length, escaped: false };
  });
  const at = (event: number, path: string[]): PendingProblem => ({ at: { kind: 'path', event, path }, severity: 'error', code: 'schema.type', message: path.join('.') });
  /** Where a token is in the document, found by searching for it (not by the code under test). */
  const token = (line: number, text: string) => {
    const start = document.indexOf(text, events[line]!.start);
    return [start, start + text.length];
  };

  it('locates each problem in its own event, also when an event\'s problems do not come together (a JWT\'s come last)', () => {
    const pending = [at(0, ['call_id']), at(1, ['state']), at(0, ['state']), at(1, ['call_id']), at(0, ['missing'])];
    const located = resolveProblems(document, events, pending);
    assert.deepEqual(located.map((p) => [p.start, p.end, p.event, p.message]), [
      [...token(0, '"x"'), 0, 'call_id'],
      [...token(1, '7'), 1, 'state'],
      [...token(0, '"ring"'), 0, 'state'],
      [...token(1, '2'), 1, 'call_id'],
      // A missing field is reported on its object's opening brace.
      [events[0]!.start, events[0]!.start + 1, 0, 'missing'],
    ]);
  });

  it('keeps every problem\'s fields, a suggestion only where there is one', () => {
    const pending: PendingProblem[] = [
      { ...at(0, ['state']), suggestion: 'ringing' },
      { at: { kind: 'range', start: 3, end: 5 }, severity: 'warning', code: 'json.duplicate-key', message: 'range' },
    ];
    const [path, range] = resolveProblems(document, events, pending);
    assert.deepEqual(path, { start: token(0, '"ring"')[0], end: token(0, '"ring"')[1], severity: 'error', code: 'schema.type', message: 'state', event: 0, suggestion: 'ringing' });
    assert.deepEqual(range, { start: 3, end: 5, severity: 'warning', code: 'json.duplicate-key', message: 'range' });
  });
});
