// The one rule for the event under an offset: [start, end], both ends included; a shared boundary goes to the later event.
import * as assert from 'node:assert/strict';
import { eventAt } from '../../src/core/eventAt';
import { inspectDocument } from '../../src/core/inspect';
import { callEvent } from './helpers';

describe('eventAt', () => {
  it('finds the event whose line covers an offset', () => {
    const events = [{ start: 0, end: 10 }, { start: 11, end: 20 }];
    assert.equal(eventAt(events, 5), events[0]);
    assert.equal(eventAt(events, 10), events[0]);
    assert.equal(eventAt(events, 15), events[1]);
    assert.equal(eventAt(events, 25), undefined);
    assert.equal(eventAt([], 0), undefined);
  });

  it('covers both ends of an event, and nothing between two events', () => {
    const events = [{ start: 2, end: 5 }, { start: 8, end: 9 }];
    assert.equal(eventAt(events, 1), undefined);
    assert.equal(eventAt(events, 2), events[0]);
    assert.equal(eventAt(events, 5), events[0]);
    assert.equal(eventAt(events, 6), undefined);
    assert.equal(eventAt(events, 7), undefined);
    assert.equal(eventAt(events, 8), events[1]);
    assert.equal(eventAt(events, 9), events[1]);
    assert.equal(eventAt(events, 10), undefined);
  });

  it('gives an offset where one event ends and the next starts to the next', () => {
    const events = [{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 12 }];
    assert.equal(eventAt(events, 4), events[1]);
    assert.equal(eventAt(events, 8), events[2]);
    assert.equal(eventAt(events, 12), events[2]);
  });

  it('finds an empty event at its one offset', () => {
    const events = [{ start: 0, end: 3 }, { start: 5, end: 5 }, { start: 7, end: 9 }];
    assert.equal(eventAt(events, 5), events[1]);
    assert.equal(eventAt(events, 4), undefined);
    assert.equal(eventAt(events, 6), undefined);
  });

  it('finds each line of a JSON Lines capture, up to the end of the line', async () => {
    const first = JSON.stringify(callEvent({ call_id: 1 })), second = JSON.stringify(callEvent({ call_id: 2 }));
    const text = `${first}\n${second}\n`;
    const { events } = await inspectDocument(text);
    assert.equal(eventAt(events, 0)?.index, 0);
    assert.equal(eventAt(events, first.length)?.index, 0, 'the cursor after the closing brace is still on the first event');
    assert.equal(eventAt(events, first.length + 1)?.index, 1);
    assert.equal(eventAt(events, text.length - 1)?.index, 1);
    assert.equal(eventAt(events, text.length), undefined, 'the empty last line is no event');
  });
});
