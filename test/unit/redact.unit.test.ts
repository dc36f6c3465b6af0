// Redaction (issue 14): no personal value survives, the flows read the same, pseudonyms are consistent,
// and the output keeps the input's shape. Personal values are collected from the input by field, here,
// independently of the redactor's own field rules.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { answersOfGraph } from '../../src/core/answers';
import { answersToJson } from '../../src/core/answersOutput';
import { formatCaptureRecord, formatForwardRecord } from '../../src/core/captureRecord';
import { graphToJson } from '../../src/core/graphJson';
import { inspectDocument } from '../../src/core/inspect';
import { fictionalNumber } from '../../src/core/pseudonyms';
import { readCapture } from '../../src/core/reader';
import { redactCaptures } from '../../src/core/redactCapture';
import { main } from '../../src/cli';
import { runReport } from '../../src/cli/report';
import { callEvent, jsonLines, ROOT } from './helpers';

const CORPUS = [
  ...fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.jsonl') || f === 'vendor-sample-stream.json').map((f) => path.join('samples', f)),
  ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => /\.jsonl?$/.test(f)).map((f) => path.join('test', 'fixtures', f)),
];

const PARTY_KEYS = ['contact', 'target', 'entry_point_target', 'proxy_target'];
const PERSONAL_TOP = ['external_number', 'internal_number', 'selected_caller_id', 'transcription_text', 'custom_data', 'recap_summary', 'recap_outcome',
  'voicemail_link', 'voicemail_share_link', 'public_call_review_share_link', 'company_call_review_share_link'];
const PERSONAL_LISTS = ['csat_transcriptions', 'recording_url', 'screen_recording_urls', 'call_recording_share_links', 'admin_call_recording_share_links', 'csat_recording_urls', 'recap_purposes', 'recap_action_items'];

/** The personal values of a capture's events, by field (the vendor's field list). */
function personalValues(text: string): Set<string> {
  const found = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim() !== '' && v !== 'blocked') found.add(v);
    else if (Array.isArray(v)) v.forEach(add);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(add);
  };
  for (const event of readCapture(text).events) {
    const value = event.value as Record<string, unknown> | undefined;
    if (!value) continue;
    for (const key of PARTY_KEYS) {
      const party = value[key] as Record<string, unknown> | undefined;
      if (party && typeof party === 'object') for (const k of ['name', 'phone', 'email']) add(party[k]);
    }
    for (const key of [...PERSONAL_TOP, ...PERSONAL_LISTS]) add(value[key]);
    for (const detail of (value.recording_details as { url?: unknown }[] | undefined) ?? []) add(detail.url);
  }
  return found;
}

/** Every string of every event of a capture (keys and values), at any depth. */
function strings(text: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) { out.push(k); walk(x); }
  };
  for (const event of readCapture(text).events) walk(event.value);
  return out;
}

/** Asserts `b` is `a` with some strings consistently renamed: the same structure, a one-to-one map between the strings that differ. */
function assertSameUpToRenaming(a: unknown, b: unknown, where = '$', map = new Map<string, string>(), back = new Map<string, string>()): void {
  if (typeof a === 'string' && typeof b === 'string') {
    const known = map.get(a);
    assert.equal(known ?? b, b, `${where}: "${a}" was renamed to "${known}" elsewhere, here to "${b}"`);
    assert.equal(back.get(b) ?? a, a, `${where}: "${b}" stands for two values`);
    map.set(a, b);
    back.set(b, a);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${where}: length`);
    a.forEach((x, i) => assertSameUpToRenaming(x, b[i], `${where}[${i}]`, map, back));
    return;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    assert.deepEqual(Object.keys(a), Object.keys(b), `${where}: keys`);
    for (const k of Object.keys(a)) assertSameUpToRenaming((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`, map, back);
    return;
  }
  assert.deepEqual(b, a, where);
}

async function redactOne(text: string, options: { ids?: boolean; secret?: string } = {}) {
  const [result] = await redactCaptures([{ text }], options);
  return result!;
}

describe('redact', () => {
  describe('the corpus', () => {
    for (const file of CORPUS) {
      it(`leaves no personal value of ${file} anywhere`, async () => {
        const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
        const personal = personalValues(text);
        assert.ok(personal.size > 0, 'the file has personal values to hide');
        const redacted = await redactOne(text);
        const all = strings(redacted.text);
        for (const value of personal) {
          for (const s of all) assert.ok(!s.includes(value), `"${value}" survives in "${s}"`);
          assert.ok(!redacted.text.includes(value) && !redacted.text.includes(JSON.stringify(value).slice(1, -1)), `"${value}" survives in the text`);
        }
      });

      it(`keeps the graph and the answers of ${file} (names mapped)`, async () => {
        const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
        const redacted = await redactOne(text);
        const [before, after] = [await inspectDocument(text), await inspectDocument(redacted.text)];
        assert.equal(after.events.length, before.events.length);
        const locate = () => ({ file: 'f', line: 0 });
        assert.deepEqual(graphToJson(after.graph, locate), graphToJson(before.graph, locate));
        assertSameUpToRenaming(answersOfGraph(before.graph).map(answersToJson), answersOfGraph(after.graph).map(answersToJson));
        // The copy is written as valid JSON: a trailing comma or a repeated key of the input is gone, every other diagnostic stays.
        const written = (code: string) => !code.startsWith('syntax.') && code !== 'json.duplicate-key';
        assert.deepEqual(after.problems.map((p) => p.code).filter(written), before.problems.map((p) => p.code).filter(written), 'the same diagnostics');
      });
    }
  });

  describe('pseudonyms', () => {
    it('gives the same value the same pseudonym across events and files, and different values different ones', async () => {
      const a = callEvent({ call_id: 1, contact: { phone: '+14155550123', type: 'local', name: 'Daniel Okafor', email: 'd@example.com' } });
      const b = callEvent({ call_id: 2, contact: { phone: '+14155550124', type: 'local', name: 'Ana Ruiz', email: 'ana@example.com' }, external_number: '+14155550124' });
      const [one, two] = await redactCaptures([{ text: jsonLines(a, b) }, { text: jsonLines(a) }]);
      const [ra, rb] = readCapture(one!.text).events.map((e) => e.value as Record<string, Record<string, unknown>>);
      const [ra2] = readCapture(two!.text).events.map((e) => e.value as Record<string, Record<string, unknown>>);
      assert.deepEqual(ra2, ra);
      assert.equal(ra!.contact!.name, 'Contact 1');
      assert.equal(rb!.contact!.name, 'Contact 2');
      assert.equal(ra!.target!.name, 'User 1', 'the same agent on both');
      assert.equal(rb!.target!.name, 'User 1');
      assert.notEqual(ra!.contact!.phone, rb!.contact!.phone);
      assert.equal(ra!.external_number, ra!.contact!.phone, 'external_number and contact.phone were the same number');
      assert.equal(ra!.contact!.email, 'email-2@redacted.invalid');
    });

    it('names targets by their type', async () => {
      const event = callEvent({
        target: { type: 'callcenter', name: 'Support', phone: '+14155550100' },
        entry_point_target: { type: 'department', name: 'Sales', phone: '+14155550101' },
        proxy_target: { type: 'office', name: 'HQ London' },
      });
      const value = readCapture((await redactOne(jsonLines(event))).text).events[0]!.value as Record<string, Record<string, unknown>>;
      assert.deepEqual([value.target!.name, value.entry_point_target!.name, value.proxy_target!.name], ['Call center 1', 'Department 1', 'Office 1']);
    });

    it('replaces every personal field, and the same values wherever else they occur', async () => {
      const event = callEvent({
        transcription_text: 'Hi, this is Daniel Okafor, call me at +14155550123',
        custom_data: '{"crm":"42"}',
        recap_summary: 'Caller asked about an invoice.',
        recap_outcome: 'Resolved',
        recap_action_items: [{ text: 'Send invoice' }],
        csat_transcriptions: ['Great help'],
        voicemail_link: 'https://dialpad.com/r/vm/1',
        recording_url: ['https://dialpad.com/r/1'],
        recording_details: [{ id: 1, url: 'https://dialpad.com/r/1', duration: 1000 }],
        call_recording_share_links: ['https://dialpad.com/shared/call/1'],
        contact: { phone: '+14155550123', type: 'google', id: 'https://www.google.com/m8/feeds/contacts/d%40example.com/base/7', name: 'Daniel Okafor', email: 'd@example.com' },
        routing_breadcrumbs: [{ breadcrumb_type: 'external_api', url: 'https://router.example.net/x', request: { caller: '+14155550123', note: 'VIP Daniel Okafor (d@example.com)' }, response: { agent_email: 'maya@example.com' } }],
        labels: ['Daniel Okafor'],
      });
      const out = (await redactOne(jsonLines(event))).text;
      const value = readCapture(out).events[0]!.value as Record<string, unknown>;
      for (const secret of ['Daniel', '+14155550123', 'd@example.com', 'maya@example.com', 'Maya Chen', 'invoice', 'Resolved', 'Great help', 'dialpad.com', 'google.com', 'router.example.net', 'crm', 'Send']) {
        assert.ok(!out.includes(secret), `"${secret}" survives: ${out}`);
      }
      assert.equal(value.transcription_text, '[redacted transcription_text 1]');
      assert.equal(value.voicemail_link, 'https://redacted.invalid/voicemail/1');
      assert.deepEqual(value.recording_url, ['https://redacted.invalid/recording/1']);
      assert.equal((value.recording_details as { url: string }[])[0]!.url, 'https://redacted.invalid/recording/1', 'the same link, the same pseudonym');
      assert.equal((value.contact as { id: string }).id, 'https://redacted.invalid/contact/1');
      const request = (value.routing_breadcrumbs as { request: Record<string, string> }[])[0]!.request;
      assert.equal(request.caller, value.external_number);
      assert.equal(request.note, `VIP Contact 1 (${(value.contact as { email: string }).email})`);
      assert.deepEqual(value.labels, ['Contact 1']);
    });

    it('replaces, inside other text, the longest known value at each place, one after another', async () => {
      const event = callEvent({
        contact: { name: 'Dana Wu', phone: '+14155550199', type: 'google' },
        target: { name: 'Dana Wu Jones', type: 'user', phone: '+14155550100' },
        routing_breadcrumbs: [{ request: { note: 'Dana Wu Jones and Dana Wu,Dana Wu.Dana W' } }],
      });
      const value = readCapture((await redactOne(jsonLines(event))).text).events[0]!.value as Record<string, unknown>;
      const request = (value.routing_breadcrumbs as { request: Record<string, string> }[])[0]!.request;
      assert.equal(request.note, 'User 1 and Contact 1,Contact 1.Dana W');
    });

    it('writes fictional numbers of the same country', () => {
      // NANP: 555-0100 to 555-0199 in any area code; UK: Ofcom's drama range 020 7946 0000-0999; elsewhere the code and length kept.
      assert.equal(fictionalNumber('1', 10, 1), '+12015550100');
      assert.equal(fictionalNumber('1', 10, 100), '+12015550199');
      assert.equal(fictionalNumber('1', 10, 101), '+12025550100');
      assert.equal(fictionalNumber('44', 10, 1), '+442079460000');
      assert.equal(fictionalNumber('44', 10, 1001), '+441614960000');
      assert.equal(fictionalNumber('33', 9, 1), '+33100000001');
    });

    it('never gives a pseudonym that is a value of the input', async () => {
      // +12015550100 is both the first NANP pseudonym and this caller's number: the caller gets another one.
      const event = callEvent({ external_number: '+12015550100', contact: { phone: '+12015550100', name: 'User 1' } });
      const out = (await redactOne(jsonLines(event))).text;
      assert.ok(!out.includes('+12015550100'));
      assert.ok(!out.includes('"User 1"'), 'a contact called "User 1" is not confused with the first user');
    });
  });

  describe('call ids', () => {
    it('keeps them unless --ids, which keeps their digit count and order, exactly above 2^53', async () => {
      const big = '12345678901234567891';
      const text = `{"call_id":${big},"state":"hangup","master_call_id":null}\n{"call_id":6295318437462016,"state":"hangup","master_call_id":${big},"routing_breadcrumbs":[{"request":{"call_id":${big}}}]}\n`;
      assert.ok((await redactOne(text)).text.includes(`"call_id":${big}`), 'kept exactly without --ids');
      const out = (await redactOne(text, { ids: true })).text;
      const ids = [...out.matchAll(/"(?:call_id|master_call_id)":(\d+)/g)].map((m) => m[1]!);
      assert.equal(ids.length, 4);
      assert.ok(!ids.includes(big) && !ids.includes('6295318437462016'));
      assert.deepEqual(ids.map((id) => id.length), [20, 16, 20, 20]);
      assert.equal(ids[2], ids[0], 'master_call_id names the same (replaced) leg');
      assert.equal(ids[3], ids[0], 'and so does the breadcrumb');
      assert.ok(BigInt(ids[0]!) > 2n ** 53n, 'written exactly, not rounded');
    });
  });

  describe('shapes', () => {
    it('keeps a listener capture file a capture file, bodies redacted, credentials masked', async () => {
      const body = JSON.stringify(callEvent());
      const text = [
        formatCaptureRecord({ seq: 1, received_at: '2026-01-01T00:00:00.000Z', method: 'POST', path: '/webhook?token=abc', content_type: 'application/json', size: body.length, status: 200, verdict: 'accepted', reason: null, body }),
        JSON.stringify({ ...JSON.parse(formatCaptureRecord({ seq: 2, received_at: '2026-01-01T00:00:01.000Z', status: 200, body })), headers: { authorization: 'Bearer s3cr3t', 'content-type': 'application/json' } }),
        formatForwardRecord({ seq: 1, forwarded_at: '2026-01-01T00:00:00.100Z', url: 'http://localhost:3000/hook', status: 200, latency_ms: 3, response_start: 'ok Maya Chen', error: null }),
      ].join('\n') + '\n';
      const out = await redactOne(text);
      assert.equal(out.format, 'capture');
      const read = readCapture(out.text);
      assert.equal(read.format, 'capture');
      assert.equal(read.events.length, 2);
      assert.equal((read.events[0]!.value as { target: { name: string } }).target.name, 'User 1');
      assert.equal(read.events[0]!.record!.path, '/webhook?redacted');
      assert.deepEqual(read.events[1]!.record!.headers, { authorization: '[masked]', 'content-type': 'application/json' });
      assert.equal((read.events[0]!.record!.forward as { response_start: string }).response_start, '[redacted response_start 1]');
      for (const secret of ['Maya', 's3cr3t', 'token=abc']) assert.ok(!out.text.includes(secret), secret);
    });

    it('turns JWT lines into JSON lines, or signs them again with the secret', async () => {
      const secret = 'webhook-secret';
      const key = new TextEncoder().encode(secret);
      const good = await new SignJWT(callEvent()).setProtectedHeader({ alg: 'HS256' }).sign(key);
      const forged = await new SignJWT(callEvent({ call_id: 7 })).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('other'));
      const text = `${good}\n${forged}\n`;
      const plain = await redactOne(text);
      assert.equal(plain.format, 'jwt-lines', 'the input\'s format');
      assert.equal(readCapture(plain.text).format, 'json-lines');
      assert.equal(readCapture(plain.text).events.length, 2);
      const signed = await redactOne(text, { secret });
      assert.equal(readCapture(signed.text).format, 'jwt-lines');
      const inspection = await inspectDocument(signed.text, { secret });
      assert.deepEqual(inspection.events.map((e) => e.jwt?.verdict), ['verified', 'bad-signature'], 'a forged token stays forged');
      assert.ok(!signed.text.includes(good.split('.')[1]!));
    });

    it('keeps an array an array, and a REST API list a list with its cursor', async () => {
      const array = await redactOne(`[\n  ${JSON.stringify(callEvent())}\n]\n`);
      assert.equal(readCapture(array.text).format, 'json-array');
      const list = await redactOne(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'api-call-list.json'), 'utf8'));
      const parsed = JSON.parse(list.text) as { cursor: string; items: unknown[] };
      assert.ok(parsed.cursor.startsWith('Cj8K'));
      assert.equal(parsed.items.length, list.events);
    });
  });

  describe('command line', () => {
    const run = async (argv: string[]) => {
      const out: string[] = [], err: string[] = [];
      const code = await main(argv, {}, (s) => out.push(s), (s) => err.push(s));
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    it('writes the copy, refuses to overwrite its input, and needs --out', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redact-'));
      const input = path.join(dir, 'in.jsonl');
      fs.writeFileSync(input, jsonLines(callEvent()));
      assert.equal((await run(['redact', input])).code, 2);
      const same = await run(['redact', input, '--out', path.join(dir, '.', 'in.jsonl')]);
      assert.equal(same.code, 2);
      assert.match(same.err, /is the input itself/);
      assert.equal(fs.readFileSync(input, 'utf8'), jsonLines(callEvent()), 'the input is untouched');
      const written = await run(['redact', input, '--out', path.join(dir, 'out.jsonl')]);
      assert.equal(written.code, 0);
      assert.match(written.err, /1 event\(s\) redacted/);
      assert.ok(fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').includes('"User 1"'));
      const stdout = await run(['redact', input, '--out', '-']);
      assert.equal(stdout.code, 0);
      assert.ok(stdout.out.includes('"Contact 1"') && !stdout.out.includes('Okafor'));
      fs.rmSync(dir, { recursive: true });
    });

    it('report --redact draws the redacted events only', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redact-report-'));
      fs.writeFileSync(path.join(dir, 'webview.js'), 'void 0;');
      fs.writeFileSync(path.join(dir, 'webview.css'), 'body{}');
      const input = path.join(ROOT, 'samples', 'call-center.jsonl');
      const html: string[] = [];
      const report = (redact: boolean) => runReport({ files: [input], outFile: '-', generator: 'x', assetDirectories: [dir], out: (s) => html.push(s), err: () => {}, ...(redact ? { redact } : {}) });
      assert.equal(await report(false), 0);
      assert.ok(html.pop()!.includes('Priya Raman'), 'the sample names its caller');
      assert.equal(await report(true), 0);
      const redacted = html.pop()!;
      for (const value of personalValues(fs.readFileSync(input, 'utf8'))) assert.ok(!redacted.includes(value), `"${value}" is in the report`);
      assert.ok(redacted.includes('Contact 1'));
      fs.rmSync(dir, { recursive: true });
    });

    it('report --redact reads a chunk at a time what redact reads so: the same report as of redact\'s own copy, no copy left behind', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redact-report-chunks-'));
      fs.writeFileSync(path.join(dir, 'webview.js'), 'void 0;');
      fs.writeFileSync(path.join(dir, 'webview.css'), 'body{}');
      // Two captures as one run (one set of pseudonyms), each larger than a redaction chunk (64 KiB).
      const inputs = ['transfer.jsonl', 'call-center.jsonl'].map((name) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8').repeat(40));
        assert.ok(fs.statSync(file).size > 64 * 1024);
        return file;
      });
      const leftovers = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('call-events-report-')).sort();
      const before = leftovers();
      const html = (files: string[], redact: boolean) => {
        const pieces: string[] = [];
        return runReport({ files, outFile: '-', generator: 'x', now: () => new Date(0), assetDirectories: [dir], out: (t) => pieces.push(t), err: () => {}, ...(redact ? { redact } : {}) })
          .then((code) => ({ code, text: pieces.join('') }));
      };
      const chunked = await html(inputs, true);
      assert.equal(chunked.code, 0);
      assert.deepEqual(leftovers(), before, 'the temporary copies are deleted');
      // The reference: the same captures redacted whole as one run (as before), then reported without --redact.
      const texts = await redactCaptures(inputs.map((file) => ({ text: fs.readFileSync(file, 'utf8') })));
      const copies = inputs.map((file, i) => {
        const copy = path.join(dir, `copy-${i}.jsonl`);
        fs.writeFileSync(copy, texts[i]!.text);
        return copy;
      });
      const reference = await html(copies, false);
      assert.equal(reference.code, 0);
      const named = copies.reduce((text, copy, i) => text.split(copy).join(inputs[i]!), reference.text);
      // Each report has its own random nonce: the rest is the same, byte for byte.
      const nonceFree = (text: string) => text.split(/nonce-([A-Za-z0-9+/=]+)/.exec(text)![1]!).join('NONCE');
      const a = nonceFree(chunked.text), b = nonceFree(named);
      const at = [...a].findIndex((c, i) => c !== b[i]);
      assert.ok(a === b, `the reports differ at ${at}: ${JSON.stringify(a.slice(at - 80, at + 80))} / ${JSON.stringify(b.slice(at - 80, at + 80))}`);
      for (const file of inputs) for (const value of personalValues(fs.readFileSync(file, 'utf8'))) assert.ok(!chunked.text.includes(value), `"${value}" is in the report`);
      fs.rmSync(dir, { recursive: true });
    });

    it('report --redact reads whole what must be (a JSON array), and names an unreadable capture', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redact-report-whole-'));
      fs.writeFileSync(path.join(dir, 'webview.js'), 'void 0;');
      fs.writeFileSync(path.join(dir, 'webview.css'), 'body{}');
      const sample = fs.readFileSync(path.join(ROOT, 'samples', 'call-center.jsonl'), 'utf8');
      const array = path.join(dir, 'array.json');
      fs.writeFileSync(array, JSON.stringify(sample.trim().split('\n').map((line) => JSON.parse(line) as unknown), null, 2));
      const out: string[] = [], err: string[] = [];
      const report = (files: string[]) => runReport({ files, outFile: '-', generator: 'x', assetDirectories: [dir], out: (t) => out.push(t), err: (t) => err.push(t), redact: true });
      assert.equal(await report([array]), 0);
      const text = out.join('');
      assert.ok(text.includes('Contact 1'));
      for (const value of personalValues(sample)) assert.ok(!text.includes(value), `"${value}" is in the report`);
      const missing = path.join(dir, 'missing.jsonl');
      assert.equal(await report([array, missing]), 2);
      assert.match(err.join('\n'), new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      fs.rmSync(dir, { recursive: true });
    });
  });
});
