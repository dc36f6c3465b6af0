// Generates the benchmark capture: about 100,000 realistic Dialpad call events (~98 MB of JSON Lines) in
// bench/.data/capture.jsonl, deterministically (seeded PRNG). Same flows as samples/*.jsonl: direct calls,
// outbound calls, voicemail, missed calls, call-center calls, transfers and monitored calls (monitor, barge,
// takeover), with post-call events (recording, recap_summary, csat). Every field has the samples' shape and order.
// Reused when present and made by this GENERATOR_VERSION; `node bench/generate.js --force` rebuilds it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const GENERATOR_VERSION = 1;
const SEED = 0x5eed2026;
const TARGET_EVENTS = 100_000;
const DATA_DIR = path.join(__dirname, '.data');
const CAPTURE = path.join(DATA_DIR, 'capture.jsonl');
const META = path.join(DATA_DIR, 'capture.meta.json');

// ---- seeded randomness (mulberry32) ----
function makeRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks a key of { key: weight }. */
    weighted(weights) {
      let x = next() * Object.values(weights).reduce((s, w) => s + w, 0);
      for (const [key, w] of Object.entries(weights)) if ((x -= w) < 0) return key;
      return Object.keys(weights).at(-1);
    },
    /** Log-normal-ish duration in ms around `median`, clamped. */
    span: (median, min, max) => Math.round(Math.min(max, Math.max(min, median * Math.exp(0.8 * gauss(next))))),
    hex: (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join(''),
    fraction: () => Math.floor(next() * 999 + 1) / 1000, // 0.001 .. 0.999
  };
  return r;
}
function gauss(next) {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

// ---- people, numbers, call centers ----
const FIRST = [
  ['Maya', 'maya'], ['Daniel', 'daniel'], ['Priya', 'priya'], ['José', 'jose'], ['Marcus', 'marcus'], ['Aiko', 'aiko'],
  ['Hannah', 'hannah'], ['Tyler', 'tyler'], ['Renée', 'renee'], ['Samuel', 'samuel'], ['Grace', 'grace'], ['Olivia', 'olivia'],
  ['Ahmed', 'ahmed'], ['Zoë', 'zoe'], ['François', 'francois'], ['Søren', 'soren'], ['Łukasz', 'lukasz'], ['Małgorzata', 'malgorzata'],
  ['Jürgen', 'jurgen'], ['Björn', 'bjorn'], ['Ólafur', 'olafur'], ['Ştefan', 'stefan'], ['Chloé', 'chloe'], ['Inês', 'ines'],
  ['Emily', 'emily'], ['James', 'james'], ['Sofia', 'sofia'], ['Liam', 'liam'], ['Noah', 'noah'], ['Ava', 'ava'], ['Ethan', 'ethan'],
  ['Isabella', 'isabella'], ['Lucas', 'lucas'], ['Mia', 'mia'], ['Benjamin', 'benjamin'], ['Amelia', 'amelia'], ['Elijah', 'elijah'],
  ['Harper', 'harper'], ['Wei', 'wei'], ['Mei', 'mei'], ['Kenji', 'kenji'], ['Yuki', 'yuki'], ['Arjun', 'arjun'], ['Ananya', 'ananya'],
  ['Fatima', 'fatima'], ['Omar', 'omar'], ['Chinedu', 'chinedu'], ['Amara', 'amara'], ['Kwame', 'kwame'], ['Nia', 'nia'],
  ['Mateo', 'mateo'], ['Valentina', 'valentina'], ['Diego', 'diego'], ['Camila', 'camila'], ['Luis', 'luis'], ['Gabriela', 'gabriela'],
  ['Noël', 'noel'], ['Anaïs', 'anais'], ['Dvořák', 'dvorak'], ['Siobhán', 'siobhan'], ['Eoin', 'eoin'], ['Ingrid', 'ingrid'],
  ['Rachel', 'rachel'], ['David', 'david'], ['Sarah', 'sarah'], ['Michael', 'michael'], ['Laura', 'laura'], ['Kevin', 'kevin'],
];
const LAST = [
  ['Chen', 'chen'], ['Okafor', 'okafor'], ['Raman', 'raman'], ['Núñez', 'nunez'], ['Reed', 'reed'], ['Tanaka', 'tanaka'],
  ['Schmidt', 'schmidt'], ['Brooks', 'brooks'], ['Dubois', 'dubois'], ['Osei', 'osei'], ['Liu', 'liu'], ['Martins', 'martins'],
  ['Karimi', 'karimi'], ['Müller', 'muller'], ['Øverland', 'overland'], ['Wójcik', 'wojcik'], ['Çelik', 'celik'], ['Doğan', 'dogan'],
  ['Nguyễn', 'nguyen'], ['Trần', 'tran'], ['García', 'garcia'], ['Fernández', 'fernandez'], ['Gonçalves', 'goncalves'], ['Lefèvre', 'lefevre'],
  ['Johansson', 'johansson'], ['Andersen', 'andersen'], ['Smith', 'smith'], ['Johnson', 'johnson'], ['Williams', 'williams'],
  ['Brown', 'brown'], ['Jones', 'jones'], ['Miller', 'miller'], ['Davis', 'davis'], ['Wilson', 'wilson'], ['Taylor', 'taylor'],
  ['Anderson', 'anderson'], ['Thomas', 'thomas'], ['Moore', 'moore'], ['Patel', 'patel'], ['Shah', 'shah'], ['Kim', 'kim'],
  ['Park', 'park'], ['Nakamura', 'nakamura'], ['Sato', 'sato'], ['Adeyemi', 'adeyemi'], ['Mensah', 'mensah'], ['Haddad', 'haddad'],
  ['O’Brien', 'obrien'], ['MacLeod', 'macleod'], ['Rossi', 'rossi'], ['Bianchi', 'bianchi'], ['Kowalski', 'kowalski'], ['Novák', 'novak'],
  ['Horváth', 'horvath'], ['Jensen', 'jensen'], ['Lindqvist', 'lindqvist'], ['Ramírez', 'ramirez'], ['Álvarez', 'alvarez'],
];
/** Whole names in other scripts (display, e-mail local part). */
const WHOLE = [
  ['王芳', 'wang.fang'], ['李伟', 'li.wei'], ['佐藤 健', 'ken.sato'], ['김민준', 'minjun.kim'], ['Анна Петрова', 'anna.petrova'],
  ['Дмитрий Иванов', 'dmitry.ivanov'], ['Νίκος Παπαδόπουλος', 'nikos.papadopoulos'], ['محمد العلي', 'mohammed.alali'],
  ['שרה לוי', 'sarah.levi'], ['Nguyễn Thị Hương', 'huong.nguyen'],
];

function personName(r) {
  if (r.chance(0.04)) return r.pick(WHOLE);
  const [f, fa] = r.pick(FIRST), [l, la] = r.pick(LAST);
  return [`${f} ${l}`, `${fa}.${la}`];
}

/** Fictional-use numbers in E.164: US 555-01xx, UK Ofcom drama ranges, Australian and French fiction ranges. */
function numberPool(r) {
  const pool = [];
  const areas = [201, 202, 206, 212, 213, 214, 215, 216, 224, 248, 267, 281, 303, 305, 310, 312, 313, 314, 317, 323, 347, 352, 404,
    407, 408, 412, 415, 425, 469, 480, 503, 510, 512, 602, 614, 615, 617, 626, 646, 650, 678, 702, 704, 713, 714, 718, 720, 732,
    773, 786, 801, 804, 808, 813, 816, 818, 832, 858, 860, 908, 917, 919, 925, 949, 972, 978];
  for (const a of areas) for (let n = 100; n <= 199; n++) pool.push(`+1${a}5550${n}`);
  const digits = (n, width) => String(n).padStart(width, '0');
  for (let n = 0; n < 1000; n++) pool.push(`+44207946${digits(n, 4)}`, `+441614960${digits(n, 3)}`, `+441134960${digits(n, 3)}`);
  for (let n = 0; n < 1500; n++) pool.push(`+6125550${digits(n, 4)}`);
  for (let n = 0; n < 1000; n++) pool.push(`+3319900${digits(n, 4)}`);
  const unique = [...new Set(pool)];
  for (let i = unique.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [unique[i], unique[j]] = [unique[j], unique[i]];
  }
  return unique;
}

function makeWorld(r) {
  const usedIds = new Set();
  /** A 16-digit datastore-like id below 2^53 (a multiple of 4096, as Dialpad's ids tend to be). */
  const newId = () => {
    for (;;) {
      const id = 4503599627370496 + Math.floor(r.next() * 610000000000) * 4096;
      if (!usedIds.has(id)) return usedIds.add(id), id;
    }
  };
  const numbers = numberPool(r);
  const emails = new Set();
  /** A unique e-mail address: a number is appended when the name is taken. */
  const email = (local, domain) => {
    for (let i = 1; ; i++) {
      const address = `${local}${i > 1 ? i : ''}@${domain}`;
      if (!emails.has(address)) return emails.add(address), address;
    }
  };
  const offices = [newId(), newId(), newId(), newId()];
  const users = [];
  for (let i = 0; i < 260; i++) {
    const [name, local] = personName(r);
    users.push({ phone: numbers.pop(), type: 'user', id: newId(), name, email: email(local, 'example.com'), office_id: r.pick(offices) });
  }
  const centerNames = ['Customer Support', 'Sales', 'Billing', 'Technical Support', 'Retention', 'Onboarding', 'Renewals',
    'Support EMEA', 'Service client', 'Kundenservice', 'Soporte Técnico', 'Partner Desk', 'Enterprise Success', 'Réclamations'];
  const centers = centerNames.map((name, i) => ({
    target: { phone: numbers.pop(), type: 'callcenter', id: newId(), name, email: '', office_id: offices[i % offices.length] },
    operators: Array.from({ length: 18 }, () => r.pick(users.slice(0, 220))),
    supervisors: Array.from({ length: 3 }, () => r.pick(users.slice(220))),
  }));
  const contacts = [];
  while (numbers.length > 0 && contacts.length < 12000) {
    const [name, local] = personName(r);
    const domain = r.pick(['example.org', 'example.net', 'example.com']);
    const address = r.chance(0.8) ? email(local, domain) : '';
    const kind = r.weighted({ local: 80, google: 11, microsoft: 9 });
    const id = kind === 'local' ? newId()
      : kind === 'google' ? `http://www.google.com/m8/feeds/contacts/${(address || `${local}@${domain}`).replace('@', '%40')}/base/${r.hex(16)}`
        : `AAMkAD${Buffer.from(r.hex(32)).toString('base64').replace(/[=+/]/g, '').slice(0, 57)}`;
    contacts.push({ phone: numbers.pop(), type: kind, id, name, email: address });
  }
  return { newId, users, centers, contacts, directUsers: users.slice(0, 200) };
}

// ---- texts ----
const TOPICS = [
  ['a duplicate charge on invoice {inv}', 'confirmed the duplicate charge of ${amt} and issued a refund that will appear within five business days'],
  ['login failures after the latest app update', 'reset the two-factor enrolment and walked the caller through signing in again on both devices'],
  ['upgrading {n} seats to the Pro plan', 'prepared a quote for {n} additional seats with the annual discount and scheduled a call with procurement'],
  ['call quality issues on the office Wi-Fi', 'collected a network report, found packet loss above 4% and recommended enabling QoS on the router'],
  ['porting {n} numbers from the previous carrier', 'verified the letter of authorisation and set the port date for next {day}'],
  ['a missing delivery for order {inv}', 'traced the shipment to the regional depot and arranged a redelivery for {day} morning'],
  ['cancelling the subscription at renewal', 'offered two months at half price, which the customer accepted, so the renewal stays in place'],
  ['setting up a new call-center queue', 'created the queue, added {n} operators and configured after-hours routing to voicemail'],
  ['an unexpected price increase of ${amt}', 'explained the new usage tier and applied a one-time credit of ${amt} as a goodwill gesture'],
  ['exporting call recordings for a compliance audit', 'shared the export steps and opened a ticket to raise the retention period to seven years'],
];
const OPENERS = ['{agent} spoke with {customer} about {topic}.', '{customer} called {agent} regarding {topic}.',
  '{customer} reached out about {topic}; {agent} handled the call.', 'The call between {agent} and {customer} covered {topic}.'];
const MIDDLES = ['{customer} mentioned this was the second time raising the issue and asked for a direct contact.',
  'They reviewed the account history together, including the last three invoices and the open ticket.',
  '{customer} was calm but wanted a clear timeline and written confirmation of the next steps.',
  'The account was verified with the billing postcode and the last four digits of the card on file.',
  '{agent} checked the status page and confirmed there was no ongoing incident in the region.'];
const CLOSERS = ['{agent} agreed to email a summary and follow up by {day}.', 'The customer seemed satisfied with the outcome.',
  'A follow-up task was created for the account manager.', '{agent} will call back if the issue recurs before {day}.'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const CSAT_TEXTS = [
  '{agent} sorted it out quickly, thank you.', 'Friendly, but I had to wait a long time in the queue.',
  'The problem is still not fixed and I had to explain it twice.', 'Very helpful, {agent} knew exactly what to do.',
  'Good call, although the line was a bit choppy at times.', 'Excellent service as always!',
];
const VOICEMAILS = [
  'Hi {agent}, this is {customer} calling about {topic}. Could you call me back at {phone} when you get a chance, thanks.',
  'Hello, {customer} here. I tried to reach you about {topic}; please return my call this afternoon if possible.',
  'Hi, it is {customer}. Quick question about {topic}, nothing urgent, call me back whenever you can. Thanks!',
];

function fill(r, template, who) {
  return template
    .replace(/\{agent\}/g, who.agent).replace(/\{customer\}/g, who.customer).replace(/\{phone\}/g, who.phone ?? '')
    .replace(/\{topic\}/g, who.topic ?? '').replace(/\{inv\}/g, () => String(r.int(1000, 99999)))
    .replace(/\{amt\}/g, () => `${r.int(9, 480)}.${String(r.int(0, 99)).padStart(2, '0')}`)
    .replace(/\{n\}/g, () => String(r.int(2, 40))).replace(/\{day\}/g, () => r.pick(DAYS));
}
const firstName = (name) => name.split(' ')[0];

function recapText(r, agent, customer) {
  const [topic, outcome] = r.pick(TOPICS);
  const who = { agent: firstName(agent), customer: firstName(customer), topic: fill(r, topic, {}) };
  const parts = [fill(r, r.pick(OPENERS), who), fill(r, r.pick(MIDDLES), who), `${who.agent} ${fill(r, outcome, who)}.`];
  if (r.chance(0.6)) parts.push(fill(r, r.pick(MIDDLES), who));
  parts.push(fill(r, r.pick(CLOSERS), who));
  return parts.join(' ');
}

// ---- legs and events ----
class Capture {
  constructor(r) {
    this.r = r;
    this.events = []; // { key, seq, line }
  }

  leg(fields) {
    return {
      master: null, ep: null, op: null, direction: 'inbound', entryTarget: {}, groupId: null,
      rang: null, connected: null, ended: null, duration: null, total: null,
      transcription: null, voicemailLink: null, transferred: false, recorded: false, lastKey: 0, ...fields,
    };
  }

  /** Emits one event of `leg` in state `state` entered at `time` (ms); `extra` adds post-call fields. */
  emit(leg, state, time, extra = {}) {
    const r = this.r;
    const e = {
      master_call_id: leg.master, date_ended: leg.ended, internal_number: leg.target.phone, duration: leg.duration,
      total_duration: leg.total, entry_point_target: leg.entryTarget, proxy_target: {}, call_dispositions: null,
      entry_point_call_id: leg.ep, operator_call_id: leg.op, call_id: leg.id, state, date_started: leg.started,
      transcription_text: leg.transcription, direction: leg.direction, date_connected: leg.connected,
      voicemail_link: leg.voicemailLink, is_transferred: leg.transferred, was_recorded: leg.recorded,
    };
    if (extra.recording_url) e.recording_url = extra.recording_url;
    Object.assign(e, { date_rang: leg.rang, target: leg.target, contact: leg.contact, group_id: leg.groupId, external_number: leg.contact.phone });
    if (extra.recording_details) e.recording_details = extra.recording_details;
    if (extra.recap_summary) e.recap_summary = extra.recap_summary;
    if (extra.csat_score) Object.assign(e, { csat_score: extra.csat_score, csat_transcriptions: extra.csat_transcriptions, csat_recording_urls: extra.csat_recording_urls });
    e.event_timestamp = time + r.int(28, 45);
    // Delivery order: a little jitter mixes nearby flows, but a leg's events keep their order.
    const key = Math.max(leg.lastKey + 1, e.event_timestamp + (r.chance(0.1) ? r.int(0, 400) : r.int(0, 20)));
    leg.lastKey = key;
    this.events.push({ key, seq: this.events.length, line: JSON.stringify(e) });
  }

  end(leg, time) {
    leg.ended = time;
    if (leg.connected !== null) leg.duration = time - leg.connected + this.r.fraction();
    leg.total = time - leg.started + this.r.fraction();
  }

  /** Recording, recap and csat events after a connected leg's hangup. */
  postCall(leg, agent) {
    const r = this.r;
    let t = leg.ended;
    if (r.chance(0.4)) {
      const id = this.world.newId(), url = `https://dialpad.com/r/${id}`;
      leg.recorded = true;
      t += r.int(40000, 120000);
      this.emit(leg, 'recording', t, {
        recording_url: [url],
        recording_details: [{ id, url, duration: Math.max(1000, Math.round(leg.ended - leg.connected - r.int(100, 600))), start_time: leg.connected + r.int(150, 600), recording_type: 'callrecording' }],
      });
    }
    if (r.chance(0.4)) {
      t += r.int(20000, 90000);
      this.emit(leg, 'recap_summary', t, { recap_summary: recapText(r, agent.name, leg.contact.name) });
    }
    if (r.chance(0.12)) {
      t += r.int(60000, 1800000);
      this.emit(leg, 'csat', t, {
        csat_score: Number(r.weighted({ 5: 45, 4: 25, 3: 12, 2: 8, 1: 10 })),
        csat_transcriptions: [fill(r, r.pick(CSAT_TEXTS), { agent: firstName(agent.name), customer: '' })],
        csat_recording_urls: [`https://dialpad.com/r/${this.world.newId()}`],
      });
    }
  }
}

// ---- flows ----
function directInbound(c, t0, kind) {
  const { r, world } = c;
  const user = r.pick(world.directUsers);
  const leg = c.leg({ id: world.newId(), target: user, contact: r.pick(world.contacts), started: t0 });
  c.emit(leg, 'preanswer', t0);
  leg.rang = t0 + r.int(400, 700);
  c.emit(leg, 'ringing', leg.rang);
  if (kind === 'voicemail') {
    const vmStart = leg.rang + r.int(18000, 30000);
    leg.voicemailLink = `https://dialpad.com/v/${leg.id}`;
    c.emit(leg, 'voicemail', vmStart);
    c.end(leg, vmStart + r.span(25000, 6000, 120000));
    c.emit(leg, 'hangup', leg.ended);
    const uploaded = leg.ended + r.int(1500, 5000);
    c.emit(leg, 'voicemail_uploaded', uploaded, {
      recording_details: [{ id: world.newId(), url: leg.voicemailLink, duration: leg.ended - vmStart - r.int(200, 900), start_time: vmStart + r.int(0, 60), recording_type: 'voicemail' }],
    });
    const [topic] = r.pick(TOPICS);
    leg.transcription = fill(r, r.pick(VOICEMAILS), { agent: firstName(user.name), customer: leg.contact.name, phone: leg.contact.phone, topic: fill(r, topic, {}) });
    c.emit(leg, 'transcription', uploaded + r.int(8000, 25000));
    return;
  }
  if (kind === 'missed') {
    c.end(leg, leg.rang + r.int(15000, 35000));
    c.emit(leg, 'hangup', leg.ended);
    c.emit(leg, 'missed', leg.ended + r.int(500, 3000));
    return;
  }
  leg.connected = leg.rang + r.span(6000, 1500, 30000);
  c.emit(leg, 'connected', leg.connected);
  const talk = r.span(180000, 15000, 2400000);
  if (r.chance(0.15)) {
    const hold = leg.connected + Math.round(talk * 0.4);
    c.emit(leg, 'hold', hold);
    c.emit(leg, 'connected', hold + Math.round(talk * r.int(5, 30) / 100));
  }
  c.end(leg, leg.connected + talk);
  c.emit(leg, 'hangup', leg.ended);
  c.postCall(leg, user);
}

function directOutbound(c, t0) {
  const { r, world } = c;
  const user = r.pick(world.directUsers);
  const leg = c.leg({ id: world.newId(), target: user, contact: r.pick(world.contacts), started: t0, direction: 'outbound' });
  c.emit(leg, 'calling', t0);
  if (r.chance(0.15)) { // not answered
    c.end(leg, t0 + r.int(15000, 40000));
    c.emit(leg, 'hangup', leg.ended);
    return;
  }
  leg.connected = t0 + r.span(8000, 2500, 35000);
  c.emit(leg, 'connected', leg.connected);
  c.end(leg, leg.connected + r.span(200000, 10000, 2400000));
  c.emit(leg, 'hangup', leg.ended);
  c.postCall(leg, user);
}

/**
 * A caller reaches a call center: entry point leg, queue, operator leg. Returns the legs and when the
 * operator is connected, for the caller to hang up, transfer or be monitored; `master` is set on transfers.
 */
function callCenterStart(c, t0, center, contact, master) {
  const { r, world } = c;
  const common = { contact, entryTarget: center.target, groupId: `callcenter:${center.target.id}`, master };
  const ep = c.leg({ ...common, id: world.newId(), target: center.target, started: t0 });
  c.emit(ep, 'preanswer', t0);
  ep.rang = t0 + r.int(400, 700);
  c.emit(ep, 'ringing', ep.rang);
  const queued = ep.rang + r.int(300, 1200);
  if (master === null || r.chance(0.5)) c.emit(ep, 'queued', queued);
  if (master === null && r.chance(0.06)) { // the caller gives up in the queue
    c.end(ep, queued + r.span(60000, 5000, 600000));
    c.emit(ep, 'hangup', ep.ended);
    return null;
  }
  const operator = r.pick(center.operators);
  const op = c.leg({ ...common, id: world.newId(), target: operator, ep: ep.id, started: queued + r.span(25000, 2000, 300000) });
  c.emit(op, 'preanswer', op.started);
  op.rang = op.started + r.int(150, 300);
  c.emit(op, 'ringing', op.rang);
  op.connected = op.rang + r.span(4000, 1200, 15000);
  c.emit(op, 'connected', op.connected);
  ep.connected = op.connected + r.int(120, 220);
  ep.op = op.id;
  c.emit(ep, 'connected', ep.connected);
  return { ep, op, operator };
}

/** The caller and operator hang up at `end`; the entry point follows. */
function callCenterEnd(c, legs, end, postCall = true) {
  const { r } = c;
  c.end(legs.op, end);
  c.emit(legs.op, 'hangup', end);
  c.end(legs.ep, end + r.int(20, 60));
  c.emit(legs.ep, 'hangup', legs.ep.ended);
  if (postCall) c.postCall(legs.op, legs.operator);
}

function callCenter(c, t0) {
  const { r, world } = c;
  const legs = callCenterStart(c, t0, r.pick(world.centers), r.pick(world.contacts), null);
  if (!legs) return;
  const talk = r.span(240000, 20000, 2400000);
  if (r.chance(0.2)) {
    const hold = legs.op.connected + Math.round(talk * 0.5);
    c.emit(legs.op, 'hold', hold);
    c.emit(legs.op, 'connected', hold + Math.round(talk * r.int(5, 25) / 100));
  }
  callCenterEnd(c, legs, legs.op.connected + talk);
}

function transfer(c, t0) {
  const { r, world } = c;
  let center = r.pick(world.centers);
  const contact = r.pick(world.contacts);
  let legs = callCenterStart(c, t0, center, contact, null);
  if (!legs) return;
  const master = legs.ep.id;
  for (let hop = 0, hops = r.chance(0.2) ? 2 : 1; hop < hops; hop++) {
    // The operator puts the caller on hold and transfers to another call center.
    const hold = legs.op.connected + r.span(60000, 10000, 900000);
    c.emit(legs.op, 'hold', hold);
    const handoff = hold + r.span(20000, 4000, 120000);
    c.end(legs.op, handoff);
    c.emit(legs.op, 'hangup', handoff);
    legs.ep.transferred = true;
    c.end(legs.ep, handoff + r.int(20, 60));
    c.emit(legs.ep, 'hangup', legs.ep.ended);
    if (r.chance(0.3)) c.postCall(legs.op, legs.operator);
    let next;
    do next = r.pick(world.centers); while (next === center);
    center = next;
    const started = legs.ep.ended + r.int(60, 100);
    legs = callCenterStart(c, started, center, contact, master);
  }
  callCenterEnd(c, legs, legs.op.connected + r.span(200000, 20000, 2400000));
}

function monitored(c, t0) {
  const { r, world } = c;
  const center = r.pick(world.centers);
  const legs = callCenterStart(c, t0, center, r.pick(world.contacts), null);
  if (!legs) return;
  const talk = r.span(400000, 120000, 2400000);
  const supervisors = [...center.supervisors];
  const supervisorLeg = (start) => {
    const sup = c.leg({
      id: world.newId(), target: supervisors.splice(r.int(0, supervisors.length - 1), 1)[0], contact: legs.ep.contact,
      entryTarget: center.target, groupId: legs.ep.groupId, ep: legs.ep.id, started: start,
    });
    c.emit(sup, 'preanswer', start);
    sup.connected = start + r.int(1200, 2200);
    c.emit(sup, 'connected', sup.connected);
    return sup;
  };
  const takeover = r.chance(0.35);
  if (!takeover || r.chance(0.5)) {
    // A supervisor listens in, sometimes barges in, and leaves before the call ends.
    const sup = supervisorLeg(legs.op.connected + Math.round(talk * r.int(5, 30) / 100));
    c.emit(sup, 'monitor', sup.connected + r.int(80, 200));
    let leave = sup.connected + Math.round(talk * r.int(10, 40) / 100);
    if (r.chance(0.5)) {
      c.emit(sup, 'barge', sup.connected + Math.round(talk * r.int(5, 9) / 100));
      leave = Math.min(leave + r.int(5000, 60000), legs.op.connected + talk - r.int(3000, 20000));
    }
    c.end(sup, leave);
    c.emit(sup, 'hangup', leave);
  }
  if (!takeover) {
    callCenterEnd(c, legs, legs.op.connected + talk);
    return;
  }
  // A second supervisor takes over, which disconnects the operator; the caller stays with the supervisor.
  const sup = supervisorLeg(legs.op.connected + Math.round(talk * r.int(75, 85) / 100));
  const taken = sup.connected + r.int(300, 600);
  c.emit(sup, 'takeover', taken);
  c.end(legs.op, taken + r.int(30, 60));
  c.emit(legs.op, 'hangup', legs.op.ended);
  c.end(sup, taken + r.span(120000, 10000, 1200000));
  c.emit(sup, 'hangup', sup.ended);
  c.end(legs.ep, sup.ended + r.int(10, 50));
  c.emit(legs.ep, 'hangup', legs.ep.ended);
  c.postCall(sup, sup.target);
}

const FLOWS = {
  direct: (c, t) => directInbound(c, t, 'answered'),
  outbound: directOutbound,
  voicemail: (c, t) => directInbound(c, t, 'voicemail'),
  missed: (c, t) => directInbound(c, t, 'missed'),
  callCenter,
  transfer,
  monitored,
};
const FLOW_WEIGHTS = { direct: 32, outbound: 22, voicemail: 7, missed: 4, callCenter: 21, transfer: 8, monitored: 6 };

function generate() {
  const r = makeRandom(SEED);
  const c = new Capture(r);
  c.world = makeWorld(r);
  let t = Date.UTC(2026, 2, 2, 13, 0, 0) + r.int(0, 999);
  while (c.events.length < TARGET_EVENTS) {
    FLOWS[r.weighted(FLOW_WEIGHTS)](c, t);
    t += Math.round(-Math.log(1 - r.next()) * 17000) + 1; // Poisson arrivals, one call every 17 s on average
  }
  c.events.sort((a, b) => a.key - b.key || a.seq - b.seq);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const tmp = `${CAPTURE}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  for (let i = 0; i < c.events.length; i += 5000) {
    fs.writeSync(fd, c.events.slice(i, i + 5000).map((e) => `${e.line}\n`).join(''));
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, CAPTURE);
  const meta = { generatorVersion: GENERATOR_VERSION, seed: SEED, events: c.events.length, bytes: fs.statSync(CAPTURE).size };
  fs.writeFileSync(META, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** The capture's path and metadata, generating it first when missing or made by another generator version. */
function ensureCapture({ force = false, log = console.log } = {}) {
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(META, 'utf8'));
    if (meta.generatorVersion !== GENERATOR_VERSION || fs.statSync(CAPTURE).size !== meta.bytes) meta = undefined;
  } catch {
    meta = undefined;
  }
  if (!meta || force) {
    log(`generating ${path.relative(process.cwd(), CAPTURE)} (generator v${GENERATOR_VERSION}) ...`);
    meta = generate();
  }
  return { file: CAPTURE, ...meta };
}

const TINY = path.join(DATA_DIR, 'tiny-distinct.jsonl');
const TINY_EVENTS = 1_000_000;

/** A busy line's day: a million tiny events, each of its own call (so a million legs), ~38 MB of JSON Lines. */
function ensureTinyCapture({ log = console.log } = {}) {
  const line = (i) => `{"call_id":${5_000_000 + i},"state":"calling"}\n`;
  let bytes = 0;
  for (let i = 0; i < TINY_EVENTS; i++) bytes += line(i).length;
  if (!fs.existsSync(TINY) || fs.statSync(TINY).size !== bytes) {
    log(`generating ${path.relative(process.cwd(), TINY)} ...`);
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const fd = fs.openSync(`${TINY}.tmp`, 'w');
    for (let i = 0; i < TINY_EVENTS; i += 50_000) fs.writeSync(fd, Array.from({ length: 50_000 }, (_, k) => line(i + k)).join(''));
    fs.closeSync(fd);
    fs.renameSync(`${TINY}.tmp`, TINY);
  }
  return { file: TINY, events: TINY_EVENTS, bytes };
}

module.exports = { ensureCapture, ensureTinyCapture, CAPTURE };

if (require.main === module) {
  const meta = ensureCapture({ force: process.argv.includes('--force') });
  console.log(`${meta.file}: ${meta.events} events, ${(meta.bytes / 1e6).toFixed(1)} MB`);
}
