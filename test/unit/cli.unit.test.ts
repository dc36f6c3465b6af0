// The command line's contract (README.md): output formats, exit codes, help, the graph JSON and the secret.
// Mostly in-process through `main`, and once more through the built dist/cli.js.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { main } from '../../src/cli';
import { callEvent, jsonLines, ROOT } from './helpers';
import { CLI, ensureBuilt, type DiagnosticJson } from './builtCli';

const SAMPLES = path.join(ROOT, 'samples');
const CLEAN = path.join(SAMPLES, 'direct-call.jsonl');
const STREAM = path.join(SAMPLES, 'vendor-sample-stream.json');
const BARGE = path.join(SAMPLES, 'monitored-barge.jsonl');

/** The text format of one diagnostic. The code class includes digits: `phone.not-e164` is a documented code. */
const textLine = (file: string) => new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: (error|warning|information|hint) [a-z0-9.-]+ .+$`);
const DIAGNOSTIC_KEYS = ['line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message'];
const LEG_KEYS = ['call_id', 'role', 'role_confirmed', 'monitor_kind', 'master_call_id', 'entry_point_call_id', 'operator_call_id', 'states', 'lines', 'files', 'transfer_index', 'direction', 'start', 'end'];
const FLOW_KEYS = ['id', 'legs', 'transfers', 'start'];
const SEVERITIES = ['error', 'warning', 'information', 'hint'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `main` in-process, capturing what it writes. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, env, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

interface ValidateJson {
  files: { file: string; events: number; diagnostics: DiagnosticJson[] }[];
}

interface LegJson {
  call_id: string;
  role: string;
  role_confirmed: boolean;
  monitor_kind: string | null;
  master_call_id: string | null;
  entry_point_call_id: string | null;
  operator_call_id: string | null;
  states: string[];
  lines: number[];
  files: string[];
  transfer_index: number;
  direction: string | null;
  start: number | null;
  end: number | null;
}

interface GraphJson {
  flows: { id: string; legs: LegJson[]; transfers: number; start: number | null }[];
}

function parseOut<T>(result: Run): T {
  assert.equal(result.out.length, 1, `expected one JSON document on stdout, got ${result.out.length} writes`);
  return JSON.parse(result.out[0]!) as T;
}

/** Checks the exact shape of `validate --format json` (README's table). */
function assertValidateShape(json: ValidateJson, texts: Map<string, string>): void {
  assert.deepEqual(Object.keys(json), ['files']);
  for (const file of json.files) {
    assert.deepEqual(Object.keys(file), ['file', 'events', 'diagnostics']);
    assert.equal(typeof file.file, 'string');
    assert.ok(Number.isInteger(file.events) && file.events >= 0);
    const lines = texts.get(file.file)?.split('\n');
    for (const d of file.diagnostics) {
      assert.deepEqual(Object.keys(d), DIAGNOSTIC_KEYS);
      for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(d[key]) && d[key] >= 1, `${key} is 1-based: ${JSON.stringify(d)}`);
      assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), `end before start: ${JSON.stringify(d)}`);
      assert.ok(SEVERITIES.includes(d.severity), d.severity);
      assert.match(d.code, /^[a-z0-9.-]+$/);
      assert.equal(typeof d.message, 'string');
      assert.ok(d.message.length > 0);
      assert.doesNotMatch(d.message, /[\r\n]/);
      if (lines) {
        // 1-based columns: column 1 is the first character; the end column may be one past the last one.
        assert.ok(d.line <= lines.length && d.column <= lines[d.line - 1]!.length + 1, `outside the file: ${JSON.stringify(d)}`);
        assert.ok(d.endLine <= lines.length && d.endColumn <= lines[d.endLine - 1]!.length + 1, `end outside the file: ${JSON.stringify(d)}`);
      }
    }
  }
}

function runBuilt(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const base = { ...process.env };
  delete base.CALL_EVENTS_SECRET;
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...base, ...env }, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.error, undefined);
  assert.doesNotMatch(result.stderr, /^ {4}at /m);
  assert.doesNotMatch(result.stderr, /internal error/);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ---------------------------------------------------------------------------------------------

describe('call-events command line', () => {
  let tmp = '';
  /** A file with problems of many kinds, on known lines. */
  let messy = '';
  let messyText = '';
  let warningsOnly = '';
  let jwtFile = '';

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-cli-'));
    messyText = [
      JSON.stringify(callEvent({ external_number: '4155550123' })), // phone.not-e164 (warning)
      'not json at all', // input.unrecognized
      '{"call_id": 1, "state": "hangup" "direction": "inbound"}', // syntax.error
      JSON.stringify(callEvent({ call_id: 5747322335264769, state: 'hangupp', duration: -5 })), // schema.state.unknown, timing.negative-duration
      `  ${JSON.stringify(callEvent({ call_id: 'abc', date_started: '2026-01-01' }))}`, // schema.type
      '42', // json.not-an-event
      'eyJhbGciOi.broken', // jwt.malformed
      '',
    ].join('\n');
    messy = path.join(tmp, 'messy.jsonl');
    fs.writeFileSync(messy, messyText);
    warningsOnly = path.join(tmp, 'warnings.jsonl');
    fs.writeFileSync(warningsOnly, jsonLines(callEvent({ external_number: '4155550123' })));
    const token = await new SignJWT(callEvent()).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('s3cret'));
    jwtFile = path.join(tmp, 'jwt-lines.txt');
    fs.writeFileSync(jwtFile, `${token}\n`);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('validate, text format', () => {
    it('every line is FILE:LINE:COL: severity code message, and says what the JSON format says', async () => {
      const text = await run(['validate', messy]);
      assert.equal(text.code, 1);
      assert.ok(text.out.length >= 7, text.out.join('\n'));
      for (const line of text.out) assert.match(line, textLine(messy));
      const json = parseOut<ValidateJson>(await run(['validate', '--format', 'json', messy]));
      const fromJson = json.files[0]!.diagnostics.map((d) => `${messy}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`);
      assert.deepEqual(text.out, fromJson);
      // The summary goes to stderr, so stdout stays one problem per line.
      assert.equal(text.err.length, 1);
      assert.match(text.err[0]!, /1 file\(s\), \d+ event\(s\): \d+ error\(s\)/);
    });

    it('each kind of problem is on its own line of the file, with the documented code', async () => {
      const json = parseOut<ValidateJson>(await run(['validate', '--format', 'json', messy]));
      const at = (code: string) => json.files[0]!.diagnostics.filter((d) => d.code === code).map((d) => d.line);
      assert.deepEqual(at('phone.not-e164'), [1]);
      assert.deepEqual(at('input.unrecognized'), [2]);
      assert.deepEqual(at('syntax.error'), [3]);
      assert.deepEqual(at('schema.state.unknown'), [4]);
      assert.deepEqual(at('timing.negative-duration'), [4]);
      assert.ok(at('schema.type').every((line) => line === 5) && at('schema.type').length >= 1);
      assert.deepEqual(at('json.not-an-event'), [6]);
      assert.deepEqual(at('jwt.malformed'), [7]);
      const unrecognized = json.files[0]!.diagnostics.find((d) => d.code === 'input.unrecognized')!;
      assert.deepEqual([unrecognized.line, unrecognized.column, unrecognized.endLine, unrecognized.endColumn], [2, 1, 2, 'not json at all'.length + 1]);
      // The indented event on line 5: its call_id value is located after the two spaces (1-based columns).
      const callIdType = json.files[0]!.diagnostics.find((d) => d.code === 'schema.type' && d.message.includes('call_id'))!;
      const line5 = messyText.split('\n')[4]!;
      assert.equal(callIdType.column, line5.indexOf('"abc"') + 1);
      assert.equal(line5.slice(callIdType.column - 1, callIdType.endColumn - 1), '"abc"');
    });

    it('the vendor sample stream: text lines match, exit 1 for its trailing comma', async () => {
      const result = await run(['validate', STREAM]);
      assert.equal(result.code, 1);
      for (const line of result.out) assert.match(line, textLine(STREAM));
      assert.ok(result.out.some((line) => / error syntax\.trailing-comma /.test(line)));
    });
  });

  describe('validate, json format', () => {
    it('has exactly the shape of README\'s table, 1-based, for several files', async () => {
      const texts = new Map([messy, STREAM, CLEAN, BARGE].map((f) => [f, fs.readFileSync(f, 'utf8')]));
      const json = parseOut<ValidateJson>(await run(['validate', '--format', 'json', messy, STREAM, CLEAN, BARGE]));
      assertValidateShape(json, texts);
      assert.deepEqual(json.files.map((f) => f.file), [messy, STREAM, CLEAN, BARGE]);
      assert.deepEqual(json.files.map((f) => f.events), [3, 12, 4, 18]);
    });

    it('the trailing comma of the vendor sample is at its exact 1-based line and column', async () => {
      const json = parseOut<ValidateJson>(await run(['validate', '--format', 'json', STREAM]));
      const comma = json.files[0]!.diagnostics.find((d) => d.code === 'syntax.trailing-comma')!;
      const line = fs.readFileSync(STREAM, 'utf8').split('\n')[comma.line - 1]!;
      assert.equal(line.charAt(comma.column - 1), ',');
      assert.deepEqual([comma.endLine, comma.endColumn], [comma.line, comma.column + 1]);
      assert.match(line.slice(comma.column), /^\s*$/);
    });
  });

  describe('exit codes', () => {
    it('0 for a clean sample, and for a file with warnings only', async () => {
      const clean = await run(['validate', CLEAN]);
      assert.equal(clean.code, 0);
      assert.deepEqual(clean.out, []);
      const warned = await run(['validate', warningsOnly]);
      assert.equal(warned.code, 0);
      assert.ok(warned.out.some((line) => / warning phone\.not-e164 /.test(line)));
    });

    it('1 for a file with errors (text and json)', async () => {
      assert.equal((await run(['validate', messy])).code, 1);
      assert.equal((await run(['validate', '--format', 'json', messy])).code, 1);
      assert.equal((await run(['validate', CLEAN, messy])).code, 1);
    });

    it('2 when no file is given', async () => {
      for (const command of ['validate', 'graph']) {
        const result = await run([command]);
        assert.equal(result.code, 2, command);
        assert.match(result.err.join('\n'), /no FILE given/);
        assert.deepEqual(result.out, []);
      }
      const bare = await run([]);
      assert.equal(bare.code, 2);
    });

    it('2 for an unknown option, naming it', async () => {
      for (const command of ['validate', 'graph']) {
        const result = await run([command, '--frobnicate', CLEAN]);
        assert.equal(result.code, 2, command);
        assert.match(result.err[0]!, /--frobnicate/);
        assert.deepEqual(result.out, []);
      }
      // --format belongs to validate only.
      assert.equal((await run(['graph', '--format', 'json', CLEAN])).code, 2);
    });

    it('2 for --format xml, and for --format without a value', async () => {
      const xml = await run(['validate', '--format', 'xml', CLEAN]);
      assert.equal(xml.code, 2);
      assert.match(xml.err[0]!, /xml/);
      assert.deepEqual(xml.out, []);
      assert.equal((await run(['validate', CLEAN, '--format'])).code, 2);
    });

    it('2 for an unknown command', async () => {
      const result = await run(['frobnicate', CLEAN]);
      assert.equal(result.code, 2);
      assert.match(result.err[0]!, /frobnicate/);
    });

    it('2 for a missing file, with a one-line message naming it', async () => {
      const missing = path.join(tmp, 'no-such-capture.jsonl');
      for (const argv of [['validate', missing], ['validate', '--format', 'json', missing], ['graph', missing]]) {
        const result = await run(argv);
        assert.equal(result.code, 2, argv.join(' '));
        const naming = result.err.filter((line) => line.includes(missing));
        assert.equal(naming.length, 1, result.err.join('\n'));
        assert.doesNotMatch(naming[0]!, /\n/);
        assert.match(naming[0]!, /no such file/);
      }
      // In json format and for graph that line is all there is on stderr.
      assert.equal((await run(['validate', '--format', 'json', missing])).err.length, 1);
      const graph = await run(['graph', missing]);
      assert.equal(graph.err.length, 1);
      assert.deepEqual(graph.out, []);
      // An unreadable file beats errors in another one.
      assert.equal((await run(['validate', messy, missing])).code, 2);
    });

    it('2 for a directory given as a file', async () => {
      const result = await run(['validate', tmp]);
      assert.equal(result.code, 2);
      assert.ok(result.err.some((line) => line.includes(tmp) && /directory/.test(line)));
    });
  });

  describe('help', () => {
    const cases: [string[], RegExp][] = [
      [['--help'], /^Usage: call-events <command>/],
      [['-h'], /^Usage: call-events <command>/],
      [['help'], /^Usage: call-events <command>/],
      [['validate', '--help'], /^Usage: call-events validate /],
      [['validate', '-h'], /^Usage: call-events validate /],
      [['graph', '--help'], /^Usage: call-events graph /],
      [['graph', '-h', 'ignored.jsonl'], /^Usage: call-events graph /],
    ];
    for (const [argv, usage] of cases) {
      it(`${argv.join(' ')} prints usage on stdout and exits 0`, async () => {
        const result = await run(argv);
        assert.equal(result.code, 0);
        assert.equal(result.out.length, 1);
        assert.match(result.out[0]!, usage);
        assert.match(result.out[0]!, /Exit codes/);
        assert.deepEqual(result.err, []);
      });
    }
  });

  describe('graph', () => {
    /** What the file itself says: each 1-based line's exact call_id and state. */
    function linesOf(file: string): { line: number; callId: string; state: string }[] {
      return fs.readFileSync(file, 'utf8').split('\n').flatMap((text, i) => {
        if (text.trim() === '') return [];
        const id = /"call_id"\s*:\s*(\d+)/.exec(text);
        assert.ok(id, `line ${i + 1} has no call_id`);
        const state = (JSON.parse(text) as { state: string }).state;
        return [{ line: i + 1, callId: id[1]!, state }];
      });
    }

    it('monitored-barge: one flow, four legs (entry point, operator, barge monitor, takeover monitor), lines from the file', async () => {
      const result = await run(['graph', BARGE]);
      assert.equal(result.code, 0);
      assert.deepEqual(result.err, []);
      const graph = parseOut<GraphJson>(result);
      assert.deepEqual(Object.keys(graph), ['flows']);
      assert.equal(graph.flows.length, 1);
      const [flow] = graph.flows;
      assert.deepEqual(Object.keys(flow!), FLOW_KEYS);
      assert.equal(flow!.legs.length, 4);
      for (const leg of flow!.legs) assert.deepEqual(Object.keys(leg), LEG_KEYS);

      const roles = flow!.legs.map((leg) => `${leg.role}/${leg.monitor_kind}`).sort();
      assert.deepEqual(roles, ['entry_point/null', 'monitor/barge', 'monitor/takeover', 'operator/null']);
      // The entry point names its operator and the monitors have monitor states: every role is proven.
      assert.deepEqual(flow!.legs.map((leg) => leg.role_confirmed), [true, true, true, true]);

      // Ids are exact decimal strings (or null), everywhere.
      assert.equal(typeof flow!.id, 'string');
      assert.match(flow!.id, /^\d+$/);
      for (const leg of flow!.legs) {
        assert.match(leg.call_id, /^\d+$/);
        for (const ref of [leg.master_call_id, leg.entry_point_call_id, leg.operator_call_id]) {
          assert.ok(ref === null || (typeof ref === 'string' && /^\d+$/.test(ref)), `id not a string: ${JSON.stringify(ref)}`);
        }
      }

      // The links agree with each other.
      const entry = flow!.legs.find((leg) => leg.role === 'entry_point')!;
      const operator = flow!.legs.find((leg) => leg.role === 'operator')!;
      assert.equal(flow!.id, entry.call_id);
      assert.equal(entry.operator_call_id, operator.call_id);
      for (const leg of flow!.legs.filter((l) => l !== entry)) assert.equal(leg.entry_point_call_id, entry.call_id);

      // Lines and states come from the file itself.
      const fileLines = linesOf(BARGE);
      assert.equal(new Set(fileLines.map((l) => l.callId)).size, 4);
      for (const leg of flow!.legs) {
        const expected = fileLines.filter((l) => l.callId === leg.call_id);
        assert.deepEqual([...leg.lines].sort((a, b) => a - b), expected.map((l) => l.line), `lines of ${leg.call_id}`);
        assert.equal(leg.states.length, leg.lines.length);
        leg.lines.forEach((line, i) => {
          assert.equal(fileLines.find((l) => l.line === line)!.state, leg.states[i], `state of line ${line}`);
        });
        assert.deepEqual(leg.files, leg.lines.map(() => BARGE));
      }
      const barge = flow!.legs.find((leg) => leg.monitor_kind === 'barge')!;
      assert.ok(barge.states.includes('barge') && barge.states.includes('monitor'));
      const takeover = flow!.legs.find((leg) => leg.monitor_kind === 'takeover')!;
      assert.ok(takeover.states.includes('takeover'));
      // Every line of the file belongs to exactly one leg.
      assert.deepEqual(flow!.legs.flatMap((leg) => leg.lines).sort((a, b) => a - b), fileLines.map((l) => l.line));
    });

    it('a capture cut mid-call: the operator is role_confirmed false, and true once the entry point names it', async () => {
      const pending = { date_ended: null, duration: null, total_duration: null };
      const operator = JSON.stringify(callEvent({ call_id: 31, state: 'connected', entry_point_call_id: 30, date_started: 1764000001000, ...pending }));
      const entryRinging = JSON.stringify(callEvent({ call_id: 30, state: 'ringing', date_connected: null, ...pending }));
      const entryConnected = JSON.stringify(callEvent({ call_id: 30, state: 'connected', operator_call_id: 31, ...pending }));
      const roles = async (...lines: string[]) => {
        const file = path.join(tmp, 'mid-call.jsonl');
        fs.writeFileSync(file, `${lines.join('\n')}\n`);
        const graph = parseOut<GraphJson>(await run(['graph', file]));
        return graph.flows.map((f) => [f.id, f.legs.map((l) => [l.call_id, l.role, l.role_confirmed])]);
      };
      assert.deepEqual(await roles(entryRinging, operator), [['30', [['30', 'entry_point', true], ['31', 'operator', false]]]]);
      assert.deepEqual(await roles(operator), [['30', [['31', 'operator', false]]]]);
      assert.deepEqual(await roles(entryRinging, operator, entryConnected), [['30', [['30', 'entry_point', true], ['31', 'operator', true]]]]);
    });

    it('ids above 2^53 come out as exact strings', async () => {
      const file = path.join(tmp, 'big-ids.jsonl');
      const entry = '9007199254740993';
      const operator = '9223372036854775807';
      const text = [
        JSON.stringify(callEvent({ call_id: 'E', state: 'connected', operator_call_id: 'O', date_ended: null, duration: null, total_duration: null })),
        JSON.stringify(callEvent({ call_id: 'O', state: 'connected', entry_point_call_id: 'E', date_ended: null, duration: null, total_duration: null })),
      ].join('\n').replace(/"E"/g, entry).replace(/"O"/g, operator);
      fs.writeFileSync(file, `${text}\n`);
      const graph = parseOut<GraphJson>(await run(['graph', file]));
      const legs = graph.flows.flatMap((f) => f.legs);
      assert.deepEqual(legs.map((l) => l.call_id).sort(), [entry, operator].sort());
      assert.equal(legs.find((l) => l.call_id === operator)!.entry_point_call_id, entry);
      assert.equal(legs.find((l) => l.call_id === entry)!.operator_call_id, operator);
    });
  });

  describe('the secret: --secret, else CALL_EVENTS_SECRET', () => {
    const jwtCodes = (json: ValidateJson) => json.files[0]!.diagnostics.filter((d) => d.code.startsWith('jwt.'));

    it('the right secret from the environment: no jwt.* diagnostic, exit 0', async () => {
      const result = await run(['validate', '--format', 'json', jwtFile], { CALL_EVENTS_SECRET: 's3cret' });
      const json = parseOut<ValidateJson>(result);
      assert.deepEqual(jwtCodes(json), []);
      assert.equal(json.files[0]!.events, 1);
      assert.equal(result.code, 0, JSON.stringify(json.files[0]!.diagnostics));
    });

    it('a wrong secret from the environment: jwt.bad-signature error on line 1, exit 1', async () => {
      const result = await run(['validate', '--format', 'json', jwtFile], { CALL_EVENTS_SECRET: 'wrong' });
      const json = parseOut<ValidateJson>(result);
      assert.deepEqual(jwtCodes(json).map((d) => [d.code, d.severity, d.line, d.column]), [['jwt.bad-signature', 'error', 1, 1]]);
      assert.equal(result.code, 1);
      // The secret never appears in the output.
      assert.doesNotMatch(result.out.join('\n') + result.err.join('\n'), /wrong/);
    });

    it('no secret: jwt.unverified information, exit 0', async () => {
      const result = await run(['validate', '--format', 'json', jwtFile], {});
      const json = parseOut<ValidateJson>(result);
      assert.deepEqual(jwtCodes(json).map((d) => [d.code, d.severity, d.line]), [['jwt.unverified', 'information', 1]]);
      assert.equal(result.code, 0);
    });

    it('--secret wins over the environment', async () => {
      const right = parseOut<ValidateJson>(await run(['validate', '--format', 'json', '--secret', 's3cret', jwtFile], { CALL_EVENTS_SECRET: 'wrong' }));
      assert.deepEqual(jwtCodes(right), []);
      const wrong = await run(['validate', '--format', 'json', '--secret', 'wrong', jwtFile], { CALL_EVENTS_SECRET: 's3cret' });
      assert.deepEqual(jwtCodes(parseOut<ValidateJson>(wrong)).map((d) => d.code), ['jwt.bad-signature']);
      assert.equal(wrong.code, 1);
    });

    it('graph: a wrong secret from the environment leaves the event out and says so; the right one keeps it', async () => {
      const wrong = await run(['graph', jwtFile], { CALL_EVENTS_SECRET: 'wrong' });
      assert.equal(wrong.code, 0);
      assert.deepEqual(parseOut<GraphJson>(wrong).flows, []);
      assert.equal(wrong.err.length, 1);
      assert.match(wrong.err[0]!, /1 event\(s\) left out/);
      const right = await run(['graph', jwtFile], { CALL_EVENTS_SECRET: 's3cret' });
      assert.deepEqual(right.err, []);
      const legs = parseOut<GraphJson>(right).flows.flatMap((f) => f.legs);
      assert.deepEqual(legs.map((l) => [l.call_id, l.lines]), [['5747322335264768', [1]]]);
    });
  });

  describe('the built dist/cli.js', () => {
    before(function () {
      this.timeout(120_000);
      ensureBuilt();
    });

    it('prints what main prints, with the same exit codes', async () => {
      for (const argv of [
        ['validate', '--format', 'json', CLEAN, STREAM],
        ['validate', messy],
        ['graph', BARGE],
        ['validate', '--format', 'xml', CLEAN],
        ['validate', path.join(tmp, 'missing.jsonl')],
        ['validate'],
      ]) {
        const inProcess = await run(argv);
        const built = runBuilt(argv);
        assert.equal(built.status, inProcess.code, argv.join(' '));
        assert.equal(built.stdout, inProcess.out.map((s) => `${s}\n`).join(''), argv.join(' '));
        assert.equal(built.stderr, inProcess.err.map((s) => `${s}\n`).join(''), argv.join(' '));
      }
    });

    it('text lines match FILE:LINE:COL: severity code message; exit 0 / 1 / 2', () => {
      const messyRun = runBuilt(['validate', messy]);
      assert.equal(messyRun.status, 1);
      const lines = messyRun.stdout.split('\n').filter((l) => l !== '');
      assert.ok(lines.length >= 7);
      for (const line of lines) assert.match(line, textLine(messy));
      assert.equal(runBuilt(['validate', CLEAN]).status, 0);
      assert.equal(runBuilt(['validate', '--bogus', CLEAN]).status, 2);
    });

    it('reads CALL_EVENTS_SECRET from the real environment', () => {
      const right = runBuilt(['validate', '--format', 'json', jwtFile], { CALL_EVENTS_SECRET: 's3cret' });
      assert.equal(right.status, 0);
      assert.deepEqual((JSON.parse(right.stdout) as ValidateJson).files[0]!.diagnostics.filter((d) => d.code.startsWith('jwt.')), []);
      const wrong = runBuilt(['validate', '--format', 'json', jwtFile], { CALL_EVENTS_SECRET: 'wrong' });
      assert.equal(wrong.status, 1);
      assert.deepEqual((JSON.parse(wrong.stdout) as ValidateJson).files[0]!.diagnostics.map((d) => d.code), ['jwt.bad-signature']);
      const none = runBuilt(['validate', '--format', 'json', jwtFile]);
      assert.equal(none.status, 0);
      assert.deepEqual((JSON.parse(none.stdout) as ValidateJson).files[0]!.diagnostics.map((d) => d.code), ['jwt.unverified']);
    });

    it('report --redact stopped by Ctrl+C leaves no redacted copy behind, and stops as the signal says', async function () {
      this.timeout(60_000);
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-redact-signal-'));
      const tmpdir = path.join(scratch, 'tmp');
      fs.mkdirSync(tmpdir);
      // Large enough that the redaction takes a while (about 20 MB of the samples over and over).
      const big = path.join(scratch, 'big.jsonl');
      const sampleText = fs.readFileSync(path.join(ROOT, 'samples', 'call-center.jsonl'), 'utf8');
      fs.writeFileSync(big, sampleText.repeat(Math.ceil(20e6 / sampleText.length)));
      const child = spawn(process.execPath, [CLI, 'report', '--redact', big, '--out', path.join(scratch, 'report.html')], { env: { ...process.env, TMPDIR: tmpdir }, stdio: 'ignore' });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      const copies = () => fs.readdirSync(tmpdir).filter((name) => name.startsWith('call-events-report-'));
      for (let waited = 0; copies().length === 0; waited += 10) {
        assert.ok(waited < 30_000, 'the copies\' folder never appeared');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill('SIGINT');
      const { code, signal } = await exited;
      assert.equal(signal, 'SIGINT', `exit code ${code}`);
      assert.deepEqual(copies(), [], 'the folder of redacted copies is removed');
      assert.ok(!fs.existsSync(path.join(scratch, 'report.html')), 'no report is written');
      fs.rmSync(scratch, { recursive: true, force: true });
    });

    it('--version prints the package version', () => {
      const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      const result = runBuilt(['--version']);
      assert.equal(result.status, 0);
      assert.equal(result.stdout.trim(), version);
    });
  });
});
