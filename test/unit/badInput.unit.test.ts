// Bad input, fed both to the core (inspectDocument) and to the built command line (dist/cli.js):
// every case must end with located diagnostics and the documented exit code, never with a crash.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeCapture } from '../../src/core/decode';
import { inspectDocument, type Inspection } from '../../src/core/inspect';
import type { Problem } from '../../src/core/problems';
import { seededRandom as prng } from '../../src/core/seededRandom';
import { callEvent, jsonLines, sample } from './helpers';
import { CLI, ensureBuilt, type DiagnosticJson } from './builtCli';

const DEPTH = 200_000;
const BIG = 20 * 1024 * 1024;

interface CliRun {
  status: number | null;
  stderr: string;
  events: number;
  diagnostics: DiagnosticJson[];
}

let tmp = '';
let fileCount = 0;

/** Writes `content` to a fresh temp file and runs `validate --format json` on it. */
function validateCli(content: string | Uint8Array, name = 'capture.txt'): CliRun {
  const file = path.join(tmp, `${fileCount++}-${name}`);
  fs.writeFileSync(file, content);
  const env = { ...process.env };
  delete env.CALL_EVENTS_SECRET;
  const run = spawnSync(process.execPath, [CLI, 'validate', '--format', 'json', file], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(run.error, undefined, `spawn failed: ${run.error}`);
  assert.equal(run.signal, null, `killed by ${run.signal}; stderr: ${run.stderr.slice(0, 2000)}`);
  assertNoCrash(run.stderr);
  let parsed: { files: { file: string; events: number; diagnostics: DiagnosticJson[] }[] };
  try {
    parsed = JSON.parse(run.stdout) as typeof parsed;
  } catch {
    assert.fail(`stdout is not JSON (exit ${run.status}): ${run.stdout.slice(0, 500)} / stderr: ${run.stderr.slice(0, 500)}`);
  }
  assert.equal(parsed.files.length, 1);
  assert.equal(parsed.files[0]!.file, file);
  return { status: run.status, stderr: run.stderr, events: parsed.files[0]!.events, diagnostics: parsed.files[0]!.diagnostics };
}

function assertNoCrash(stderr: string): void {
  assert.doesNotMatch(stderr, /^ {4}at /m, `stack trace on stderr:\n${stderr.slice(0, 2000)}`);
  assert.doesNotMatch(stderr, /RangeError/, `RangeError on stderr:\n${stderr.slice(0, 2000)}`);
  assert.doesNotMatch(stderr, /internal error/, `internal error on stderr:\n${stderr.slice(0, 2000)}`);
}

/** A problem of an inspection as 1-based line and column, with its code and severity. */
interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: string;
  message: string;
}

function locate(inspection: Inspection, problem: Problem): Located {
  const start = inspection.lines.positionAt(problem.start);
  const end = inspection.lines.positionAt(problem.end);
  return {
    line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
    code: problem.code, severity: problem.severity, message: problem.message,
  };
}

async function inspectLocated(text: string): Promise<{ inspection: Inspection; problems: Located[] }> {
  const inspection = await inspectDocument(text);
  return { inspection, problems: inspection.problems.map((p) => locate(inspection, p)) };
}

/** 1-based line and column (UTF-16 units) of an offset, computed independently of the tool. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

const errorsOf = <T extends { severity: string }>(list: readonly T[]) => list.filter((d) => d.severity === 'error');
const describeAll = (list: readonly { line: number; column: number; code: string; message: string }[]) =>
  list.map((d) => `${d.line}:${d.column} ${d.code} ${d.message.slice(0, 120)}`).join('\n');

/**
 * Where the first byte that makes a file binary is, as an offset in the decoded text: the first NUL or the first
 * byte that is not UTF-8. Computed with a replacing decoder (U+FFFD marks the first bad byte), not with the tool.
 */
function firstBadPosition(bytes: Uint8Array): { offset: number; text: string } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const found = [text.indexOf('\uFFFD'), text.indexOf('\0')].filter((i) => i >= 0);
  assert.ok(found.length > 0, 'test data: the bytes have neither a NUL nor a bad UTF-8 sequence');
  assert.ok(!Buffer.from(bytes).includes(Buffer.from([0xef, 0xbf, 0xbd])), 'test data: a genuine U+FFFD would confuse the oracle');
  return { offset: Math.min(...found), text };
}

/** Checks the single input.binary error, in the core and in the CLI, against the independently computed position. */
async function checkBinary(bytes: Uint8Array): Promise<void> {
  const { offset, text: oracleText } = firstBadPosition(bytes);
  const expected = lineColumn(oracleText, offset);

  const decoded = decodeCapture(bytes).text;
  const { problems } = await inspectLocated(decoded);
  const binary = problems.filter((p) => p.code === 'input.binary');
  assert.equal(binary.length, 1, describeAll(problems));
  assert.equal(binary[0]!.severity, 'error');
  assert.deepEqual({ line: binary[0]!.line, column: binary[0]!.column }, expected);
  // Nothing after the bad byte is read, so nothing after it is reported.
  for (const p of problems) assert.ok(p.line < expected.line || (p.line === expected.line && p.column <= expected.column), `reported after the binary byte: ${describeAll([p])}`);

  const cli = validateCli(bytes, 'binary.bin');
  assert.equal(cli.status, 1, describeAll(cli.diagnostics));
  const cliBinary = cli.diagnostics.filter((d) => d.code === 'input.binary');
  assert.equal(cliBinary.length, 1, describeAll(cli.diagnostics));
  assert.equal(cliBinary[0]!.severity, 'error');
  assert.deepEqual({ line: cliBinary[0]!.line, column: cliBinary[0]!.column }, expected);
}

/** A valid one-line event with `"deep": <value>` as its last field. */
function eventWithField(value: string): string {
  const json = JSON.stringify(callEvent());
  return `${json.slice(0, -1)},"deep":${value}}`;
}

const deepArray = () => '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = () => '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

// ---------------------------------------------------------------------------------------------

describe('bad input: the core and the CLI report it, located, and never crash', () => {
  before(function () {
    this.timeout(120_000);
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-bad-input-'));
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('binary files', () => {
    it('random bytes with NULs: input.binary at the first bad byte', async () => {
      const random = prng(0xc0ffee);
      const bytes = new Uint8Array(4096);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      for (let i = 100; i < bytes.length; i += 97) bytes[i] = 0;
      await checkBinary(bytes);
    });

    it('mostly text, then a NUL on a later line: input.binary at that line and column (UTF-16 columns)', async () => {
      const head = Buffer.from(`${JSON.stringify(callEvent())}\nnot an event\n  ab\u00e9\ud83d\ude00cd`, 'utf8');
      const random = prng(7);
      const tail = Buffer.from(Array.from({ length: 512 }, () => Math.floor(random() * 256)));
      const bytes = Buffer.concat([head, Buffer.from([0]), tail]);
      await checkBinary(bytes);
      // Independently: line 3, after two spaces, "ab", "é" (1 unit), "😀" (2 units), "cd" → column 10.
      assert.deepEqual(lineColumn(firstBadPosition(bytes).text, firstBadPosition(bytes).offset), { line: 3, column: 10 });
    });

    it('random text-like bytes (ASCII, multi-byte characters, newlines) with NULs: input.binary where the first bad byte is', async () => {
      const random = prng(42);
      const pieces: Buffer[] = [];
      for (let i = 0; i < 3000; i++) {
        const r = random();
        if (r < 0.6) pieces.push(Buffer.from([0x20 + Math.floor(random() * 95)]));
        else if (r < 0.7) pieces.push(Buffer.from('\n'));
        else if (r < 0.8) pieces.push(Buffer.from(['é', '€', '😀', 'ß', '中'][Math.floor(random() * 5)]!, 'utf8'));
        else if (r < 0.999) pieces.push(Buffer.from('{"a":1}', 'utf8'));
        else pieces.push(Buffer.from([0]));
      }
      pieces.push(Buffer.from([0]));
      await checkBinary(Buffer.concat(pieces));
    });

    it('invalid UTF-8 without any NUL: input.binary at the first bad byte', async () => {
      const head = Buffer.from(`${JSON.stringify(callEvent())}\n{"x": "caf\u00e9 \ud83d\ude00`, 'utf8');
      const random = prng(99);
      const tail = Buffer.from(Array.from({ length: 1000 }, () => 0x80 + Math.floor(random() * 128)));
      const bytes = Buffer.concat([head, Buffer.from([0xff, 0xfe]), tail]);
      assert.ok(!bytes.includes(0));
      await checkBinary(bytes);
      const { offset, text } = firstBadPosition(bytes);
      assert.deepEqual(lineColumn(text, offset), { line: 2, column: 15 });
    });

    it('invalid UTF-8 sequences of several kinds (lone continuation, overlong, surrogate, truncated) are each found', async () => {
      for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xf5]]) {
        const bytes = Buffer.concat([Buffer.from('{"call_id": 1}\nabc ', 'utf8'), Buffer.from(bad), Buffer.from(' def\n', 'utf8')]);
        await checkBinary(bytes);
      }
    });

    it('a NUL given straight to inspectDocument is input.binary at its offset', async () => {
      const text = `${jsonLines(callEvent())}ab\0cd\n${jsonLines(callEvent())}`;
      const { inspection, problems } = await inspectLocated(text);
      const binary = problems.filter((p) => p.code === 'input.binary');
      assert.equal(binary.length, 1);
      assert.deepEqual({ line: binary[0]!.line, column: binary[0]!.column, severity: binary[0]!.severity }, { line: 2, column: 3, severity: 'error' });
      assert.equal(inspection.events.length, 1, 'the event after the NUL is not read');
    });
  });

  describe('empty input', () => {
    const cases: [string, string][] = [
      ['an empty file', ''],
      ['a whitespace-only file', ' \n\t\r\n   \n\n'],
      ['a file holding only a byte-order mark', '\ufeff'],
    ];
    for (const [name, text] of cases) {
      it(`${name}: no error, exit 0, 0 events`, async () => {
        const { inspection, problems } = await inspectLocated(text);
        assert.equal(inspection.events.length, 0);
        assert.deepEqual(errorsOf(problems), []);
        assert.deepEqual(problems.filter((p) => p.severity === 'warning'), []);
        const cli = validateCli(text);
        assert.equal(cli.status, 0, describeAll(cli.diagnostics));
        assert.equal(cli.events, 0);
        assert.deepEqual(errorsOf(cli.diagnostics), []);
        for (const d of cli.diagnostics) assert.deepEqual([d.line, d.column], [1, 1], 'a note about an empty file sits at its start');
      });
    }
  });

  describe('200,000 levels of nesting', () => {
    it('[[[[...]]]] at top level: syntax.too-deep at 1:1, exit 1', async () => {
      const text = deepArray();
      const { inspection, problems } = await inspectLocated(text);
      assert.deepEqual(problems.map((p) => [p.code, p.severity, p.line, p.column]), [['syntax.too-deep', 'error', 1, 1]]);
      assert.equal(inspection.events.length, 0);
      const cli = validateCli(text);
      assert.equal(cli.status, 1);
      assert.deepEqual(cli.diagnostics.map((d) => [d.code, d.severity, d.line, d.column]), [['syntax.too-deep', 'error', 1, 1]]);
      assert.equal(cli.events, 0);
    });

    it('{"a":{"a":...}} at top level on one line: syntax.too-deep at 1:1, exit 1, no event', async () => {
      const text = deepObject();
      const { inspection, problems } = await inspectLocated(text);
      assert.deepEqual(errorsOf(problems).map((p) => [p.code, p.line, p.column]), [['syntax.too-deep', 1, 1]], describeAll(problems));
      assert.equal(inspection.events.length, 0);
      const cli = validateCli(text);
      assert.equal(cli.status, 1);
      assert.deepEqual(errorsOf(cli.diagnostics).map((d) => [d.code, d.line, d.column]), [['syntax.too-deep', 1, 1]], describeAll(cli.diagnostics));
      assert.equal(cli.events, 0);
    });

    it('unclosed [[[[... and {"a":{"a":... at top level: syntax.too-deep at 1:1, exit 1', async () => {
      for (const text of ['['.repeat(DEPTH), '{"a":'.repeat(DEPTH)]) {
        const { problems } = await inspectLocated(text);
        assert.deepEqual(errorsOf(problems).map((p) => [p.code, p.line, p.column]), [['syntax.too-deep', 1, 1]], describeAll(problems));
        const cli = validateCli(text);
        assert.equal(cli.status, 1);
        assert.deepEqual(errorsOf(cli.diagnostics).map((d) => [d.code, d.line, d.column]), [['syntax.too-deep', 1, 1]]);
      }
    });

    it('{"a":\\n{"a":\\n... pretty-printed over 200,000 lines: one syntax.too-deep for the value, not one per line', async () => {
      const text = '{"a":\n'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH) + '\n';
      const { inspection, problems } = await inspectLocated(text);
      const tooDeep = problems.filter((p) => p.code === 'syntax.too-deep');
      assert.ok(tooDeep.length >= 1, describeAll(problems.slice(0, 5)));
      assert.deepEqual([tooDeep[0]!.line, tooDeep[0]!.column], [1, 1]);
      assert.ok(problems.length <= 3, `${problems.length} problems for one over-deep value; first ones:\n${describeAll(problems.slice(0, 5))}`);
      assert.equal(inspection.events.length, 0, 'the inside of a refused value is not read as events');
    });

    for (const [name, value] of [['[[[[...]]]]', deepArray], ['{"a":{"a":...}}', deepObject]] as const) {
      it(`${name} as the value of a field in an otherwise valid one-line event: no crash, consistent verdict, the next event is read`, async () => {
        const deepLine = eventWithField(value());
        const text = `${JSON.stringify(callEvent({ state: 'ringing', date_ended: null, duration: null, total_duration: null }))}\n${deepLine}\n${JSON.stringify(callEvent({ call_id: 6580619776884736 }))}\n`;
        const { inspection, problems } = await inspectLocated(text);
        const cli = validateCli(text, 'deep-field.jsonl');
        assert.equal(cli.status, errorsOf(cli.diagnostics).length > 0 ? 1 : 0, 'exit code follows the diagnostics');
        assert.equal(cli.events, inspection.events.length);
        // The events around the deep one are read whatever is decided about it.
        const callIds = inspection.events.map((e) => e.summary?.callId);
        assert.ok(callIds.includes('6580619776884736'), `the event after the deep one is read: ${callIds.join(', ')}`);
        // Whatever the verdict, it is about line 2 and only line 2.
        for (const p of [...problems, ...cli.diagnostics]) assert.equal(p.line, 2, describeAll([p]));
        const tooDeep = problems.filter((p) => p.code === 'syntax.too-deep');
        if (tooDeep.length > 0) {
          // Refused: then it is an error on line 2 and the event is not counted.
          assert.equal(inspection.events.length, 2);
          assert.equal(cli.status, 1);
        } else {
          // Read: then the event counts and the unknown field "deep" is named.
          assert.equal(inspection.events.length, 3);
          assert.ok(problems.some((p) => p.message.includes('"deep"')), describeAll(problems));
        }
        for (const p of [...problems, ...cli.diagnostics]) assert.ok(p.message.length < 400);
      });
    }
  });

  describe('over-deep events and exact ids', () => {
    it('a one-line event 65 levels deep with an int64 call_id: refused, or read with its exact id, never a rounded one', async () => {
      const text = `{"call_id":9007199254740993,"state":"hangup","x":${'['.repeat(65)}${']'.repeat(65)}}\n`;
      const { inspection, problems } = await inspectLocated(text);
      const ids = [...inspection.events.map((e) => e.summary?.callId), ...[...inspection.graph.legs.values()].map((leg) => leg.callId)];
      assert.ok(!ids.includes('9007199254740992'), `the id was rounded: ${ids.join(', ')}; problems:\n${describeAll(problems)}`);
      if (inspection.events.length > 0) assert.ok(ids.includes('9007199254740993'));
      else assert.ok(problems.some((p) => p.code === 'syntax.too-deep'));

      const file = path.join(tmp, `${fileCount++}-deep-id.jsonl`);
      fs.writeFileSync(file, text);
      const env = { ...process.env };
      delete env.CALL_EVENTS_SECRET;
      const graph = spawnSync(process.execPath, [CLI, 'graph', file], { encoding: 'utf8', env });
      assert.equal(graph.status, 0);
      assertNoCrash(graph.stderr);
      assert.doesNotMatch(graph.stdout, /9007199254740992/);
    });
  });

  describe('a 20 MB string value', () => {
    const big = 'Q'.repeat(BIG);
    const longestRun = (message: string) => Math.max(0, ...(message.match(/Q+/g) ?? []).map((run) => run.length));

    it('in recap_summary of a valid event: read, the event counts, exit 0, no error', async () => {
      const text = jsonLines(callEvent({ recap_summary: big }));
      const { inspection, problems } = await inspectLocated(text);
      assert.equal(inspection.events.length, 1);
      assert.equal(inspection.events[0]!.summary?.callId, '5747322335264768');
      assert.deepEqual(errorsOf(problems), []);
      for (const p of problems) assert.ok(longestRun(p.message) <= 200, `${p.code}: ${p.message.length} characters`);
      const cli = validateCli(text, 'big.jsonl');
      assert.equal(cli.status, 0, describeAll(cli.diagnostics));
      assert.equal(cli.events, 1);
      for (const d of cli.diagnostics) assert.ok(longestRun(d.message) <= 200);
    });

    const quoting: [string, string, string][] = [
      ['as the state', jsonLines(callEvent({ state: big })), 'schema.state.unknown'],
      ['as the external_number', jsonLines(callEvent({ external_number: big })), 'phone.not-e164'],
      ['as a field name', jsonLines(callEvent({ [big]: 1 })), 'schema.field.unknown'],
      ['as a string call_id', jsonLines(callEvent({ call_id: big })), 'schema.type'],
      ['as a direction', jsonLines(callEvent({ direction: big })), 'schema.enum'],
      ['as a bare line', `${big}\n`, 'input.unrecognized'],
      ['as a top-level JSON string', `${JSON.stringify(big)}\n`, 'json.not-an-event'],
    ];
    for (const [name, text, code] of quoting) {
      it(`${name}: reported as ${code} with at most 200 characters of it`, async () => {
        const { problems } = await inspectLocated(text);
        const hit = problems.filter((p) => p.code === code);
        assert.ok(hit.length > 0, describeAll(problems));
        assert.equal(hit[0]!.line, 1);
        for (const p of problems) assert.ok(longestRun(p.message) <= 200, `${p.code} quotes ${longestRun(p.message)} characters of the string`);
      });
    }

    it('through the CLI, a 20 MB string call_id: one short schema.type error on line 1, exit 1', () => {
      const cli = validateCli(jsonLines(callEvent({ call_id: big })), 'big-id.jsonl');
      assert.equal(cli.status, 1);
      assert.equal(cli.events, 1);
      const types = cli.diagnostics.filter((d) => d.code === 'schema.type');
      assert.equal(types.length, 1, describeAll(cli.diagnostics));
      assert.deepEqual([types[0]!.line, types[0]!.column], [1, 12]);
      for (const d of cli.diagnostics) assert.ok(longestRun(d.message) <= 200);
    });
  });

  describe('lines that look like tokens but are not JWTs', () => {
    const lines: [string, string[]][] = [
      ['eyJhbGciOi.bad', ['jwt.malformed']],
      ['abc.def.ghi', ['jwt.malformed', 'input.unrecognized']],
      ['SGVsbG8gd29ybGQhIFRoaXMgaXMgYmFzZTY0IHRleHQ=', ['input.unrecognized']],
      ['q83vEjRWeJCrze8SNFZ4kA+/q83vEjRWeJCrze8SNFZ4kA', ['input.unrecognized']],
      ['eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ', ['jwt.malformed']],
      ['eyJ.eyJ.eyJ', ['jwt.malformed']],
      ['aGVsbG8.d29ybGQ.IQ', ['jwt.malformed']],
      ['eyJhbGciOiJIUzI1NiJ9.!!!.sig', ['jwt.malformed']],
      ['a.b.c.d', ['jwt.malformed', 'input.unrecognized']],
      ['"eyJhbGciOi.bad"', ['jwt.malformed']],
      ['"abc.def.ghi"', ['jwt.malformed', 'json.not-an-event']],
    ];
    const text = lines.map(([line]) => line).join('\n') + '\n';
    // A bare token is reported from column 1; a token in a JSON string from its quote (1) or its first character (2).
    const atLineStart = (line: string, column: number) => column === 1 || (line.startsWith('"') && column === 2);

    it('each line has its own error at column 1 (inspectDocument)', async () => {
      const { problems } = await inspectLocated(text);
      lines.forEach(([line, codes], i) => {
        const here = errorsOf(problems).filter((p) => p.line === i + 1);
        assert.ok(here.length >= 1, `no error on line ${i + 1} (${line}):\n${describeAll(problems)}`);
        assert.ok(here.some((p) => codes.includes(p.code) && atLineStart(line, p.column) && p.endLine === i + 1), `line ${i + 1} (${line}): ${describeAll(here)}`);
      });
    });

    it('each line has its own error at column 1, exit 1 (CLI)', () => {
      const cli = validateCli(text, 'not-jwts.txt');
      assert.equal(cli.status, 1);
      lines.forEach(([line, codes], i) => {
        const here = errorsOf(cli.diagnostics).filter((d) => d.line === i + 1);
        assert.ok(here.some((d) => codes.includes(d.code) && atLineStart(line, d.column) && d.endLine === i + 1), `line ${i + 1} (${line}): ${describeAll(here)}`);
      });
    });
  });

  describe('a truncated capture', () => {
    const full = jsonLines(
      callEvent({ state: 'ringing', date_connected: null, date_ended: null, duration: null, total_duration: null }),
      callEvent({ state: 'connected', date_ended: null, duration: null, total_duration: null }),
      callEvent(),
    );
    const lastLineStart = full.lastIndexOf('\n', full.length - 2) + 1;

    it('the last line cut anywhere: the two earlier events are read, the partial line is an error on line 3', async () => {
      const lastLength = full.length - 1 - lastLineStart;
      for (let cut = 1; cut < lastLength - 1; cut += 7) {
        const text = full.slice(0, lastLineStart + cut);
        const { inspection, problems } = await inspectLocated(text);
        const where = `cut after ${JSON.stringify(text.slice(-20))}`;
        assert.equal(inspection.events.length, 2, where);
        const errors = errorsOf(problems);
        assert.ok(errors.some((p) => (p.code === 'syntax.truncated' || p.code === 'syntax.error') && p.line === 3), `${where}:\n${describeAll(problems)}`);
        for (const p of errors) assert.equal(p.line, 3, `${where}: ${describeAll([p])}`);
      }
    });

    it('through the CLI: 2 events, syntax.truncated or syntax.error on line 3, exit 1', () => {
      const text = full.slice(0, lastLineStart + 300);
      const cli = validateCli(text, 'truncated.jsonl');
      assert.equal(cli.status, 1);
      assert.equal(cli.events, 2);
      const errors = errorsOf(cli.diagnostics);
      assert.ok(errors.some((d) => d.code === 'syntax.truncated' || d.code === 'syntax.error'), describeAll(errors));
      for (const d of errors) assert.equal(d.line, 3, describeAll([d]));
    });
  });

  describe('a syntax error in the middle of a pretty-printed stream', () => {
    // samples/vendor-sample-stream.json with one comma deleted inside its third object.
    const original = sample('vendor-sample-stream.json');
    const objectStarts = [...original.matchAll(/^\{/gm)].map((m) => m.index);
    assert.equal(objectStarts.length, 12);
    const third = objectStarts[2]!;
    const stateLine = original.indexOf('"state": ', third);
    const comma = original.indexOf(',\n', stateLine);
    assert.ok(comma > third && comma < objectStarts[3]!);
    const broken = original.slice(0, comma) + original.slice(comma + 1);
    // The parser notices the missing comma at the next property name, on the next line.
    const nextToken = broken.slice(comma).search(/\S/) + comma;
    const expected = lineColumn(broken, nextToken);

    it('is reported on the exact line and column, and the other 11 events are read (inspectDocument)', async () => {
      assert.equal(broken.slice(nextToken, nextToken + 14), '"date_started"');
      const { inspection, problems } = await inspectLocated(broken);
      assert.equal(inspection.events.length, 11);
      const syntax = problems.filter((p) => p.code === 'syntax.error');
      assert.deepEqual(syntax.map((p) => [p.line, p.column, p.severity]), [[expected.line, expected.column, 'error']], describeAll(problems));
      assert.match(syntax[0]!.message, /comma/);
      // The vendor's own trailing comma is still reported, and nothing else is an error.
      assert.deepEqual(errorsOf(problems).map((p) => p.code).sort(), ['syntax.error', 'syntax.trailing-comma']);
      // The call of the broken event is gone from the stream, the others are there.
      const ids = inspection.events.map((e) => e.summary?.callId);
      assert.equal(ids.filter((id) => id === '6580619776884736').length, 2);
    });

    it('is reported on the exact line and column, 11 events, exit 1 (CLI)', () => {
      const cli = validateCli(broken, 'stream.json');
      assert.equal(cli.status, 1);
      assert.equal(cli.events, 11);
      const syntax = cli.diagnostics.filter((d) => d.code === 'syntax.error');
      assert.deepEqual(syntax.map((d) => [d.line, d.column]), [[expected.line, expected.column]]);
    });
  });

  describe('a JSON array of events with one broken element', () => {
    const events = [
      callEvent({ state: 'ringing', date_connected: null, date_ended: null, duration: null, total_duration: null }),
      callEvent({ state: 'connected', date_ended: null, duration: null, total_duration: null }),
      callEvent({ call_id: 6580619776884736 }),
      callEvent({ call_id: 4978137078431744 }),
    ];

    it('pretty-printed, a comma missing in the second element: the three others are read, the error is inside the second', async () => {
      const elements = events.map((e) => JSON.stringify(e, null, 2));
      elements[1] = elements[1]!.replace('"state": "connected",', '"state": "connected"');
      const text = `[\n${elements.join(',\n')}\n]\n`;
      const secondStart = text.indexOf(elements[1]!);
      const firstLine = lineColumn(text, secondStart).line;
      const lastLine = lineColumn(text, secondStart + elements[1]!.length).line;
      const missing = text.indexOf('"state": "connected"') + '"state": "connected"'.length;
      const expected = lineColumn(text, text.slice(missing).search(/\S/) + missing);

      const { inspection, problems } = await inspectLocated(text);
      assert.equal(inspection.events.length, 3);
      assert.deepEqual(inspection.events.map((e) => e.summary?.callId), ['5747322335264768', '6580619776884736', '4978137078431744']);
      const errors = errorsOf(problems);
      assert.deepEqual(errors.map((p) => [p.code, p.line, p.column]), [['syntax.error', expected.line, expected.column]], describeAll(problems));
      assert.ok(errors[0]!.line >= firstLine && errors[0]!.line <= lastLine);

      const cli = validateCli(text, 'array.json');
      assert.equal(cli.status, 1);
      assert.equal(cli.events, 3);
      assert.deepEqual(errorsOf(cli.diagnostics).map((d) => [d.code, d.line, d.column]), [['syntax.error', expected.line, expected.column]]);
    });

    it('on one line, a value missing in the third element: the three others are read', async () => {
      const elements = events.map((e) => JSON.stringify(e));
      elements[2] = elements[2]!.replace('"state":"hangup",', '"state":,');
      const text = `[${elements.join(',')}]`;
      const at = text.indexOf('"state":,') + '"state":'.length;
      const { inspection, problems } = await inspectLocated(text);
      assert.equal(inspection.events.length, 3);
      assert.deepEqual(inspection.events.map((e) => e.summary?.callId), ['5747322335264768', '5747322335264768', '4978137078431744']);
      const errors = errorsOf(problems);
      assert.deepEqual(errors.map((p) => [p.code, p.line, p.column]), [['syntax.error', 1, at + 1]], describeAll(problems));

      const cli = validateCli(text, 'array-line.json');
      assert.equal(cli.status, 1);
      assert.equal(cli.events, 3);
      assert.deepEqual(errorsOf(cli.diagnostics).map((d) => [d.code, d.line, d.column]), [['syntax.error', 1, at + 1]]);
    });
  });
});
