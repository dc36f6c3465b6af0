// The one renderer of untrusted text: what each medium gets, and that no untrusted string reaches
// the CLI's output with a control or bidi character in it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { base64url } from 'jose';
import { main } from '../../src/cli';
import { requestLine } from '../../src/cli/listen';
import { inspectDocument } from '../../src/core/inspect';
import { forLabel, forTerminal, forTerminalLines, shorten, toSafeJson } from '../../src/shared/untrustedText';
import { callEvent, jsonLines } from './helpers';

/** Anything a terminal could act on or misread: C0 but \n and \t, DEL, C1, bidi, zero-width, separators, lone surrogates. Written out here, not imported. */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const HOSTILE = ['\u001b[2J', '\u001b]52;c;aGk=\u0007', '\u009b31m', '\u202e', '\u2066', '\u200b', '\u200d', '\u2060', '\ufeff', '\u061c', '\u2028', '\u2029', '\u007f', '\u0000', '\r', '\n', '\t', '\ud800', '\udc00', '😀', 'é'];
/** Strings mixing the hostile pieces with any code point at all (lone surrogates included). */
const hostileString = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

describe('untrusted text', () => {
  describe('forTerminal', () => {
    it('shows every control, bidi and zero-width character as a visible escape', () => {
      assert.equal(forTerminal('a\u001b[2Jb'), 'a\\x1b[2Jb');
      assert.equal(forTerminal('\u001b]52;c;aGk=\u0007'), '\\x1b]52;c;aGk=\\x07');
      assert.equal(forTerminal('\u009b31m'), '\\x9b31m');
      assert.equal(forTerminal('\u007f\u0000'), '\\x7f\\x00');
      assert.equal(forTerminal('Eve\u202egnp.exe'), 'Eve\\u202egnp.exe');
      assert.equal(forTerminal('\u061c\u200e\u200f\u202a\u202d\u2066\u2069'), '\\u061c\\u200e\\u200f\\u202a\\u202d\\u2066\\u2069');
      assert.equal(forTerminal('a\u200bb\u200cc\u200dd\u2060e\u2063f\ufeff'), 'a\\u200bb\\u200cc\\u200dd\\u2060e\\u2063f\\ufeff');
      assert.equal(forTerminal('a\u2028b\u2029c'), 'a\\u2028b\\u2029c');
      assert.equal(forTerminal('a\r\nb\tc'), 'a\\r\\nb\\tc');
    });

    it('keeps surrogate pairs and other text, and escapes lone surrogates', () => {
      assert.equal(forTerminal('Grace 😀 Liu, Gonçalves, 李'), 'Grace 😀 Liu, Gonçalves, 李');
      assert.equal(forTerminal('a\ud800b'), 'a\\ud800b');
      assert.equal(forTerminal('a\udc00b'), 'a\\udc00b');
      assert.equal(forTerminal('\udc00\ud800'), '\\udc00\\ud800');
    });

    it('shortens to max units without cutting an escape or a surrogate pair', () => {
      assert.equal(forTerminal('abcdef', 4), 'abc…');
      assert.equal(forTerminal('ab\u001bcdef', 5), 'ab…');
      assert.equal(forTerminal('ab\u001bcdef', 7), 'ab\\x1b…');
      assert.equal(forTerminal('ab😀cd', 4), 'ab…');
      assert.equal(forTerminal('ab😀cd', 5), 'ab😀…');
      assert.equal(forTerminal('\u001b'.repeat(100), 10), '\\x1b\\x1b…');
    });
  });

  it('shorten never splits a surrogate pair and keeps at least one unit', () => {
    assert.equal(shorten('abc', 3), 'abc');
    assert.equal(shorten('abcd', 3), 'ab…');
    assert.equal(shorten('a😀b', 3), 'a…');
    assert.equal(shorten('abcd', 0), 'a…');
  });

  it('forTerminalLines keeps line breaks as structure', () => {
    assert.equal(forTerminalLines('one\u001b[2J\ntwo\u202e'), 'one\\x1b[2J\ntwo\\u202e');
  });

  it('forLabel turns unsafe characters into spaces, collapses them, and is null when nothing is left', () => {
    assert.equal(forLabel('Eve\u202egnp.exe\u0007', 40), 'Eve gnp.exe');
    assert.equal(forLabel('a\n\n\tb', 40), 'a b');
    assert.equal(forLabel('\u200b\u2028 ', 40), null);
    assert.equal(forLabel('x'.repeat(50), 10), `${'x'.repeat(9)}…`);
  });

  it('toSafeJson writes C1, DEL, bidi, zero-width and separators as \\u escapes, and parses back to the same value', () => {
    const value = { s: 'a\u007fb\u009bc\u202ed\u200be\u2028f\u0000g\ud800h😀' };
    assert.equal(toSafeJson(value), '{"s":"a\\u007fb\\u009bc\\u202ed\\u200be\\u2028f\\u0000g\\ud800h😀"}');
    fc.assert(fc.property(fc.jsonValue(), hostileString, (json, text) => {
      const written = toSafeJson({ json, text });
      assert.ok(!FORBIDDEN.test(written), written);
      assert.deepEqual(JSON.parse(written), JSON.parse(JSON.stringify({ json, text })));
    }));
  });

  it('the listener\'s log line escapes what the sender chose: method, path and reason', () => {
    const line = requestLine({
      receivedAt: '2026-05-14T16:20:03.486Z', method: 'P\u001b[2JUT', path: '/hook\u009b31m\u202e', contentType: null, size: 12,
      status: 400, verdict: 'invalid', reason: 'Neither JSON nor a JWT: "\u0007\u2066".', stored: true, latencyMs: 1,
    });
    assert.equal(line, '2026-05-14T16:20:03.486Z P\\x1b[2JUT /hook\\x9b31m\\u202e 12 invalid 400 Neither JSON nor a JWT: "\\x07\\u2066".');
  });

  describe('the CLI output of hostile payloads', () => {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** A capture whose states, names, ids, field names, a non-JSON line and a JWT header carry the strings. */
    function hostileCapture(state: string, name: string, id: string, field: string, line: string, alg: string): string {
      const encode = (text: string) => base64url.encode(new TextEncoder().encode(text));
      const token = `${encode(JSON.stringify({ alg, typ: 'JWT' }))}.${encode(JSON.stringify(callEvent({ call_id: 3, state })))}.c2ln`;
      return jsonLines(
        callEvent({ call_id: 1, state, target: { name, phone: name, type: 'user', id: 7 } }),
        callEvent({ call_id: 2, state: 'hangup', master_call_id: id, [field]: 1, [`${field}x`]: name }),
        callEvent({ call_id: 1, state }),
      ) + `not json ${line}\n${token}\n{"call_id":4,"state":${JSON.stringify(state)},"call_id":${JSON.stringify(id)}}\n`;
    }

    async function run(argv: string[]) {
      const out: string[] = [], err: string[] = [];
      const code = await main(argv, {}, (s) => out.push(s), (s) => err.push(s));
      return { code, out, err };
    }

    it('validate and graph: text without a control or bidi character, JSON that parses back to the same strings', async () => {
      let n = 0;
      await fc.assert(fc.asyncProperty(hostileString, hostileString, hostileString, hostileString, hostileString, hostileString, async (state, name, id, field, line, alg) => {
        const file = path.join(dir, `capture-${n++}.jsonl`);
        const text = hostileCapture(state, name, id, field, line, alg);
        fs.writeFileSync(file, text);

        const plain = await run(['validate', file]);
        for (const written of [...plain.out, ...plain.err]) {
          assert.ok(!FORBIDDEN.test(written), `raw character in ${JSON.stringify(written)}`);
          assert.ok(!written.includes('\n'), 'one line per problem');
        }

        const json = await run(['validate', '--format', 'json', file]);
        assert.equal(json.out.length, 1);
        assert.ok(!FORBIDDEN.test(json.out[0]!));
        const parsed = JSON.parse(json.out[0]!) as { files: { diagnostics: { message: string }[] }[] };
        const expected = (await inspectDocument(fs.readFileSync(file, 'utf8'))).problems.map((p) => p.message);
        assert.deepEqual(parsed.files[0]!.diagnostics.map((d) => d.message), expected);

        const graph = await run(['graph', file]);
        assert.ok(!FORBIDDEN.test(graph.out[0]!));
        const flows = (JSON.parse(graph.out[0]!) as { flows: { legs: { call_id: string; states: string[] }[] }[] }).flows;
        const leg = flows.flatMap((f) => f.legs).find((l) => l.call_id === '1');
        // Two events of call 1 with the hostile state (unless it sorts as something else, the states are exact).
        assert.deepEqual(leg?.states, [state, state]);
      }), { numRuns: 60 });
    });
  });
});
