// Hostile bodies against `call-events listen` (the built dist/cli.js) on loopback, without and with a secret:
// 1 MiB bodies that used to freeze the listener ('{' lines, '{"a":1,' lines, unclosed strings, tiny items,
// a JWT whose claims are such a text, signed with the secret or forged), sent one after the other, while a
// normal sender POSTs a small event (a signed JWT with the secret) every 20 ms on its own connection.
// Prints the time to answer each hostile body, and the normal sender's latency (p50, p99, max) before the
// hostile bodies and while they are handled. Target: each hostile body answered within about a second, the
// normal sender within its usual latency meanwhile. Medians over BENCH_ROUNDS rounds (default 3) of each body.
// A measurement, not a test: it exits 0 unless an answer is missing. Run with `npm run bench:hostile-listen`.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { createInterface } = require('node:readline');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const SECRET = 'bench-secret';
const MIB = 1024 * 1024;

const b64url = (text) => Buffer.from(text).toString('base64url');
const jwt = (claimsText, secret = SECRET) => {
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(claimsText)}`;
  return `${head}.${crypto.createHmac('sha256', secret).update(head).digest('base64url')}`;
};
const fill = (size, unit) => unit.repeat(Math.floor(size / unit.length));
const event = (n) => JSON.stringify({ call_id: 5_000_000_000 + n, state: 'ringing', direction: 'inbound', date_started: 1764000000000 + n, external_number: '+14155550123', internal_number: '+14155550199' });

const HOSTILE = {
  '{ lines': fill(MIB - 16, '{\n'),
  '{"a":1, lines': fill(MIB - 16, '{"a":1,\n'),
  'unclosed strings': fill(MIB - 16, '{"a\n'),
  'tiny items': fill(MIB - 16, '{}\n'),
  'JWT of { lines, signed': jwt(fill(Math.floor((MIB - 200) * 3 / 4), '{\n')),
  'JWT of { lines, forged': jwt(fill(Math.floor((MIB - 200) * 3 / 4), '{\n'), 'not-the-secret'),
};

function startListener(file, secret) {
  const child = spawn(process.execPath, [CLI, 'listen', '--port', '0', '--out', file, ...(secret ? ['--secret', secret] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const url = new Promise((resolve, reject) => {
    lines.once('line', (line) => {
      const match = /^listening on (http:\/\/[^ ]+\/)$/.exec(line);
      if (match) resolve(match[1]); else reject(new Error(`unexpected first line: ${line}`));
      lines.on('line', () => undefined);
    });
    child.on('exit', (code) => reject(new Error(`listener exited (${code})`)));
  });
  return { child, url };
}

function send(agent, url, text) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const sorted = (values) => [...values].sort((a, b) => a - b);
const percentile = (values, p) => { const s = sorted(values); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const median = (values) => percentile(values, 50);
const ms = (value) => `${value.toFixed(1).padStart(7)} ms`;
const latency = (values) => `p50 ${ms(percentile(values, 50))}  p99 ${ms(percentile(values, 99))}  max ${ms(Math.max(...values))}  (${values.length} requests)`;

async function run(secret) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-hostile-listen-'));
  const listener = startListener(path.join(dir, 'capture.jsonl'), secret);
  try {
    const url = await listener.url;
    const normalAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const hostileAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let n = 0;
    let phase = 'before';
    const normal = { before: [], during: [] };
    let sending = true;
    const sender = (async () => {
      while (sending) {
        const text = secret ? jwt(event(n++)) : event(n++);
        const answer = await send(normalAgent, url, text);
        if (answer.status !== 200) throw new Error(`the normal sender got ${answer.status}`);
        if (phase !== 'after') normal[phase].push(answer.ms);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    phase = 'during';
    const answers = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, text] of Object.entries(HOSTILE)) {
        const answer = await send(hostileAgent, url, text);
        (answers[name] ??= { times: [], status: answer.status }).times.push(answer.ms);
      }
    }
    phase = 'after';
    sending = false;
    await sender;
    normalAgent.destroy();
    hostileAgent.destroy();
    console.log(`${secret ? 'with' : 'without'} a secret:`);
    for (const [name, { times, status }] of Object.entries(answers)) {
      console.log(`  ${name.padEnd(24)} (${(HOSTILE[name].length / MIB).toFixed(2)} MiB) answered ${status} in ${ms(median(times))} (median of ${times.length}, max ${ms(Math.max(...times))})`);
    }
    console.log(`  normal sender before:  ${latency(normal.before)}`);
    console.log(`  normal sender during:  ${latency(normal.during)}`);
  } finally {
    listener.child.kill('SIGTERM');
    await new Promise((resolve) => listener.child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync(CLI)) {
    console.error('bench: dist/cli.js is missing; run `npm run build` first (npm run bench:hostile-listen does).');
    return;
  }
  await run(undefined);
  await run(SECRET);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
