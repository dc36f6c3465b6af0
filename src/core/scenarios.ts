import { seededRandom } from './seededRandom';

/**
 * Sample call flows as Dialpad sends them, for `call-events simulate` and `sample`: every event
 * with today's field set (the vendor's Call Events page plus the fields real payloads carry), ids,
 * numbers, names and times consistent across the legs of a flow. A seed gives the same flow every
 * time; with `bigIds` every id is above 2^53 and written digit for digit (the JSON text is built
 * here, never by `JSON.stringify` of a number), to catch handlers that read ids as floats.
 */

/** Options of a scenario. */
export interface ScenarioOptions {
  seed?: number;
  bigIds?: boolean;
  /** Unix ms of the first event (default: a fixed day, moved by the seed). */
  startMs?: number;
}

/** One event of a scenario. */
export interface ScenarioEvent {
  /** The event as JSON text, exactly as sent. */
  json: string;
  callId: string;
  state: string;
  /** Its event_timestamp (unix ms). */
  timestamp: number;
  /** The scenario it belongs to (one flow). */
  scenario: string;
}

/** A named scenario. */
export interface Scenario {
  name: string;
  description: string;
  build(story: Story): void;
}

/** Ids as exact integers: bigint, written as digits. */
type Id = bigint;

const FIRST_NAMES = ['Maya', 'Daniel', 'Aiko', 'Marcus', 'Renée', 'Samuel', 'Olivia', 'Ahmed', 'Hannah', 'Tyler', 'Priya', 'Lucas', 'Fatima', 'Jonas', 'Sofia', 'Kwame'];
const LAST_NAMES = ['Chen', 'Okafor', 'Tanaka', 'Reed', 'Dubois', 'Osei', 'Martins', 'Karimi', 'Schmidt', 'Brooks', 'Nair', 'Silva', 'Haddad', 'Berg', 'Rossi', 'Mensah'];
const AREA_CODES = ['212', '303', '312', '415', '617', '702', '718', '206'];
const CENTER_NAMES = ['Support', 'Sales', 'Billing', 'Returns', 'Onboarding', 'Technical Support'];

/** A party (a person, a call center) as the target and contact objects show it. */
interface Party {
  phone: string;
  type: string;
  id: Id;
  name: string;
  email: string;
  office_id?: Id;
}

/** One call leg being written: the fields that carry from event to event. */
interface Leg {
  call_id: Id;
  direction: 'inbound' | 'outbound';
  master_call_id: Id | null;
  entry_point_call_id: Id | null;
  operator_call_id: Id | null;
  target: Party;
  contact: Party;
  entry_point_target: Party | Record<string, never>;
  proxy_target: Party | Record<string, never>;
  group_id: string | null;
  external_number: string;
  internal_number: string;
  selected_caller_id: string | null;
  date_started: number;
  date_rang: number | null;
  date_first_rang: number | null;
  date_queued: number | null;
  date_connected: number | null;
  date_ended: number | null;
  holdStart: number | null;
  holdMs: number;
  is_transferred: boolean;
  was_recorded: boolean;
  voicemail: boolean;
  recording: Id | null;
  transcription_text: string | null;
}

/** Writes one scenario's events: a clock, ids and people from the seed. */
export class Story {
  readonly events: ScenarioEvent[] = [];
  private readonly random: () => number;
  private now: number;
  private readonly usedIds = new Set<Id>();
  private readonly usedPhones = new Set<string>();
  private readonly usedNames = new Set<string>();
  readonly office: Id;

  constructor(readonly scenario: string, private readonly options: ScenarioOptions) {
    this.random = seededRandom((options.seed ?? 1) * 7919 + hash(scenario));
    // A fixed day (2026-03-10 14:00 UTC) moved by up to a few hours, so runs with one seed are the same.
    this.now = options.startMs ?? Date.UTC(2026, 2, 10, 14, 0, 0) + Math.floor(this.random() * 4 * 3_600_000);
    this.office = this.id();
  }

  /** A fresh id: 16 digits like Dialpad's, or above 2^53 with `bigIds`. */
  id(): Id {
    for (;;) {
      const low = BigInt(Math.floor(this.random() * 2 ** 40));
      const id = this.options.bigIds ? 2n ** 53n + 1n + low * 4_096n + BigInt(Math.floor(this.random() * 4_096)) : 4_503_599_627_370_496n + low * 1_024n;
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** Between `min` and `max` ms, whole. */
  between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min));
  }

  private phone(area = this.pick(AREA_CODES)): string {
    for (;;) {
      const phone = `+1${area}55501${String(100 + Math.floor(this.random() * 100)).slice(1)}`;
      if (!this.usedPhones.has(phone)) {
        this.usedPhones.add(phone);
        return phone;
      }
    }
  }

  private name(): string {
    for (;;) {
      const name = `${this.pick(FIRST_NAMES)} ${this.pick(LAST_NAMES)}`;
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
  }

  /** A customer: an external contact. */
  customer(): Party {
    return { phone: this.phone(), type: 'local', id: this.id(), name: this.name(), email: '' };
  }

  /** A Dialpad user of the company. */
  user(): Party {
    const name = this.name();
    return { phone: this.phone('415'), type: 'user', id: this.id(), name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`, office_id: this.office };
  }

  /** A call center of the company. */
  callCenter(except?: Party): Party {
    let name = this.pick(CENTER_NAMES);
    while (name === except?.name) name = this.pick(CENTER_NAMES);
    return { phone: this.phone('415'), type: 'callcenter', id: this.id(), name, email: '', office_id: this.office };
  }

  /** Moves the clock on by `ms`. */
  wait(ms: number): void {
    this.now += ms;
  }

  /** A leg starting now. */
  leg(fields: Pick<Leg, 'direction' | 'target' | 'contact'> & Partial<Leg>): Leg {
    const number = fields.contact.phone;
    return {
      call_id: this.id(), master_call_id: null, entry_point_call_id: null, operator_call_id: null,
      entry_point_target: {}, proxy_target: {}, group_id: null,
      external_number: number, internal_number: fields.target.phone, selected_caller_id: null,
      date_started: this.now, date_rang: null, date_first_rang: null, date_queued: null, date_connected: null, date_ended: null,
      holdStart: null, holdMs: 0, is_transferred: false, was_recorded: false, voicemail: false, recording: null, transcription_text: null,
      ...fields,
    };
  }

  /** The leg enters `state` now: its dates follow, and the event is written. */
  emit(leg: Leg, state: string): void {
    const t = this.now;
    switch (state) {
      case 'ringing':
        leg.date_rang = t;
        leg.date_first_rang ??= t;
        break;
      case 'queued':
        leg.date_queued = t;
        break;
      case 'connected':
        if (leg.holdStart !== null) {
          leg.holdMs += t - leg.holdStart;
          leg.holdStart = null;
        }
        leg.date_connected ??= t;
        break;
      case 'hold':
        leg.holdStart = t;
        break;
      case 'voicemail':
        leg.voicemail = true;
        break;
      case 'hangup':
        leg.date_ended = t;
        break;
    }
    this.events.push({ json: jsonText(this.payload(leg, state, t)), callId: leg.call_id.toString(), state, timestamp: t, scenario: this.scenario });
  }

  private payload(leg: Leg, state: string, t: number): Record<string, unknown> {
    const ended = leg.date_ended;
    const connected = leg.date_connected;
    const talk = ended === null ? null : connected === null ? 0 : ended - connected - leg.holdMs;
    const vmLink = leg.voicemail ? `https://dialpad.com/v/${leg.call_id}` : null;
    const uploaded = leg.voicemail && (state === 'voicemail_uploaded' || state === 'transcription');
    const recorded = leg.recording !== null && state === 'recording';
    return {
      call_id: leg.call_id, state, direction: leg.direction,
      master_call_id: leg.master_call_id, entry_point_call_id: leg.entry_point_call_id, operator_call_id: leg.operator_call_id,
      date_started: leg.date_started, date_rang: leg.date_rang, date_first_rang: leg.date_first_rang, date_queued: leg.date_queued,
      date_connected: connected, date_ended: ended,
      talk_time: talk, hold_time: ended === null ? null : leg.holdMs,
      duration: ended === null || connected === null ? null : ended - connected,
      total_duration: ended === null ? null : ended - leg.date_started,
      external_number: leg.external_number, internal_number: leg.internal_number, selected_caller_id: leg.selected_caller_id,
      contact: leg.contact, target: leg.target, entry_point_target: leg.entry_point_target, proxy_target: leg.proxy_target,
      group_id: leg.group_id, is_internal: false, is_transferred: state === 'hangup' || ended !== null ? leg.is_transferred : false,
      transferred_from: {}, callback_requested: null, target_availability_status: 'open', was_recorded: leg.was_recorded,
      voicemail_link: vmLink, voicemail_recording_id: uploaded ? leg.call_id + 1n : null,
      voicemail_share_link: uploaded ? `https://dialpad.com/shared/voicemail/${leg.call_id}` : null,
      transcription_text: state === 'transcription' ? leg.transcription_text : null,
      call_recording_ids: recorded ? [leg.recording] : [],
      recording_details: recorded && ended !== null && connected !== null
        ? [{ id: leg.recording!.toString(), url: `https://dialpad.com/r/callrecording/${leg.recording}.mp3`, duration: ended - connected - leg.holdMs, start_time: connected, recording_type: 'callrecording' }]
        : [],
      call_recording_share_links: recorded ? [`https://dialpad.com/shared/recording/${leg.recording}`] : [],
      admin_call_recording_share_links: [],
      csat_score: null, mos_score: ended === null ? null : 4.3, labels: [], routing_breadcrumbs: [], integrations: {},
      event_timestamp: t,
    };
  }
}

/** JSON text of a value whose integers may be bigints: those are written as their exact digits. */
export function jsonText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// The building blocks of the stories.

/** A customer calling a call center: its entry point leg. */
function entryPoint(story: Story, center: Party, customer: Party, master: Id | null = null): Leg {
  const leg = story.leg({ direction: 'inbound', target: center, contact: customer, group_id: `CallCenter:${center.id}`, master_call_id: master });
  story.emit(leg, 'preanswer');
  story.wait(story.between(200, 900));
  story.emit(leg, 'ringing');
  return leg;
}

/** An operator of the entry point's call center answering: preanswer, ringing, connected, then the entry point connected. */
function operatorAnswers(story: Story, entry: Leg, agent: Party): Leg {
  const center = entry.target;
  const leg = story.leg({
    direction: 'inbound', target: agent, contact: entry.contact, entry_point_call_id: entry.call_id, master_call_id: entry.master_call_id,
    entry_point_target: center, group_id: entry.group_id, internal_number: agent.phone,
  });
  story.emit(leg, 'preanswer');
  story.wait(story.between(150, 400));
  story.emit(leg, 'ringing');
  story.wait(story.between(3_000, 9_000));
  story.emit(leg, 'connected');
  story.wait(story.between(100, 300));
  entry.operator_call_id = leg.call_id;
  story.emit(entry, 'connected');
  return leg;
}

/** The operator and entry point hang up, almost together. */
function bothHangUp(story: Story, operator: Leg, entry: Leg, transferred = false): void {
  story.emit(operator, 'hangup');
  story.wait(story.between(20, 120));
  entry.is_transferred = transferred;
  story.emit(entry, 'hangup');
}

/** A call-center call up to the operator talking: entry point, queue, operator. */
function callCenterCall(story: Story, center: Party, customer: Party, master: Id | null = null): { entry: Leg; operator: Leg; agent: Party } {
  const entry = entryPoint(story, center, customer, master);
  story.wait(story.between(500, 1_500));
  story.emit(entry, 'queued');
  story.wait(story.between(2_000, 12_000));
  const agent = story.user();
  return { entry, operator: operatorAnswers(story, entry, agent), agent };
}

/** A supervisor joining an operator's call (monitor, then optionally barge or take over). */
function supervisorJoins(story: Story, entry: Leg, states: readonly string[]): Leg {
  const leg = story.leg({
    direction: 'inbound', target: story.user(), contact: entry.contact, entry_point_call_id: entry.call_id, master_call_id: entry.master_call_id,
    entry_point_target: entry.target, group_id: entry.group_id,
  });
  leg.internal_number = leg.target.phone;
  story.emit(leg, 'preanswer');
  story.wait(story.between(300, 800));
  story.emit(leg, 'connected');
  for (const state of states) {
    story.wait(story.between(5_000, 20_000));
    story.emit(leg, state);
  }
  return leg;
}

/** A direct call to a user, answered. */
function directCall(story: Story, agent: Party, customer: Party, master: Id | null = null): Leg {
  const leg = story.leg({ direction: 'inbound', target: agent, contact: customer, master_call_id: master });
  story.emit(leg, 'preanswer');
  story.wait(story.between(200, 700));
  story.emit(leg, 'ringing');
  story.wait(story.between(3_000, 10_000));
  story.emit(leg, 'connected');
  return leg;
}

const talk = (story: Story) => story.wait(story.between(40_000, 120_000));

/** Every scenario, by name. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'direct',
    description: 'a customer calls a user, who answers',
    build(story) {
      const leg = directCall(story, story.user(), story.customer());
      talk(story);
      story.emit(leg, 'hangup');
    },
  },
  {
    name: 'outbound',
    description: 'a user calls a customer',
    build(story) {
      const agent = story.user();
      const customer = story.customer();
      const leg = story.leg({ direction: 'outbound', target: agent, contact: customer, selected_caller_id: agent.phone });
      story.emit(leg, 'calling');
      story.wait(story.between(500, 1_500));
      story.emit(leg, 'ringing');
      story.wait(story.between(4_000, 15_000));
      story.emit(leg, 'connected');
      talk(story);
      story.emit(leg, 'hangup');
    },
  },
  {
    name: 'missed',
    description: 'a customer calls a user, nobody answers',
    build(story) {
      const leg = story.leg({ direction: 'inbound', target: story.user(), contact: story.customer() });
      story.emit(leg, 'preanswer');
      story.wait(story.between(200, 700));
      story.emit(leg, 'ringing');
      story.wait(story.between(20_000, 30_000));
      story.emit(leg, 'missed');
      story.wait(story.between(20, 200));
      story.emit(leg, 'hangup');
    },
  },
  {
    name: 'voicemail',
    description: 'a customer leaves a voicemail: upload and transcription follow the hangup',
    build(story) {
      const agent = story.user();
      const leg = story.leg({ direction: 'inbound', target: agent, contact: story.customer() });
      story.emit(leg, 'preanswer');
      story.wait(story.between(200, 700));
      story.emit(leg, 'ringing');
      story.wait(story.between(15_000, 25_000));
      story.emit(leg, 'voicemail');
      story.wait(story.between(10_000, 40_000));
      story.emit(leg, 'hangup');
      story.wait(story.between(1_000, 4_000));
      story.emit(leg, 'voicemail_uploaded');
      story.wait(story.between(5_000, 20_000));
      leg.transcription_text = `Hi ${agent.name.split(' ')[0]}, this is ${leg.contact.name} about my last invoice. Please call me back at ${leg.contact.phone}, thanks.`;
      story.emit(leg, 'transcription');
    },
  },
  {
    name: 'call-center',
    description: 'a customer calls a call center: entry point, queue, an operator answers; the recording follows',
    build(story) {
      const { entry, operator } = callCenterCall(story, story.callCenter(), story.customer());
      operator.was_recorded = true;
      entry.was_recorded = true;
      operator.recording = story.id();
      talk(story);
      bothHangUp(story, operator, entry);
      story.wait(story.between(20_000, 60_000));
      story.emit(operator, 'recording');
    },
  },
  {
    name: 'transfer',
    description: 'the vendor\'s example: a call-center call transferred to a second call center, both with operators (16 events)',
    build(story) {
      const customer = story.customer();
      const first = story.callCenter();
      const a = entryPoint(story, first, customer);
      story.wait(story.between(1_000, 5_000));
      const one = operatorAnswers(story, a, story.user());
      talk(story);
      bothHangUp(story, one, a, true);
      story.wait(story.between(200, 800));
      const b = entryPoint(story, story.callCenter(first), customer, a.call_id);
      story.wait(story.between(1_000, 5_000));
      const two = operatorAnswers(story, b, story.user());
      talk(story);
      bothHangUp(story, two, b);
    },
  },
  {
    name: 'transfer-chain',
    description: 'a call center transfers to a user, who transfers to a second call center',
    build(story) {
      const customer = story.customer();
      const first = story.callCenter();
      const { entry: a, operator: one } = callCenterCall(story, first, customer);
      talk(story);
      bothHangUp(story, one, a, true);
      story.wait(story.between(200, 800));
      const direct = directCall(story, story.user(), customer, a.call_id);
      talk(story);
      direct.is_transferred = true;
      story.emit(direct, 'hangup');
      story.wait(story.between(200, 800));
      const { entry: b, operator: two } = callCenterCall(story, story.callCenter(first), customer, a.call_id);
      talk(story);
      bothHangUp(story, two, b);
    },
  },
  ...(['monitor', 'barge', 'takeover'] as const).map((kind): Scenario => ({
    name: kind,
    description: kind === 'monitor' ? 'a supervisor listens in on an operator\'s call-center call'
      : kind === 'barge' ? 'a supervisor listens in on an operator\'s call, then barges in'
        : 'a supervisor takes over an operator\'s call (the operator drops)',
    build(story) {
      const { entry, operator } = callCenterCall(story, story.callCenter(), story.customer());
      story.wait(story.between(10_000, 30_000));
      const supervisor = supervisorJoins(story, entry, kind === 'monitor' ? ['monitor'] : kind === 'barge' ? ['monitor', 'barge'] : ['takeover']);
      if (kind === 'takeover') {
        story.wait(story.between(500, 2_000));
        story.emit(operator, 'hangup');
        talk(story);
        story.emit(supervisor, 'hangup');
        story.wait(story.between(20, 120));
        story.emit(entry, 'hangup');
        return;
      }
      talk(story);
      story.emit(supervisor, 'hangup');
      story.wait(story.between(5_000, 20_000));
      bothHangUp(story, operator, entry);
    },
  })),
];

/** The scenario with this name, or undefined. */
export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/** The events of one scenario, in the order they happen. */
export function buildScenario(scenario: Scenario, options: ScenarioOptions = {}): ScenarioEvent[] {
  const story = new Story(scenario.name, options);
  scenario.build(story);
  return story.events;
}
