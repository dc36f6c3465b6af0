// The one pretty-printer of JSON text (JWT claims in the hover and in the decoded-JWT editor).
import * as assert from 'node:assert/strict';
import { MAX_PRETTY_JSON, prettyJson } from '../../src/core/jsonText';
import { MAX_DEPTH } from '../../src/core/scan';

describe('prettyJson', () => {
  it('indents by two spaces from the text itself, so an id beyond 2^53 keeps every digit', () => {
    assert.deepEqual(prettyJson('{"call_id":9007199254740993,"a":[1]}'), {
      text: '{\n  "call_id": 9007199254740993,\n  "a": [\n    1\n  ]\n}', cut: false,
    });
  });

  it('leaves text nested deeper than MAX_DEPTH as written', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
    assert.deepEqual(prettyJson(deep), { text: deep, cut: false });
  });

  it('indents only the head of a long text, and says so', () => {
    const long = `{"a":"${'x'.repeat(MAX_PRETTY_JSON)}"}`;
    const { text, cut } = prettyJson(long);
    assert.equal(cut, true);
    assert.ok(text.length <= MAX_PRETTY_JSON + 8, `${text.length}`);
  });
});
