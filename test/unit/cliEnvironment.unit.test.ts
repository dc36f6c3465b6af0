// The built command line in hostile surroundings: output pipes closed early (`… | head -1`), FIFOs and
// devices given as captures, and captures read from standard input.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { readStdin } from '../../src/node/captureFiles';
import { callEvent, jsonLines, ROOT } from './helpers';
import { CLI, ensureBuilt, type DiagnosticJson } from './builtCli';
import { captureRecords, post, tempDir } from './listenerHelpers';

/** What a crash with a stack trace prints; none of it may appear. */
const CRASH = /EPIPE|Unhandled|node:internal|^\s+at /m;

/** Runs the CLI with stdout on a pipe that is closed once the first bytes arrive, as `| head -c1` does. */
function runClosingStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the command line in hostile surroundings', function () {
  this.timeout(60_000);
  let dir: string;
  let many: string;
  before(() => {
    ensureBuilt();
    dir = tempDir('environment');
    // Far more output than a pipe buffers (each event has a warning), so writes go on after the reader left.
    many = path.join(dir, 'many.jsonl');
    fs.writeFileSync(many, jsonLines(...Array.from({ length: 5_000 }, (_, i) => callEvent({ call_id: i + 1, state: 'ringin' }))));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validate, graph and report piped into a reader that leaves early exit quietly, without a stack trace', async () => {
    for (const args of [['validate', many], ['validate', '--format', 'json', many], ['graph', many], ['report', many, '--out', '-']]) {
      const result = await runClosingStdout(args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, CRASH, args.join(' '));
    }
  });

  it('listen goes on capturing when its stdout is closed after the URL line, and logs to stderr instead', async () => {
    const file = path.join(dir, 'listen.jsonl');
    const child = spawn(process.execPath, [CLI, 'listen', '--port', '0', '--out', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(/listening on (\S+)/.exec(chunk.toString())![1]!)));
    child.stdout.destroy();
    for (let i = 1; i <= 3; i++) {
      const answer = await post(url, JSON.stringify(callEvent({ call_id: i, state: 'hangup' })));
      assert.equal(answer.status, 200);
      // Each request line is flushed (20 ms batches) before the next request: the first write meets the closed pipe.
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    assert.equal(child.exitCode, null, `the listener exited: ${stderr}`);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(captureRecords(file).length, 3);
    assert.doesNotMatch(stderr, CRASH);
    assert.match(stderr, /standard output was closed/);
    // Every request line, the one that met the closed pipe included, reached stderr.
    assert.equal(stderr.split('\n').filter((line) => / \/ \d+ accepted 200$/.test(line)).length, 3, stderr);
  });

  it('refuses a FIFO and a device as a capture at once (exit 2) instead of hanging or reading forever', async () => {
    const fifo = path.join(dir, 'capture.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    for (const file of [fifo, '/dev/zero']) {
      for (const command of [['validate'], ['graph'], ['report', '--out', path.join(dir, 'r.html')]]) {
        const result = spawnSync(process.execPath, [CLI, ...command, file], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
        assert.equal(result.signal, null, `${command[0]} ${file} did not finish`);
        assert.equal(result.status, 2);
        assert.equal(result.stderr, `call-events: ${file}: not a regular file (a pipe, device or socket), which this command does not read; to read a stream, pipe it in and name the file - (standard input)\n`);
      }
    }
  });

  it('reads a capture from standard input as -, with the same diagnostics as the file', () => {
    const text = jsonLines(callEvent({ call_id: 1, state: 'ringin' }), callEvent({ call_id: 1, state: 'hangup', external_number: '555' }));
    const file = path.join(dir, 'stdin.jsonl');
    fs.writeFileSync(file, text);
    const fromFile = spawnSync(process.execPath, [CLI, 'validate', file], { cwd: ROOT, encoding: 'utf8' });
    const fromStdin = spawnSync(process.execPath, [CLI, 'validate', '-'], { cwd: ROOT, encoding: 'utf8', input: text });
    assert.equal(fromStdin.status, fromFile.status);
    assert.ok(fromFile.stdout.length > 0);
    assert.equal(fromStdin.stdout, fromFile.stdout.split(`${file}:`).join('-:'));
    const json = spawnSync(process.execPath, [CLI, 'validate', '--format', 'json', '-'], { cwd: ROOT, encoding: 'utf8', input: text });
    assert.equal((JSON.parse(json.stdout) as { files: { file: string; events: number }[] }).files[0]!.file, '-');
    const graph = spawnSync(process.execPath, [CLI, 'graph', '-'], { cwd: ROOT, encoding: 'utf8', input: text });
    assert.equal(graph.status, 0);
    assert.equal((JSON.parse(graph.stdout) as { flows: unknown[] }).flows.length, 1);
    const twice = spawnSync(process.execPath, [CLI, 'validate', '-', '-'], { cwd: ROOT, encoding: 'utf8', input: text });
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /^call-events validate: standard input \(-\) can be named only once\n/);
  });

  it('finds invalid UTF-8 on standard input where it is (the bytes are read once)', () => {
    const good = `${JSON.stringify(callEvent({ call_id: 1, state: 'hangup' }))}\n`;
    const bytes = Buffer.concat([Buffer.from(good), Buffer.from('{"call_id":2,"state":"h'), Buffer.from([0xff, 0xfe]), Buffer.from('angup"}\n')]);
    const result = spawnSync(process.execPath, [CLI, 'validate', '--format', 'json', '-'], { cwd: ROOT, input: bytes, encoding: 'utf8' });
    assert.equal(result.status, 1);
    const diagnostics = (JSON.parse(result.stdout) as { files: { diagnostics: DiagnosticJson[] }[] }).files[0]!.diagnostics;
    const binary = diagnostics.filter((d) => d.code === 'input.binary');
    // Line 2, just after `{"call_id":2,"state":"h` (23 characters): the first byte that is not UTF-8.
    assert.deepEqual(binary.map((d) => [d.line, d.column, d.severity]), [[2, 24, 'error']]);
  });

  it('stops reading standard input past the size limit, as it arrives', async () => {
    let pulled = 0;
    const endless = new Readable({ highWaterMark: 1024, read() { pulled++; this.push(Buffer.alloc(1024, 0x20)); } });
    const result = await readStdin(endless, 10 * 1024);
    assert.deepEqual(result, { error: 'standard input: more than 10 KiB, the most this command reads; split the capture' });
    // The 11 chunks that pass the limit, and at most the stream's one chunk of read-ahead.
    assert.ok(pulled <= 13, `read ${pulled} chunks`);
  });
});
