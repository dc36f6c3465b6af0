import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompactSign, SignJWT } from 'jose';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import { DOCUMENTED_FIELDS, fieldDoc, stateDoc } from '../../src/core/fieldDocs';
import { hoverAt, MAX_CODE_LINES, MAX_ECHO, type HoverContent, type HoverOptions } from '../../src/core/hover';
import { inspectDocument, type Inspection } from '../../src/core/inspect';
import { CALLING_CODES, phoneRegion } from '../../src/core/phoneRegions';
import { callEventShape } from '../../src/core/schema';
import { CALL_STATES } from '../../src/core/states';
import { callEvent, jsonLines, ROOT, sample } from './helpers';

const SECRET = 'webhook-secret-for-tests';
const NASTY = '<img src=x onerror=alert(1)>**bold**[link](command:x)';
const UTC: HoverOptions = { timeZone: 'UTC' };
const NEW_YORK: HoverOptions = { timeZone: 'America/New_York' };

/** A document, its inspection, and hovers found by the text they point at. */
class Doc {
  private constructor(readonly text: string, readonly inspection: Inspection) {}

  static async of(text: string, secret?: string): Promise<Doc> {
    return new Doc(text, await inspectDocument(text, secret ? { secret } : {}));
  }

  /** Offset of the `nth` occurrence of `needle` at or after `from`, plus `into`. */
  find(needle: string, { from = 0, nth = 0, into = 1 }: { from?: number; nth?: number; into?: number } = {}): number {
    let at = this.text.indexOf(needle, from);
    for (let i = 0; i < nth && at >= 0; i++) at = this.text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" is in the document`);
    return at + into;
  }

  /** Start offset of a 0-based line. */
  line(index: number): number {
    let at = 0;
    for (let i = 0; i < index; i++) at = this.text.indexOf('\n', at) + 1;
    return at;
  }

  hover(offset: number, options: HoverOptions = UTC): HoverContent | undefined {
    return hoverAt(this.text, this.inspection, offset, options);
  }

  /** The hover on `needle` within line `line` (0-based), which must exist. */
  on(line: number, needle: string, options: HoverOptions = UTC, into = 1): HoverContent {
    const hover = this.hover(this.find(needle, { from: this.line(line), into }), options);
    assert.ok(hover, `a hover on ${needle} in line ${line + 1}`);
    return hover;
  }

  slice(hover: HoverContent): string {
    return this.text.slice(hover.range.start, hover.range.end);
  }
}

/** The kv lines of a hover as a record. */
function kvs(hover: HoverContent): Record<string, string> {
  return Object.fromEntries(hover.lines.filter((l) => l.kind === 'kv').map((l) => [l.key!, l.value!]));
}

function texts(hover: HoverContent): string[] {
  return hover.lines.filter((l) => l.kind === 'text').map((l) => l.text!);
}

function lineWithKey(hover: HoverContent, key: string) {
  return hover.lines.find((l) => l.kind === 'kv' && l.key === key);
}

/** The sample's events, parsed independently of the code under test. */
function events(name: string): Record<string, unknown>[] {
  return sample(name).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Index of the first line of a sample whose call_id is `callId` (the leg's first event in these samples). */
function firstEventOf(name: string, callId: string): number {
  return events(name).findIndex((e) => String(e.call_id) === callId);
}

async function sign(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

describe('hovers', () => {
  describe('on keys: the field documentation', () => {
    const cases: { line: number; needle: string; title: string; type: RegExp; blank?: RegExp }[] = [
      { line: 0, needle: '"call_id"', title: 'call_id', type: /int64 id .*read it as a string/ },
      { line: 0, needle: '"date_rang"', title: 'date_rang', type: /^integer, unix milliseconds UTC \(a decimal string in REST API records\)$/, blank: /outbound/ },
      { line: 3, needle: '"duration"', title: 'duration', type: /^float milliseconds$/, blank: /never connected/ },
      { line: 0, needle: '"external_number"', title: 'external_number', type: /E\.164/ },
      { line: 0, needle: '"entry_point_target"', title: 'entry_point_target', type: /object/, blank: /Inbound calls only/ },
      { line: 0, needle: '"office_id"', title: 'target.office_id', type: /int64 id/ },
      { line: 0, needle: '"event_timestamp"', title: 'event_timestamp', type: /unix milliseconds UTC/ },
    ];
    for (const c of cases) {
      it(`${c.title}`, async () => {
        const doc = await Doc.of(sample('direct-call.jsonl'));
        const hover = doc.on(c.line, c.needle);
        assert.equal(hover.title, c.title);
        assert.equal(doc.slice(hover), c.needle);
        assert.equal(hover.lines[0]!.kind, 'text');
        assert.ok(hover.lines[0]!.text!.length > 10);
        assert.match(kvs(hover).Type!, c.type);
        if (c.blank) assert.match(kvs(hover)['When blank']!, c.blank);
      });
    }

    it('keys inside list items and nested objects (voicemail recording_details, the vendor\'s ai_playbook)', async () => {
      const voicemail = await Doc.of(sample('voicemail.jsonl'));
      assert.equal(voicemail.on(4, '"recording_type"').title, 'recording_details[].recording_type');
      assert.match(kvs(voicemail.on(4, '"recording_type"')).Type!, /voicemail \| callrecording \| admincallrecording/);
      const vendor = await Doc.of(sample('vendor-sample-stream.json'));
      const topic = vendor.hover(vendor.find('"topic":'))!;
      assert.equal(topic.title, 'ai_playbook.topic_summary[].topic');
      assert.equal(vendor.hover(vendor.find('"playbook_adherence_rate"'))!.title, 'ai_playbook.playbook_adherence_rate');
    });

    it('an unknown top-level key says it is not documented; unknown nested keys say nothing', async () => {
      const doc = await Doc.of(jsonLines(callEvent({ surprise: 1, target: { phone: '+14155550199', extra: true } })));
      const hover = doc.on(0, '"surprise"');
      assert.equal(hover.title, 'surprise');
      assert.deepEqual(texts(hover), ['Not in the vendor\'s documentation: this field is passed through unchecked.']);
      assert.equal(doc.hover(doc.find('"extra"')), undefined);
    });
  });

  describe('on a state value', () => {
    it('the operator\'s connected event: what happened, its place in the leg, previous and next', async () => {
      const doc = await Doc.of(sample('call-center.jsonl'));
      const lines = events('call-center.jsonl');
      const hover = doc.on(5, '"connected"');
      assert.equal(hover.title, 'state: connected');
      assert.equal(doc.slice(hover), '"connected"');
      assert.equal(texts(hover)[0], stateDoc('connected')!.summary);
      const kv = kvs(hover);
      assert.equal(kv.Position, 'event 3 of 4 of this leg');
      // The operator leg is lines 3, 4, 5 and 7; the graph orders by event_timestamp.
      const seconds = (a: number, b: number) => ((lines[b]!.event_timestamp as number) - (lines[a]!.event_timestamp as number)) / 1000;
      assert.equal(kv.Previous, `ringing (${seconds(4, 5)} s earlier)`);
      const later = seconds(5, 7);
      assert.equal(kv.Next, `hangup (${Math.floor(later / 60)} min ${Math.round((later % 60) * 1000) / 1000} s later)`);
      assert.deepEqual(lineWithKey(hover, 'Previous')!.link, { callId: '6210744583716864', event: 4 });
      assert.deepEqual(lineWithKey(hover, 'Next')!.link, { callId: '6210744583716864', event: 7 });
    });

    it('the first and last events of a leg', async () => {
      const doc = await Doc.of(sample('direct-call.jsonl'));
      const first = kvs(doc.on(0, '"preanswer"'));
      assert.equal(first.Position, 'event 1 of 4 of this leg');
      assert.equal(first.Previous, 'none: this is the first event of the leg');
      const last = kvs(doc.on(3, '"hangup"'));
      assert.equal(last.Position, 'event 4 of 4 of this leg');
      assert.equal(last.Next, 'none: this is the last event of the leg');
    });

    it('the vendor stream, out of order in the file: positions follow time', async () => {
      const doc = await Doc.of(sample('vendor-sample-stream.json'));
      // The first object is call 5747322335264768's hangup, after its ringing (2nd object) and connected (4th).
      const hover = doc.hover(doc.find('"hangup"'))!;
      assert.equal(kvs(hover).Position, 'event 3 of 3 of this leg');
      assert.match(kvs(hover).Previous!, /^connected/);
      assert.equal(lineWithKey(hover, 'Previous')!.link!.event, 3);
    });

    it('a monitor state names what the supervisor did', async () => {
      const doc = await Doc.of(sample('monitored-barge.jsonl'));
      const hover = doc.on(10, '"barge"');
      assert.equal(hover.title, 'state: barge');
      assert.equal(kvs(hover).Phase, 'supervisor');
      assert.equal(kvs(hover).Position, 'event 4 of 5 of this leg');
    });

    it('an unknown state suggests the nearest known one', async () => {
      const doc = await Doc.of(jsonLines(callEvent({ state: 'ringin' })));
      const hover = doc.on(0, '"ringin"');
      assert.equal(hover.title, 'state: ringin');
      assert.equal(kvs(hover)['Did you mean'], 'ringing');
    });
  });

  describe('on a timestamp value', () => {
    it('date_connected of the operator leg: UTC, New York time, offset from date_started', async () => {
      const doc = await Doc.of(sample('call-center.jsonl'));
      const event = events('call-center.jsonl')[5]!;
      const hover = doc.on(5, `"date_connected":${event.date_connected}`, NEW_YORK, '"date_connected":'.length);
      assert.equal(hover.title, 'date_connected');
      assert.equal(doc.slice(hover), String(event.date_connected));
      const kv = kvs(hover);
      assert.equal(kv.UTC, new Date(event.date_connected as number).toISOString());
      assert.equal(kv.UTC, '2026-03-10T09:15:42.023Z');
      // `TZ=America/New_York date -d @1773134142.023`: daylight saving time began on 8 March 2026.
      assert.equal(kv.Local, '2026-03-10 05:15:42.023 (UTC-04:00, America/New_York)');
      assert.equal(kv['Since start'], `+${((event.date_connected as number) - (event.date_started as number)) / 1000} s after date_started`);
      assert.equal(kv['Since start'], '+5.705 s after date_started');
    });

    it('event_timestamp in UTC; date_started is the start of the leg', async () => {
      const doc = await Doc.of(sample('call-center.jsonl'));
      const event = events('call-center.jsonl')[0]!;
      const stamp = kvs(doc.on(0, `${event.event_timestamp}`, UTC, 0));
      assert.equal(stamp.Local, `${new Date(event.event_timestamp as number).toISOString().replace('T', ' ').replace('Z', '')} (UTC+00:00, UTC)`);
      assert.equal(stamp['Since start'], '+0.035 s after date_started');
      assert.equal(kvs(doc.on(0, `${event.date_started}`, UTC, 0))['Since start'], 'the start of the leg');
    });

    it('the vendor\'s pretty-printed stream, winter time in New York', async () => {
      const doc = await Doc.of(sample('vendor-sample-stream.json'));
      const hover = doc.hover(doc.find('1582853674998', { into: 0 }), NEW_YORK)!;
      assert.equal(hover.title, 'date_ended');
      assert.equal(kvs(hover).UTC, new Date(1582853674998).toISOString());
      assert.equal(kvs(hover).Local, '2020-02-27 20:34:34.998 (UTC-05:00, America/New_York)');
      assert.equal(kvs(hover)['Since start'], `+${(1582853674998 - 1582853645285) / 1000} s after date_started`);
    });

    it('a nested timestamp: recording_details[].start_time', async () => {
      const doc = await Doc.of(sample('voicemail.jsonl'));
      const detail = (events('voicemail.jsonl')[4]!.recording_details as { start_time: number }[])[0]!;
      const hover = doc.on(4, `"start_time":${detail.start_time}`, NEW_YORK, '"start_time":'.length);
      assert.equal(hover.title, 'recording_details[].start_time');
      assert.equal(kvs(hover).UTC, new Date(detail.start_time).toISOString());
      assert.equal(kvs(hover).Local, '2026-06-02 06:48:56.764 (UTC-04:00, America/New_York)');
      assert.equal(kvs(hover)['Since start'], '+25.56 s after date_started');
    });

    it('unix seconds where milliseconds belong, and JWT claims in seconds', async () => {
      const doc = await Doc.of(jsonLines(callEvent({ date_rang: 1764000001, iat: 1764000000 })));
      const rang = doc.on(0, '1764000001,', UTC, 0);
      assert.equal(kvs(rang).UTC, new Date(1764000001).toISOString());
      assert.ok(texts(rang).includes(`Before 1973 as milliseconds: if this is unix seconds it would be ${new Date(1764000001 * 1000).toISOString()}.`));
      const iat = doc.on(0, '1764000000}', UTC, 0);
      assert.equal(iat.title, 'iat');
      assert.equal(kvs(iat).UTC, new Date(1764000000 * 1000).toISOString());
    });

    it('an unknown time zone is said, not thrown', async () => {
      const doc = await Doc.of(sample('direct-call.jsonl'));
      const hover = doc.on(0, '1770133327312', { timeZone: 'Mars/Olympus_Mons' }, 0);
      assert.equal(kvs(hover).Local, 'unknown time zone "Mars/Olympus_Mons"');
    });
  });

  describe('on a duration value', () => {
    const cases: [number, string, string][] = [
      [204500, '3 min 24.5 s', '204500 ms'],
      [13303.755000000001, '13.304 s', '13303.755 ms'],
      [3723004.2, '1 h 2 min 3.004 s', '3723004.2 ms'],
      [0, '0 s', '0 ms'],
    ];
    for (const [ms, human, exact] of cases) {
      it(`${ms} ms`, async () => {
        const doc = await Doc.of(jsonLines(callEvent({ duration: ms })));
        const hover = doc.on(0, `"duration":${ms}`, UTC, '"duration":'.length);
        assert.equal(hover.title, 'duration');
        assert.deepEqual([kvs(hover).Duration, kvs(hover).Milliseconds], [human, exact]);
      });
    }

    it('total_duration on a sample and a recording\'s length', async () => {
      const doc = await Doc.of(sample('direct-call.jsonl'));
      assert.equal(kvs(doc.on(3, '250410.281', UTC, 0)).Duration, '4 min 10.41 s');
      const voicemail = await Doc.of(sample('voicemail.jsonl'));
      const hover = voicemail.on(4, '"duration":33370', UTC, '"duration":'.length);
      assert.equal(hover.title, 'recording_details[].duration');
      assert.equal(kvs(hover).Duration, '33.37 s');
    });
  });

  describe('on a call id value', () => {
    it('an operator leg, with a link to its first event', async () => {
      const doc = await Doc.of(sample('call-center.jsonl'));
      const hover = doc.on(5, '6210744583716864', UTC, 0);
      assert.equal(hover.title, 'call_id');
      assert.equal(doc.slice(hover), '6210744583716864');
      const role = hover.lines.find((l) => l.link && l.kind === 'text')!;
      assert.equal(role.text, 'operator leg of the flow 4863570291802112, 4 events in this file');
      assert.deepEqual(role.link, { callId: '6210744583716864', event: firstEventOf('call-center.jsonl', '6210744583716864') });
      assert.equal(kvs(hover)['Answers the entry point'], '4863570291802112');
      assert.deepEqual(lineWithKey(hover, 'Answers the entry point')!.link, { callId: '4863570291802112', event: 0 });
      assert.equal(kvs(hover).States, 'preanswer → ringing → connected → hangup');
    });

    it('says what happened to the customer in the leg\'s flow, in one line', async () => {
      const doc = await Doc.of(sample('transfer.jsonl'));
      const hover = doc.on(12, '6742083395420160', UTC, 0);
      assert.equal(kvs(hover).Flow, 'answered by Marcus Reed, transferred once to Aiko Tanaka · waited 11 s · held 23 s');
    });

    it('an entry point named by entry_point_call_id', async () => {
      const doc = await Doc.of(sample('call-center.jsonl'));
      const hover = doc.on(3, '"entry_point_call_id":4863570291802112', UTC, '"entry_point_call_id":'.length);
      assert.equal(hover.title, 'entry_point_call_id');
      assert.ok(texts(hover).includes('entry point leg that starts its flow, 5 events in this file'));
      assert.equal(kvs(hover).Operator, '6210744583716864');
    });

    it('monitor legs say how they joined', async () => {
      const doc = await Doc.of(sample('monitored-barge.jsonl'));
      const barge = doc.on(7, '6917402258563072', UTC, 0);
      assert.ok(texts(barge).includes('monitor (barge) leg of the flow 4708925536329728, 5 events in this file'));
      assert.equal(kvs(barge)['Joined the entry point'], '4708925536329728');
      const takeover = doc.on(12, '5034651187347456', UTC, 0);
      assert.ok(texts(takeover).includes('monitor (takeover) leg of the flow 4708925536329728, 4 events in this file'));
      assert.equal(barge.lines.find((l) => l.kind === 'text' && l.link)!.link!.event, firstEventOf('monitored-barge.jsonl', '6917402258563072'));
    });

    it('an operator the capture cannot yet prove says so, and why', async () => {
      const pending = { date_ended: null, duration: null, total_duration: null };
      const midCall = await Doc.of(jsonLines(
        callEvent({ call_id: 30, state: 'ringing', date_connected: null, ...pending }),
        callEvent({ call_id: 31, state: 'connected', entry_point_call_id: 30, ...pending }),
      ));
      const waiting = midCall.on(1, '31', UTC, 0);
      assert.ok(texts(waiting).includes('operator (unconfirmed) leg of the flow 30, 1 event in this file'), texts(waiting).join(' | '));
      assert.ok(texts(waiting).some((t) => t.startsWith('Unconfirmed: its entry point names no operator yet')), texts(waiting).join(' | '));
      const orphan = await Doc.of(jsonLines(callEvent({ call_id: 41, state: 'connected', entry_point_call_id: 40, ...pending })));
      const alone = orphan.on(0, '41', UTC, 0);
      assert.ok(texts(alone).includes('operator (unconfirmed) leg of the flow 40, 1 event in this file'), texts(alone).join(' | '));
      assert.ok(texts(alone).some((t) => t.startsWith('Unconfirmed: its entry point is not in this capture')), texts(alone).join(' | '));
      assert.equal(kvs(alone)['Answers the entry point'], '40 (not in this capture)');
    });

    it('transfers: the master call and the legs of a transfer', async () => {
      const doc = await Doc.of(sample('transfer.jsonl'));
      const master = doc.on(9, '"master_call_id":4611909857034240', UTC, '"master_call_id":'.length);
      assert.equal(master.title, 'master_call_id');
      assert.ok(texts(master).includes('entry point leg that starts its flow, 4 events in this file'));
      const recipient = doc.on(9, '5993174620258304', UTC, 0);
      assert.ok(texts(recipient).includes('entry point leg of the flow 4611909857034240, 4 events in this file'));
      assert.equal(kvs(recipient).Transfer, 'leg of transfer 1 of 1');
      assert.equal(recipient.lines.find((l) => l.kind === 'text' && l.link)!.link!.event, firstEventOf('transfer.jsonl', '5993174620258304'));
    });

    it('a reference to a call that is not in the capture, and an id above 2^53', async () => {
      // JSON.stringify cannot write 2^53 + 1: put the literal in by hand.
      const doc = await Doc.of(jsonLines(callEvent({ call_id: 1111, operator_call_id: 4242 })).replace('"call_id":1111', '"call_id":9007199254740993'));
      const missing = doc.on(0, '4242', UTC, 0);
      assert.equal(missing.title, 'operator_call_id');
      assert.ok(texts(missing).includes('Not in this capture: no event of this file has this call_id.'));
      assert.ok(missing.lines.every((l) => l.link === undefined));
      const big = doc.on(0, '9007199254740993', UTC, 0);
      assert.equal(kvs(big).Call, '9007199254740993');
      assert.ok(texts(big).includes('Beyond 2^53: JSON.parse would read it as 9007199254740992; read ids as strings.'));
      assert.deepEqual(big.lines.find((l) => l.kind === 'text' && l.link)!.link, { callId: '9007199254740993', event: 0 });
    });
  });

  describe('on a phone number value', () => {
    const cases: [string, string, string][] = [
      ['+16175550182', 'valid', 'North America (NANP) (+1)'],
      ['+18005550100', 'valid', 'North America (NANP), toll-free (+1)'],
      ['+442071838750', 'valid', 'United Kingdom (and Guernsey, Jersey, Isle of Man) (+44)'],
      ['+35312345678', 'valid', 'Ireland (+353)'],
      ['+77012345678', 'valid', 'Kazakhstan (+7)'],
      ['+74951234567', 'valid', 'Russia (+7)'],
      ['+8613812345678', 'valid', 'China (+86)'],
      ['+2250712345678', 'valid', 'Côte d\'Ivoire (+225)'],
      ['+999123456789', 'valid', 'unknown: no assigned calling code matches'],
      ['6175550182', 'not valid: E.164 is a +, a country code and the number, 8 to 15 digits in all, nothing else', 'unknown: no assigned calling code matches'],
      ['+1 617 555 0182', 'not valid: E.164 is a +, a country code and the number, 8 to 15 digits in all, nothing else', 'North America (NANP) (+1)'],
    ];
    for (const [number, valid, country] of cases) {
      it(number, async () => {
        const doc = await Doc.of(jsonLines(callEvent({ external_number: number })));
        const hover = doc.on(0, `"external_number":"${number}"`, UTC, '"external_number":'.length);
        assert.equal(hover.title, 'external_number');
        assert.deepEqual([kvs(hover).Number, kvs(hover)['E.164'], kvs(hover).Country], [number, valid, country]);
      });
    }

    it('nested numbers: target.phone on a sample', async () => {
      const doc = await Doc.of(sample('call-center.jsonl'));
      const hover = doc.on(3, '"phone":"+1415', UTC, '"phone":'.length);
      assert.equal(hover.title, 'entry_point_target.phone');
      assert.equal(kvs(hover).Country, 'North America (NANP) (+1)');
    });

    it('the calling-code table is a prefix code, and every code is 1 to 3 digits', () => {
      const codes = Object.keys(CALLING_CODES);
      assert.ok(codes.length > 200);
      for (const code of codes) {
        assert.match(code, /^[1-9]\d{0,2}$/);
        for (const other of codes) if (other !== code) assert.ok(!other.startsWith(code), `${code} is a prefix of ${other}`);
      }
      assert.equal(phoneRegion('+4930123456')?.region, 'Germany');
      assert.equal(phoneRegion('4930123456'), undefined);
    });
  });

  describe('on a JWT', () => {
    it('a verified token: verdict, header and claims, on the whole token', async () => {
      const token = await sign(callEvent({ contact: { name: NASTY, phone: '+14155550123' } }));
      const doc = await Doc.of(`${token}\n`, SECRET);
      const hover = doc.hover(doc.find(token, { into: 10 }))!;
      assert.equal(hover.title, 'JWT: signature verified');
      assert.equal(doc.slice(hover), token);
      assert.equal(texts(hover)[0], 'HS256 signature verified with the webhook secret.');
      const code = hover.lines.filter((l) => l.kind === 'code').map((l) => l.text);
      assert.equal(code[0], JSON.stringify({ alg: 'HS256', typ: 'JWT' }, null, 2));
      assert.ok(code[1]!.startsWith('{\n  "call_id": 5747322335264768,\n  "state": "hangup",'));
      // Untrusted text comes back as data, verbatim: escaping is the adapter's job.
      assert.ok(code[1]!.includes(`"name": "${NASTY}"`));
      assert.equal(doc.hover(doc.find(token, { into: token.length })), undefined);
    });

    it('without a secret, and with the wrong one', async () => {
      const token = await sign(callEvent());
      assert.equal((await Doc.of(`${token}\n`)).hover(0)!.title, 'JWT: signature not verified');
      const wrong = (await Doc.of(`${token}\n`, 'another-secret')).hover(0)!;
      assert.equal(wrong.title, 'JWT: bad signature');
      assert.equal(texts(wrong)[0], 'Bad signature: this token was not signed with the configured webhook secret.');
    });

    it('claims keep ids above 2^53 exact, and stop after 60 lines', async () => {
      const claims = `{"call_id":9007199254740993,"state":"ringing",${Array.from({ length: 80 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
      const token = await new CompactSign(new TextEncoder().encode(claims)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
      const doc = await Doc.of(`${token}\n`, SECRET);
      const hover = doc.hover(5)!;
      const shown = hover.lines.filter((l) => l.kind === 'code')[1]!.text!.split('\n');
      assert.equal(shown.length, MAX_CODE_LINES);
      assert.equal(shown[1], '  "call_id": 9007199254740993,');
      // 84 lines in all: the braces, call_id, state and 80 more fields.
      assert.equal(hover.lines.at(-1)!.text, `… ${84 - MAX_CODE_LINES} more lines`);
    });

    it('a JWT in a capture record: the token inside the line', async () => {
      const token = await sign(callEvent());
      const text = `${formatCaptureRecord({ received_at: '2026-11-25T10:00:00.000Z', method: 'POST', path: '/hook', body: token })}\n`;
      const doc = await Doc.of(text, SECRET);
      const hover = doc.hover(doc.find(token, { into: 3 }))!;
      assert.equal(doc.slice(hover), token);
      assert.equal(hover.title, 'JWT: signature verified');
      assert.equal(doc.hover(doc.find('received_at')), undefined);
    });
  });

  describe('in a capture-file record (an escaped body)', () => {
    const name = 'Zoë "Z" \\ Ångström';
    const body = JSON.stringify(callEvent({ state: 'ringing', contact: { name, phone: '+14155550123' } }));
    const text = `${formatCaptureRecord({ received_at: '2026-11-25T10:00:00.000Z', method: 'POST', path: '/hook', body })}\n`;

    it('keys and values map through the escapes both ways', async () => {
      const doc = await Doc.of(text);
      const state = doc.hover(doc.find('ringing'))!;
      assert.equal(state.title, 'state: ringing');
      assert.equal(doc.slice(state), '\\"ringing\\"');
      const key = doc.hover(doc.find('date_connected'))!;
      assert.equal(key.title, 'date_connected');
      assert.equal(doc.slice(key), '\\"date_connected\\"');
      // The name is escaped twice in the line; the hover gives it back decoded.
      const contact = doc.hover(doc.find('Zo'))!;
      assert.equal(contact.title, 'contact.name');
      assert.equal(kvs(contact).Value, name);
      assert.equal(JSON.parse(`"${doc.slice(contact)}"`), JSON.stringify(name));
      // Hovering the middle of an escape (the second backslash of \\\") still lands in the string.
      assert.equal(doc.hover(doc.find('\\\\\\"Z', { into: 2 }))!.title, 'contact.name');
    });

    it('a timestamp in the body', async () => {
      const doc = await Doc.of(text);
      const hover = doc.hover(doc.find('1764000005000', { into: 0 }))!;
      assert.equal(hover.title, 'date_connected');
      assert.equal(kvs(hover).UTC, new Date(1764000005000).toISOString());
      assert.equal(kvs(hover)['Since start'], '+5 s after date_started');
      assert.equal(doc.slice(hover), '1764000005000');
    });

    it('the record\'s own fields have no hover', async () => {
      const doc = await Doc.of(text);
      assert.equal(doc.hover(doc.find('received_at')), undefined);
      assert.equal(doc.hover(doc.find('/hook')), undefined);
    });
  });

  describe('untrusted strings', () => {
    it('come back verbatim as plain data', async () => {
      const doc = await Doc.of(jsonLines(callEvent({ contact: { name: NASTY, phone: '+14155550123' } })));
      const hover = doc.on(0, '"<img', UTC);
      assert.equal(hover.title, 'contact.name');
      assert.equal(kvs(hover).Value, NASTY);
    });

    it('are cut at 200 characters: values, titles, JWT claim lines', async () => {
      const long = `${NASTY}${'x'.repeat(500)}`;
      const doc = await Doc.of(jsonLines(callEvent({ contact: { name: long }, state: long, [long]: 1 })));
      const value = kvs(doc.on(0, `"name":"<img`, UTC, '"name":'.length)).Value!;
      assert.equal(value.length, MAX_ECHO);
      assert.equal(value, `${long.slice(0, MAX_ECHO - 1)}…`);
      const state = doc.on(0, `"state":"<img`, UTC, '"state":'.length);
      assert.equal(state.title, `state: ${long.slice(0, MAX_ECHO - 1)}…`);
      const key = doc.on(0, `"${long}":1`, UTC, 1);
      assert.equal(key.title, `${long.slice(0, MAX_ECHO - 1)}…`);

      const token = await sign(callEvent({ recap_summary: long }));
      const jwt = (await Doc.of(`${token}\n`)).hover(0)!;
      const claimLines = jwt.lines.filter((l) => l.kind === 'code')[1]!.text!.split('\n');
      const summary = claimLines.find((l) => l.includes('recap_summary'))!;
      assert.equal(summary.length, MAX_ECHO);
      assert.ok(summary.startsWith(`  "recap_summary": "${NASTY}`));
    });

    it('a surrogate pair is never split', async () => {
      const emoji = '😀'.repeat(150);
      const doc = await Doc.of(jsonLines(callEvent({ contact: { name: emoji } })));
      const value = kvs(doc.on(0, '😀', UTC, 0)).Value!;
      assert.ok(value.length <= MAX_ECHO);
      assert.equal(value, `${'😀'.repeat(99)}…`);
    });
  });

  describe('elsewhere', () => {
    it('nothing on punctuation, white space between fields, outside events, or on other event families', async () => {
      const text = `${JSON.stringify(callEvent(), null, 2)}\n\n{"text":"hi","from_number":"+14155550123","to_number":"+14155550124"}\n`;
      const doc = await Doc.of(text);
      assert.equal(doc.hover(0), undefined, 'the opening brace');
      assert.equal(doc.hover(doc.find('"call_id":', { into: '"call_id":'.length - 1 })), undefined, 'the colon');
      assert.equal(doc.hover(doc.find('\n  "state"', { into: 1 })), undefined, 'indentation');
      assert.equal(doc.hover(doc.find('}\n\n', { into: 1 })), undefined, 'between events');
      assert.equal(doc.hover(doc.find('"from_number"')), undefined, 'an SMS event');
      assert.equal(doc.hover(text.length), undefined, 'the end');
    });

    it('the field doc of the enclosing key on other values: null, booleans, lists, object braces', async () => {
      const doc = await Doc.of(sample('voicemail.jsonl'));
      const nullValue = doc.on(0, '"master_call_id":null', UTC, '"master_call_id":'.length);
      assert.equal(nullValue.title, 'master_call_id');
      assert.equal(kvs(nullValue).Value, 'null (blank)');
      assert.match(kvs(nullValue)['When blank']!, /transfer/);
      assert.equal(doc.on(0, '"was_recorded":false', UTC, '"was_recorded":'.length).title, 'was_recorded');
      assert.equal(doc.on(4, '"recording_details":[', UTC, '"recording_details":'.length).title, 'recording_details');
      assert.equal(doc.on(4, '"url":"https', UTC, '"url":'.length).title, 'recording_details[].url');
      assert.equal(doc.on(0, '"target":{', UTC, '"target":'.length).title, 'target');
    });
  });

  describe('documentation coverage', () => {
    /** Every field path the zod schema knows, nested ones included (`list[].key`). */
    function schemaPaths(): string[] {
      const paths: string[] = [];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const walk = (schema: any, at: string): void => {
        const def = schema._zod.def;
        if (def.type === 'optional' || def.type === 'nullable') walk(def.innerType, at);
        else if (def.type === 'array') walk(def.element, `${at}[]`);
        else if (def.type === 'union') for (const option of def.options) walk(option, at);
        else if (def.type === 'object') {
          for (const [key, value] of Object.entries(def.shape)) {
            paths.push(`${at}.${key}`);
            walk(value, `${at}.${key}`);
          }
        }
      };
      for (const [key, value] of Object.entries(callEventShape)) {
        paths.push(key);
        walk(value, key);
      }
      return paths;
    }

    it('every field the schema knows has a doc with a meaning and a type', () => {
      const paths = schemaPaths();
      for (const expected of ['target.office_id', 'contact.email', 'proxy_target.phone', 'recording_details[].start_time', 'routing_breadcrumbs[].date', 'ai_playbook.topic_summary[].ai_detection_end']) {
        assert.ok(paths.includes(expected), `the walk finds ${expected}`);
      }
      for (const field of paths) {
        const doc = fieldDoc(field);
        assert.ok(doc, `${field} has a doc`);
        assert.ok(doc.summary.length > 10 && doc.type.length > 2, field);
      }
      assert.deepEqual(fieldDoc(['recording_details', 0, 'url']), fieldDoc('recording_details[].url'));
    });

    it('every state has a doc', () => {
      for (const state of CALL_STATES) {
        const doc = stateDoc(state);
        assert.ok(doc && doc.summary.length > 10, state);
      }
      assert.equal(stateDoc('ringin'), undefined);
    });

    it('the docs are in the project\'s own words: no run of 8 words from the vendor page', function () {
      // The vendor page sits beside the repository in the team's workspace, not in a clone.
      const page = path.join(ROOT, '..', 'shared', 'reference', 'dialpad-call-events.md');
      if (!fs.existsSync(page)) this.skip();
      const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9_ ]+/g, ' ').split(/\s+/).filter(Boolean);
      const vendor = ` ${words(fs.readFileSync(page, 'utf8')).join(' ')} `;
      const sentences = [
        ...DOCUMENTED_FIELDS.flatMap((field) => { const d = fieldDoc(field)!; return [d.summary, d.blank ?? '']; }),
        ...CALL_STATES.flatMap((state) => { const d = stateDoc(state)!; return [d.summary, d.note ?? '']; }),
      ];
      for (const sentence of sentences) {
        const w = words(sentence);
        for (let i = 0; i + 8 <= w.length; i++) {
          const run = w.slice(i, i + 8).join(' ');
          assert.ok(!vendor.includes(` ${run} `), `"${run}" is copied from the vendor page`);
        }
      }
    });
  });
});
