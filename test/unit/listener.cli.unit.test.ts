// `call-events listen`: the command line contract in-process, then the built dist/cli.js as a real
// process: SIGTERM and SIGINT end it with exit 0 and a complete file, kill -9 under load loses
// nothing that was answered.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';
import { main } from '../../src/cli';
import { runListen } from '../../src/cli/listen';
import { CaptureServer, isLoopbackHost } from '../../src/listener/captureServer';
import { callEvent, inspect, ROOT } from './helpers';
import { captureRecords, post, request, tempDir } from './listenerHelpers';
import { CLI, ensureBuilt } from './builtCli';



/** A running `call-events listen`, its URL (from the first stdout line) and everything it printed. */
interface Listener {
  child: ChildProcess;
  url: string;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function spawnListener(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Listener> {
  const base = { ...process.env };
  delete base.CALL_EVENTS_SECRET;
  const child = spawn(process.execPath, [CLI, 'listen', ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    void exited.then(({ code }) => reject(new Error(`listen exited with ${code} before listening: ${stderr.join('\n')}`)));
  });
  lines.on('line', (line) => stdout.push(line));
  stdout.push(first);
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(first);
  assert.ok(match, `first stdout line: ${first}`);
  return { child, url: match[1]!, stdout, stderr, exited };
}

describe('call-events listen', function () {
  this.timeout(30_000);
  let dir = '';

  before(() => ensureBuilt());
  beforeEach(() => {
    dir = tempDir('listen-cli');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('usage', () => {
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, {}, (s) => out.push(s), (s) => err.push(s));
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    it('needs --out, a valid port, path and forward URL (exit 2 with help)', async () => {
      for (const [argv, message] of [
        [['listen'], /--out FILE is required/],
        [['listen', '--out', 'x', '--port', 'abc'], /--port must be a number/],
        [['listen', '--out', 'x', '--port', '70000'], /--port must be a number/],
        [['listen', '--out', 'x', '--path', 'webhook'], /--path must start with "\/"/],
        [['listen', '--out', 'x', '--forward-to', 'ftp://x'], /--forward-to must be an http/],
        [['listen', '--out', 'x', '--forward-to', 'http://exa mple/'], /Invalid URL/],
        [['listen', '--out', 'x', 'extra'], /Unexpected argument/],
      ] as const) {
        const result = await run([...argv]);
        assert.equal(result.code, 2, argv.join(' '));
        assert.match(result.err, message);
        assert.match(result.err, /Usage: call-events listen/);
      }
    });

    it('--help prints the listen help; the main help lists it as available', async () => {
      const help = await run(['listen', '--help']);
      assert.equal(help.code, 0);
      assert.match(help.out, /--forward-to URL/);
      assert.doesNotMatch((await run(['--help'])).out, /listen +\(not available/);
    });

    it('prints the URL first, then one line per request (time, path, size, verdict, status); exit 0 on stop', async () => {
      const out: string[] = [];
      const err: string[] = [];
      let stop: (signal: string) => void = () => undefined;
      const file = path.join(dir, 'capture.jsonl');
      const running = runListen(['--port', '0', '--path', '/hook', '--out', file], { CALL_EVENTS_SECRET: 's3cret' }, (s) => out.push(s), (s) => err.push(s),
        () => new Promise((resolve) => { stop = resolve; }));
      while (out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(out[0]!)![1]!;
      const token = await new SignJWT(callEvent()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('s3cret'));
      assert.equal((await post(`${url}hook`, token, 'application/jwt')).status, 200);
      assert.equal((await post(`${url}hook`, '{"call_id": 1}')).status, 401, 'CALL_EVENTS_SECRET is used');
      assert.equal((await post(`${url}other`, '{}')).status, 404);
      stop('SIGTERM');
      assert.equal(await running, 0);
      const lines = out.join('\n').split('\n'); // Request lines are written in batches.
      assert.equal(lines.length, 4);
      assert.match(lines[1]!, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z /hook ${token.length} accepted 200$`));
      assert.match(lines[2]!, /^\S+ \/hook 14 unsigned 401 Not a JWT/);
      assert.match(lines[3]!, /^\S+ \/other 2 wrong-path 404 Not found: this listener takes POST \/hook\.$/);
      assert.match(err.join('\n'), /stopped; 3 request\(s\) stored/, 'the POST to the wrong path is stored too');
    });

    it('knows which hosts are this machine only (anything else gets a warning)', () => {
      for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
      for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) assert.equal(isLoopbackHost(host), false, host);
    });
  });

  describe('the built command', () => {
    it('stops cleanly on SIGTERM and on SIGINT: exit 0, every answered body in the file', async () => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const file = path.join(dir, `${signal}.jsonl`);
        const listener = await spawnListener(['--port', '0', '--out', file]);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
        const bodies = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? `not json ${i}` : JSON.stringify(callEvent({ call_id: 7000 + i }))));
        const answers = await Promise.all(bodies.map((body) => request(listener.url, body, { agent })));
        agent.destroy();
        listener.child.kill(signal);
        const { code } = await listener.exited;
        assert.equal(code, 0, `${signal}: ${listener.stderr.join('\n')}`);
        assert.deepEqual(answers.map((a) => a.status), bodies.map((b) => (b.startsWith('not') ? 400 : 200)));
        assert.deepEqual(captureRecords(file).map((r) => r.body).sort(), [...bodies].sort());
        assert.ok(fs.readFileSync(file, 'utf8').endsWith('\n'));
        assert.equal(listener.stdout.length, 1 + bodies.length, 'the URL line, then one line per request');
      }
    });

    it('exits 2 naming the port when it is in use', async () => {
      const holder = new CaptureServer({ port: 0, captureFile: path.join(dir, 'holder.jsonl') });
      const { port } = await holder.start();
      try {
        const result = spawnSync(process.execPath, [CLI, 'listen', '--port', String(port), '--out', path.join(dir, 'x.jsonl')], { encoding: 'utf8', timeout: 10_000 });
        assert.equal(result.status, 2);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
      } finally {
        await holder.stop();
      }
    });

    it('kill -9 under load, then a restart on the same file: every answered request is in the file, and it opens', async () => {
      const file = path.join(dir, 'crash.jsonl');
      const secret = 'crash-secret';
      const token = (n: number) => new SignJWT(callEvent({ call_id: 9_000_000 + n })).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
      const first = await spawnListener(['--port', '0', '--out', file]);
      const answered = new Map<string, number>();
      let n = 0;
      let running = true;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
      const client = async () => {
        while (running) {
          const i = n++;
          const body = i % 3 === 0 ? await token(i) : i % 3 === 1 ? JSON.stringify(callEvent({ call_id: 8_000_000 + i })) : `{"broken": ${i},`;
          try {
            const answer = await request(first.url, body, { agent });
            answered.set(body, answer.status);
          } catch {
            // The listener died mid-request: no answer, no promise made.
          }
        }
      };
      const clients = Array.from({ length: 16 }, client);
      await new Promise((resolve) => setTimeout(resolve, 700));
      first.child.kill('SIGKILL');
      assert.equal((await first.exited).signal, 'SIGKILL');
      running = false;
      await Promise.all(clients);
      agent.destroy();
      assert.ok(answered.size > 20, `only ${answered.size} requests answered before the kill`);

      const second = await spawnListener(['--port', '0', '--out', file]);
      const after = [JSON.stringify(callEvent({ call_id: 1 })), JSON.stringify(callEvent({ call_id: 2 }))];
      for (const body of after) assert.equal((await post(second.url, body)).status, 200);
      second.child.kill('SIGTERM');
      assert.equal((await second.exited).code, 0);

      const stored = new Set(captureRecords(file).map((r) => r.body));
      for (const [body, status] of answered) assert.ok(stored.has(body), `answered ${status} but not in the file: ${body.slice(0, 60)}`);
      for (const body of after) assert.ok(stored.has(body));
      const read = await inspect(fs.readFileSync(file, 'utf8'));
      assert.equal(read.format, 'capture');
      const accepted = [...answered.values()].filter((status) => status === 200).length;
      assert.ok(read.events.length >= accepted + after.length, `${read.events.length} events read, ${accepted} were accepted`);
      // The only errors: in the deliberately broken bodies (kept with 400), and on at most one line cut by the kill.
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const parsed = lines.map((line) => { try { return JSON.parse(line) as Record<string, unknown>; } catch { return undefined; } });
      assert.ok(lines.filter((line, i) => line !== '' && parsed[i] === undefined).length <= 1, 'at most one cut line');
      const unexpected = read.view.filter((p) => p.severity === 'error' && parsed[p.line - 1] !== undefined && parsed[p.line - 1]!.verdict !== 'invalid');
      assert.deepEqual(unexpected, []);
    });
  });
});
