// Load benchmark of `call-events listen` (the built dist/cli.js) on loopback. 32 keep-alive clients POST
// a mix of JSON events, HS256 JWTs and malformed bodies, each body unique. Each run, on a fresh listener:
//   1. warm-up, BENCH_WARMUP s (default 2) at the paced rate, not counted (a fresh process compiles as it goes);
//   2. the disk's floor, BENCH_SECONDS / 2: the same appends and fdatasync at the same rate without HTTP
//      (the listener cannot answer faster than its disk syncs; on a busy disk fsync's tail alone can exceed 20 ms);
//   3. paced, BENCH_SECONDS (default 10) at BENCH_RATE (default 2,000) events/s, latency counted from each
//      request's scheduled time, so a stall is never hidden by clients that waited (no coordinated omission);
//   4. saturation, BENCH_SECONDS: each client sends as soon as its previous answer arrives.
// Prints events/s, p50/p99 latency and counts by status, checks every answer (JSON and JWT 200, malformed
// 400) and that every body is in the capture file exactly once; then the medians over BENCH_RUNS runs
// (default 3). Target: 2,000 events/s sustained with p99 < 20 ms. BENCH_SECRET=1 gives the listener a
// secret (JWTs verified, plain JSON gets 401); BENCH_NODE_ARGS passes flags to its node (e.g. --cpu-prof).
// A measurement, not a test: it exits 0 unless a request is lost, duplicated or misanswered.
// Run with `npm run bench:listen` (builds dist/ first).
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
const CLIENTS = Number(process.env.BENCH_CLIENTS) || 32;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const RUNS = Number(process.env.BENCH_RUNS) || 3;
const RATE = Number(process.env.BENCH_RATE) || 2000;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const WITH_SECRET = process.env.BENCH_SECRET === '1';
const SECRET = 'bench-secret';
const TARGET_RATE = 2000;
const TARGET_P99_MS = 20;

const b64url = (text) => Buffer.from(text).toString('base64url');

/** A call event shaped like the vendor's, with a unique call id. */
function event(n) {
  return {
    call_id: 5_000_000_000_000_000 + n, state: ['ringing', 'connected', 'hangup'][n % 3], direction: 'inbound',
    master_call_id: null, entry_point_call_id: null, operator_call_id: null,
    date_started: 1764000000000 + n, date_rang: 1764000001000 + n, date_connected: 1764000005000 + n, date_ended: 1764000065000 + n,
    duration: 60000, total_duration: 65000, external_number: '+14155550123', internal_number: '+14155550199',
    target: { phone: '+14155550199', type: 'user', id: 5908860123456789, name: 'Maya Chen', email: 'maya@example.com', office_id: 4632479632575683 },
    contact: { phone: '+14155550123', type: 'local', id: 123, name: 'Daniel Okafor', email: '' },
    entry_point_target: {}, proxy_target: {}, group_id: null, is_transferred: false, was_recorded: false,
  };
}

/** HS256 compact JWT of the claims (node:crypto, so the client stays cheap). */
function jwt(claims) {
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${crypto.createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}

/** The n-th body of the mix (4 JSON : 4 JWT : 2 malformed) and the status a correct listener answers. */
function body(n) {
  const kind = n % 10;
  if (kind < 4) return { text: JSON.stringify(event(n)), contentType: 'application/json', expect: WITH_SECRET ? 401 : 200 };
  if (kind < 8) return { text: jwt(event(n)), contentType: 'application/jwt', expect: 200 };
  if (kind === 8) return { text: `{"call_id": ${n}, "state": "ringing"`, contentType: 'application/json', expect: WITH_SECRET ? 401 : 400 };
  return { text: `not an event ${n}`, contentType: 'text/plain', expect: WITH_SECRET ? 401 : 400 };
}

function startListener(file) {
  const args = [CLI, 'listen', '--port', '0', '--out', file, ...(WITH_SECRET ? ['--secret', SECRET] : [])];
  const nodeArgs = (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  const lines = createInterface({ input: child.stdout });
  let requestLines = 0;
  const url = new Promise((resolve, reject) => {
    lines.once('line', (line) => {
      const match = /^listening on (http:\/\/[^ ]+\/)$/.exec(line);
      if (match) resolve(match[1]); else reject(new Error(`unexpected first line: ${line}`));
      lines.on('line', () => { requestLines++; });
    });
    exited.then(({ code }) => reject(new Error(`listener exited (${code}): ${stderr}`)));
  });
  return { child, url, exited, requestLines: () => requestLines };
}

function send(agent, url, item) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': item.contentType, 'content-length': Buffer.byteLength(item.text) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    req.end(item.text);
  });
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime and stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One phase of load on the listener. With `rate`, each client sends on a fixed schedule (32 clients
 * share `rate` requests/s) and latency counts from the scheduled time, so a stall is never hidden
 * by clients that waited (no coordinated omission); without it, each client sends as soon as its
 * previous answer arrives (saturation).
 */
async function phase(url, agent, sent, first, rate, duration = SECONDS, pid = undefined) {
  const cpuBefore = cpuMs(pid);
  const latencies = [];
  const byStatus = {};
  let wrong = 0;
  let next = first;
  const started = performance.now();
  const end = started + duration * 1000;
  async function client(k) {
    for (let i = 0; ; i++) {
      let scheduled = performance.now();
      if (rate) {
        scheduled = started + ((i * CLIENTS + k) / rate) * 1000;
        if (scheduled >= end) return;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      } else if (scheduled >= end) {
        return;
      }
      const item = body(next++);
      const answer = await send(agent, url, item);
      latencies.push(performance.now() - scheduled);
      byStatus[answer.status] = (byStatus[answer.status] || 0) + 1;
      if (answer.status !== item.expect) wrong++;
      sent.set(item.text, answer.status);
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const cpuAfter = cpuMs(pid);
  return {
    events: latencies.length, seconds, rate: latencies.length / seconds, byStatus, wrong, next,
    cpuPerEvent: cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / latencies.length,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1],
  };
}

/**
 * The disk's own floor: lines of the same size appended at the same rate with the same group commit
 * (write, then fdatasync, then acknowledge) and no HTTP at all. The listener cannot answer faster than this.
 */
async function diskFloor(dir, rate, seconds) {
  const handle = await fs.promises.open(path.join(dir, 'floor.jsonl'), 'a');
  const line = Buffer.from(`${'x'.repeat(1400)}\n`);
  const queue = [];
  const latencies = [];
  let busy = false;
  async function commit() {
    if (busy || queue.length === 0) return;
    busy = true;
    const batch = queue.splice(0);
    await handle.write(Buffer.concat(batch.map(() => line)));
    await handle.datasync();
    const now = performance.now();
    for (const t of batch) latencies.push(now - t);
    busy = false;
    commit();
  }
  const started = performance.now();
  let due = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - started >= seconds * 1000) {
        clearInterval(timer);
        const wait = setInterval(() => { if (!busy && queue.length === 0) { clearInterval(wait); resolve(); } }, 5);
        return;
      }
      // Arrivals on the exact schedule, timestamped with their scheduled time.
      while (due < ((now - started) / 1000) * rate) queue.push(started + (due++ / rate) * 1000);
      commit();
    }, 1);
  });
  await handle.close();
  latencies.sort((a, b) => a - b);
  return { events: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] };
}

function describe(name, r) {
  return `  ${name}: ${r.events} events in ${r.seconds.toFixed(1)} s = ${Math.round(r.rate)} events/s; ` +
    `latency p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms; status ${JSON.stringify(r.byStatus)}; wrong answers ${r.wrong}` +
    (r.cpuPerEvent === undefined ? '' : `; listener CPU ${Math.round(r.cpuPerEvent)} µs/event`);
}

async function run(index) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-listen-bench-'));
  const file = path.join(dir, 'capture.jsonl');
  const listener = startListener(file);
  const url = await listener.url;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const sent = new Map();
  // A fresh process compiles as it goes: its first second or so is not its steady state.
  const pid = listener.child.pid;
  const load = os.loadavg()[0];
  const warm = await phase(url, agent, sent, 0, RATE, WARMUP, pid);
  const floor = await diskFloor(dir, RATE, SECONDS / 2);
  const paced = await phase(url, agent, sent, warm.next, RATE, SECONDS, pid);
  const saturated = await phase(url, agent, sent, paced.next, 0, SECONDS, pid);
  agent.destroy();
  listener.child.kill('SIGTERM');
  const { code, stderr } = await listener.exited;
  // Every body in the file, exactly once.
  const seen = new Map();
  let lines = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    lines++;
    const record = JSON.parse(line);
    seen.set(record.body, (seen.get(record.body) || 0) + 1);
  }
  let missing = 0;
  let duplicated = 0;
  for (const text of sent.keys()) {
    const count = seen.get(text) || 0;
    if (count === 0) missing++;
    if (count > 1) duplicated++;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`run ${index + 1} (load average ${load.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after; ${os.cpus().length} CPUs shared with the clients):`);
  console.log(describe(`warm-up (${WARMUP} s, not counted)`, warm));
  console.log(`  disk floor (append + fdatasync at ${RATE}/s, no HTTP): p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms, max ${floor.max.toFixed(1)} ms`);
  console.log(describe(`paced at ${RATE}/s`, paced));
  console.log(describe('saturation', saturated));
  console.log(`  capture: ${lines} lines for ${sent.size} requests, missing ${missing}, duplicated ${duplicated}; listener exit ${code}, ${listener.requestLines()} request lines printed`);
  if (code !== 0) console.log(stderr);
  return { floor, paced, saturated, lost: missing + duplicated + paced.wrong + saturated.wrong + (code === 0 ? 0 : 1) };
}

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm run bench:listen does).');
  console.log(`call-events listen: ${CLIENTS} keep-alive clients, mix 4 JSON : 4 JWT : 2 malformed${WITH_SECRET ? ', with a secret' : ''}; ` +
    `per run ${SECONDS} s paced at ${RATE} events/s, then ${SECONDS} s at saturation; ${RUNS} run(s)`);
  console.log(`node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}`);
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await run(i));
  const m = (pick) => median(results.map(pick));
  const pacedRate = m((r) => r.paced.rate);
  const pacedP99 = m((r) => r.paced.p99);
  const ok = pacedRate >= RATE * 0.98 && pacedP99 < TARGET_P99_MS;
  const lost = results.reduce((sum, r) => sum + r.lost, 0);
  console.log(`median of ${RUNS}:`);
  console.log(`  paced: ${Math.round(pacedRate)} events/s sustained, p50 ${m((r) => r.paced.p50).toFixed(2)} ms, p99 ${pacedP99.toFixed(2)} ms ` +
    `(target ${TARGET_RATE} events/s with p99 < ${TARGET_P99_MS} ms: ${ok ? 'met' : 'NOT met'})`);
  console.log(`  disk floor: p50 ${m((r) => r.floor.p50).toFixed(2)} ms, p99 ${m((r) => r.floor.p99).toFixed(2)} ms (the listener's latency cannot go below the disk's)`);
  console.log(`  saturation: ${Math.round(m((r) => r.saturated.rate))} events/s, p50 ${m((r) => r.saturated.p50).toFixed(2)} ms, p99 ${m((r) => r.saturated.p99).toFixed(2)} ms`);
  if (results[0].saturated.cpuPerEvent !== undefined) {
    const cpu = m((r) => r.saturated.cpuPerEvent);
    console.log(`  listener CPU: ${Math.round(cpu)} µs per event at saturation (one core's capacity: about ${Math.round(1e6 / cpu)} events/s)`);
  }
  console.log(`  ${lost === 0 ? 'every request answered correctly and every body persisted exactly once' : `${lost} requests lost, duplicated or misanswered`}`);
  if (lost > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
