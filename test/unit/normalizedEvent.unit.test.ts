// The compare view's text of an event (issue 14): sorted, indented, exact, times annotated in UTC.
import * as assert from 'node:assert/strict';
import { normalizedEvent } from '../../src/core/normalizedEvent';
import { MAX_DEPTH } from '../../src/core/scan';

describe('normalizedEvent', () => {
  it('sorts keys at every level, indents by two spaces and keeps list order', () => {
    assert.equal(normalizedEvent('{"state":"ringing","call_id":1,"target":{"type":"user","id":5},"list":[3,1],"empty":{},"none":[]}'), [
      '{',
      '  "call_id": 1,',
      '  "empty": {},',
      '  "list": [',
      '    3,',
      '    1',
      '  ],',
      '  "none": [],',
      '  "state": "ringing",',
      '  "target": {',
      '    "id": 5,',
      '    "type": "user"',
      '  }',
      '}',
      '',
    ].join('\n'));
  });

  it('follows each timestamp with its UTC time as a line comment, after the comma', () => {
    // 1767225600000 ms is 2026-01-01T00:00:00Z; 1767225661 s is a minute and a second later.
    assert.equal(normalizedEvent('{"date_started":1767225600000,"date_ended":"1767225600500","iat":1767225661,"talk_time":1767225600000}'), [
      '{',
      '  "date_ended": "1767225600500", // UTC 2026-01-01T00:00:00.500Z',
      '  "date_started": 1767225600000, // UTC 2026-01-01T00:00:00.000Z',
      '  "iat": 1767225661, // UTC 2026-01-01T00:01:01.000Z',
      '  "talk_time": 1767225600000',
      '}',
      '',
    ].join('\n'));
  });

  it('annotates nested documented timestamps and leaves null, 0 and text alone', () => {
    assert.equal(normalizedEvent('{"routing_breadcrumbs":[{"date":1767225600000}],"date_connected":null,"date_rang":0,"date_queued":"soon"}'), [
      '{',
      '  "date_connected": null,',
      '  "date_queued": "soon",',
      '  "date_rang": 0,',
      '  "routing_breadcrumbs": [',
      '    {',
      '      "date": 1767225600000 // UTC 2026-01-01T00:00:00.000Z',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n'));
  });

  it('keeps every digit of an id beyond 2^53 and escapes characters that could mislead a reader', () => {
    assert.equal(normalizedEvent('{"call_id":9007199254740993,"contact":{"name":"a\u202eb"}}'),
      '{\n  "call_id": 9007199254740993,\n  "contact": {\n    "name": "a\\u202eb"\n  }\n}\n');
  });

  it('sorts keys that look like numbers as text too (object order would put them first)', () => {
    assert.equal(normalizedEvent('{"b":1,"10":2,"9":3}'), '{\n  "10": 2,\n  "9": 3,\n  "b": 1\n}\n');
  });

  it('gives undefined for text that is not JSON, or nests deeper than the reader reads', () => {
    assert.equal(normalizedEvent('{"a":'), undefined);
    assert.equal(normalizedEvent(`${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`), undefined);
  });
});
