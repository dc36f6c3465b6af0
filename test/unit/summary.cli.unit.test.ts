// `call-events summary`: the README's contract for its three formats and exit codes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { callEvent, jsonLines, ROOT } from './helpers';

const TRANSFER = path.join(ROOT, 'samples', 'transfer.jsonl');
const VOICEMAIL = path.join(ROOT, 'samples', 'voicemail.jsonl');

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {}, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

/** A small RFC 4180 reader, written here so the test does not trust the writer: records of fields, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { record.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i += 2; continue; }
    assert.ok(c !== '\r' && c !== '\n' && c !== '"', `bare ${JSON.stringify(c)} outside quotes at ${i}`);
    field += c; i++;
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  assert.equal(record.length, 0);
  return records;
}

const HEADER = [
  'id', 'direction', 'start', 'end', 'customer_number', 'customer_name', 'entered_via_name', 'entered_via_type', 'outcome',
  'transferred', 'transfers', 'first_agent', 'last_agent', 'agents', 'wait_ms', 'hold_ms', 'talk_ms', 'ring_ms',
  'csat_score', 'pcsat_score', 'recordings', 'voicemail_link', 'transcription', 'recap_summary', 'recap_outcome',
  'dispositions', 'complete', 'notes',
];

function tempCapture(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));
  const file = path.join(dir, 'capture.jsonl');
  fs.writeFileSync(file, text);
  return file;
}

describe('call-events summary', () => {
  it('json: the contract\'s keys in order, ids as strings, the transfer sample\'s answers', async () => {
    const result = await run(['summary', '--format', 'json', TRANSFER]);
    assert.equal(result.code, 0);
    assert.equal(result.out.length, 1);
    const { flows } = JSON.parse(result.out[0]!) as { flows: Record<string, unknown>[] };
    assert.equal(flows.length, 1);
    const flow = flows[0]!;
    assert.deepEqual(Object.keys(flow), [
      'id', 'direction', 'start', 'end', 'customer', 'entered_via', 'outcome', 'transferred', 'transfers', 'first_agent', 'last_agent',
      'agents', 'wait_ms', 'hold_ms', 'talk_ms', 'ring_ms', 'csat_score', 'pcsat_score', 'recordings', 'voicemail_link', 'transcription',
      'recap_summary', 'recap_outcome', 'dispositions', 'complete', 'notes',
    ]);
    assert.equal(flow.id, '4611909857034240');
    assert.deepEqual(flow.first_agent, { call_id: '5318860042543104', name: 'Marcus Reed' });
    assert.deepEqual(flow.last_agent, { call_id: '6742083395420160', name: 'Aiko Tanaka' });
    assert.deepEqual(flow.customer, { number: '+13035550161', name: 'Hannah Schmidt' });
    assert.deepEqual(flow.entered_via, { name: 'Sales', type: 'callcenter' });
    assert.deepEqual((flow.agents as Record<string, unknown>[])[0], {
      call_id: '5318860042543104', name: 'Marcus Reed', role: 'operator', connected_at: 1776776759958, talk_ms: 60449, hold_ms: 23410,
      dialpad_talk_ms: null, dialpad_hold_ms: null,
    });
    assert.equal(flow.hold_ms, 23410);
    assert.equal(flow.complete, true);
  });

  it('csv: a header and one row per flow, CRLF, that an RFC 4180 reader reads back', async () => {
    const result = await run(['summary', '--format', 'csv', TRANSFER, VOICEMAIL]);
    assert.equal(result.code, 0);
    const records = parseCsv(result.out.map((line) => `${line}\n`).join(''));
    assert.deepEqual(records[0], HEADER);
    assert.equal(records.length, 4);
    const rows = records.slice(1).map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]])));
    assert.ok(records.every((r) => r.length === HEADER.length));
    assert.equal(rows[0]!.agents, 'Marcus Reed; Aiko Tanaka');
    assert.equal(rows[0]!.first_agent, 'Marcus Reed');
    assert.equal(rows[0]!.last_agent, 'Aiko Tanaka');
    assert.equal(rows[0]!.customer_number, '\'+13035550161', 'a leading + would make a spreadsheet read a formula or a number');
    assert.equal(rows[1]!.outcome, 'voicemail');
    assert.equal(rows[1]!.wait_ms, '', 'null is an empty cell');
    assert.match(rows[1]!.transcription!, /^Hi Olivia, this is Ahmed Karimi calling about invoice 4471, I think/, 'commas inside quotes');
    assert.equal(rows[2]!.csat_score, '4');
  });

  it('csv: untrusted names with quotes, commas, line breaks and formulas stay inside their cell and inert', async () => {
    const file = tempCapture(jsonLines(
      callEvent({ state: 'connected', date_ended: null, duration: null, total_duration: null, target: { name: '=HYPERLINK("http://x","y")', phone: '+14155550199' }, contact: { name: 'Line\r\nbreak, "quoted"' } }),
      callEvent({ state: 'hangup', target: { name: '=HYPERLINK("http://x","y")', phone: '+14155550199' }, contact: { name: 'Line\r\nbreak, "quoted"' } }),
    ));
    const records = parseCsv((await run(['summary', '--format', 'csv', file])).out.map((l) => `${l}\n`).join(''));
    assert.equal(records.length, 2);
    const row = Object.fromEntries(HEADER.map((h, i) => [h, records[1]![i]]));
    assert.equal(row.first_agent, '\'=HYPERLINK("http://x","y")');
    assert.equal(row.agents, '\'=HYPERLINK("http://x","y")');
    assert.equal(row.customer_name, 'Line\r\nbreak, "quoted"');
  });

  it('text: one aligned line per flow, control characters removed', async () => {
    const result = await run(['summary', TRANSFER, VOICEMAIL]);
    assert.equal(result.code, 0);
    assert.deepEqual(result.out, [
      '4611909857034240  2026-04-21 13:05:48Z  answered   answered by Marcus Reed, transferred once to Aiko Tanaka · waited 11 s · held 23 s',
      '6295318437462016  2026-06-02 10:48:31Z  voicemail  voicemail left',
      '5183462961594368  2026-06-02 13:02:36Z  answered   answered by Olivia Martins · waited 8 s',
    ]);
    const file = tempCapture(jsonLines(callEvent({ target: { name: 'Evil\u001b]0;pwned\u0007Name' } })));
    const evil = await run(['summary', file]);
    assert.ok(!/[\u0000-\u001f]/.test(evil.out.join('')), evil.out.join(''));
  });

  it('exit 2 for bad usage or an unreadable file; --help prints the help', async () => {
    assert.equal((await run(['summary'])).code, 2);
    const bad = await run(['summary', '--format', 'xml', TRANSFER]);
    assert.equal(bad.code, 2);
    assert.match(bad.err[0]!, /--format must be text, json or csv/);
    const missing = await run(['summary', path.join(ROOT, 'no-such-file.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err[0]!, /no such file/);
    const help = await run(['summary', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out[0]!, /^Usage: call-events summary \[--secret S\] \[--format text\|json\|csv\] FILE\.\.\./);
  });
});
