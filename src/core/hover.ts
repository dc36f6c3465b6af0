import { findNodeAtLocation, getNodePath, type Node } from 'jsonc-parser';
import { answerLine, answersOf } from './answers';
import { eventAt } from './eventAt';
import { parseEventDocument } from './eventDocument';
import { prettyJson } from './jsonText';
import { isWithheldNumber } from './eventRules';
import { int64Number, literalInteger } from './numbers';
import { fieldDoc, stateDoc, type FieldDoc } from './fieldDocs';
import type { CallFlow, CallLeg, GraphEvent } from './graph';
import type { InspectedEvent, Inspection } from './inspect';
import type { JwtVerdict } from './jwt';
import { E164_PATTERN, phoneRegion } from './phoneRegions';
import { roleLabel } from './roles';
import { suggestState } from './states';
import { forTerminal } from '../shared/untrustedText';

/** A place to jump to: the event (index in the document) of a call leg. */
export interface HoverLink {
  callId: string;
  event: number;
}

/**
 * One line of a hover, as plain data. `text`: a sentence; `code`: a block shown as is (several lines);
 * `kv`: a labelled value. Nothing here is Markdown or HTML: payload strings are copied verbatim
 * (shortened) and the editor adapter must escape everything it renders.
 */
export interface HoverLine {
  kind: 'text' | 'code' | 'kv';
  text?: string;
  key?: string;
  value?: string;
  link?: HoverLink;
}

/** What to show when hovering one place of a capture, and the document range it is about. */
export interface HoverContent {
  range: { start: number; end: number };
  title: string;
  lines: HoverLine[];
}

/** Options of `hoverAt`. */
export interface HoverOptions {
  /** IANA time zone for local times; the process's own by default. */
  timeZone?: string;
}

/** The longest untrusted string a hover echoes, in UTF-16 units (longer ones end in "…"). */
export const MAX_ECHO = 200;
/** The most lines of a JWT's header or claims a hover shows. */
export const MAX_CODE_LINES = 60;

type Path = (string | number)[];

/** What one hover needs to know about the hovered event. */
interface Context {
  event: InspectedEvent;
  inspection: Pick<Inspection, 'events' | 'graph'>;
  tree: Node;
  json: string;
  timeZone: string;
  leg: CallLeg | undefined;
}

/**
 * The hover at an offset of a document: field docs on keys; dates, durations, call roles, phone regions
 * and states on values; the decoded header, claims and verdict on a JWT. Undefined where there is
 * nothing to say. Never throws on bad input.
 */
export function hoverAt(document: string, inspection: Pick<Inspection, 'events' | 'graph'>, offset: number, options: HoverOptions = {}): HoverContent | undefined {
  const event = eventAt(inspection.events, offset);
  if (!event || offset < event.textStart || offset >= event.textEnd) return undefined;
  if (event.payload === 'jwt') return jwtHover(event);
  if (event.kind !== 'call') return undefined;
  const json = parseEventDocument(document, event);
  const node = json?.getNodeFromOffset(offset);
  if (!json || !node) return undefined;
  const range = json.rangeOf(node);
  const leg = event.summary && event.trusted ? inspection.graph.legs.get(event.summary.callId) : undefined;
  const context: Context = { event, inspection, tree: json.root, json: json.json, timeZone: options.timeZone ?? defaultTimeZone(), leg };
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) return keyHover(getNodePath(node), range);
  if (node.type === 'property') return undefined;
  return valueHover(context, node, getNodePath(node), range);
}

// ---- keys -------------------------------------------------------------------------------------

function keyHover(path: Path, range: HoverContent['range']): HoverContent | undefined {
  const doc = fieldDoc(path);
  if (doc) return { range, title: doc.path, lines: docLines(doc) };
  // Only top-level keys are judged unknown: nested objects (integrations, say) may hold anything.
  if (path.length !== 1) return undefined;
  return { range, title: cap(String(path[0])), lines: [text('Not in the vendor\'s documentation: this field is passed through unchecked.')] };
}

function docLines(doc: FieldDoc): HoverLine[] {
  const lines = [text(doc.summary), kv('Type', doc.type)];
  if (doc.blank) lines.push(kv('When blank', doc.blank));
  return lines;
}

// ---- values -----------------------------------------------------------------------------------

function valueHover(context: Context, node: Node, path: Path, range: HoverContent['range']): HoverContent | undefined {
  const doc = fieldDoc(path);
  const special = doc?.value ? specialHover(context, doc, node, path, range) : undefined;
  if (special) return special;
  // Anything else: the documentation of the nearest documented key around it.
  for (let depth = path.length; depth > 0; depth--) {
    const enclosing = fieldDoc(path.slice(0, depth));
    if (!enclosing) continue;
    const lines = docLines(enclosing);
    if (node.type === 'string') lines.push(kv('Value', cap(String(node.value))));
    else if (node.type === 'null') lines.push(kv('Value', 'null (blank)'));
    return { range, title: enclosing.path, lines };
  }
  return undefined;
}

function specialHover(context: Context, doc: FieldDoc, node: Node, path: Path, range: HoverContent['range']): HoverContent | undefined {
  switch (doc.value) {
    case 'state':
      return node.type === 'string' ? stateHover(context, String(node.value), range) : undefined;
    case 'timestamp-ms':
    case 'timestamp-s': {
      const value = nodeNumber(node);
      return value === null ? undefined : timestampHover(context, doc, path, value, range);
    }
    case 'duration-ms': {
      const value = nodeNumber(node);
      return value === null ? undefined : durationHover(doc, value, range);
    }
    case 'call-id': {
      const id = idText(context.json, node);
      return id === undefined ? undefined : callIdHover(context, doc, id, range);
    }
    case 'phone':
      if (node.type !== 'string' || node.value === '') return undefined;
      return isWithheldNumber(String(node.value)) ? withheldHover(doc, String(node.value), range) : phoneHover(doc, String(node.value), range);
    default:
      return undefined;
  }
}

// ---- state ------------------------------------------------------------------------------------

function stateHover(context: Context, state: string, range: HoverContent['range']): HoverContent {
  const title = `state: ${cap(state)}`;
  const doc = stateDoc(state);
  const lines: HoverLine[] = [];
  if (doc) {
    lines.push(text(doc.summary));
    if (doc.note) lines.push(text(doc.note));
    lines.push(kv('Phase', doc.phase));
  } else {
    lines.push(text('Not one of the vendor\'s call states.'));
    const suggestion = suggestState(state);
    if (suggestion) lines.push(kv('Did you mean', suggestion));
  }
  const { leg, event } = context;
  const at = leg ? leg.events.findIndex((e) => e.event === event.index) : -1;
  if (leg && at >= 0) {
    const current = leg.events[at]!;
    lines.push(kv('Position', `event ${at + 1} of ${leg.events.length} of this leg`));
    const previous = leg.events[at - 1], next = leg.events[at + 1];
    lines.push(previous
      ? { ...kv('Previous', `${cap(previous.state)}${gap(previous, current, 'earlier')}`), link: { callId: leg.callId, event: previous.event } }
      : kv('Previous', 'none: this is the first event of the leg'));
    lines.push(next
      ? { ...kv('Next', `${cap(next.state)}${gap(current, next, 'later')}`), link: { callId: leg.callId, event: next.event } }
      : kv('Next', 'none: this is the last event of the leg'));
  }
  return { range, title, lines };
}

/** ", 12.345 s earlier" between two events of a leg, when both times are known. */
function gap(before: GraphEvent, after: GraphEvent, word: 'earlier' | 'later'): string {
  if (before.time === null || after.time === null) return '';
  return ` (${humanDuration(after.time - before.time)} ${word})`;
}

// ---- timestamps and durations -----------------------------------------------------------------

function timestampHover(context: Context, doc: FieldDoc, path: Path, value: number, range: HoverContent['range']): HoverContent {
  const seconds = doc.value === 'timestamp-s';
  const ms = seconds ? value * 1000 : value;
  const lines: HoverLine[] = [text(doc.summary)];
  if (!isDate(ms)) {
    lines.push(text(`${cap(String(value))} is not a date JavaScript can represent.`));
    return { range, title: doc.path, lines };
  }
  lines.push(kv('UTC', new Date(ms).toISOString()));
  lines.push(kv('Local', localTime(ms, context.timeZone)));
  const since = sinceStart(context, path, ms);
  if (since) lines.push(kv('Since start', since));
  if (!seconds && value !== 0 && Math.abs(value) < 1e11 && isDate(value * 1000)) {
    lines.push(text(`Before 1973 as milliseconds: if this is unix seconds it would be ${new Date(value * 1000).toISOString()}.`));
  } else if (seconds && Math.abs(value) >= 1e11 && isDate(value)) {
    lines.push(text(`Far in the future as seconds: if this is unix milliseconds it would be ${new Date(value).toISOString()}.`));
  }
  return { range, title: doc.path, lines };
}

/** "+12.345 s after date_started": against the event's own date_started, else the leg's start. */
function sinceStart(context: Context, path: Path, ms: number): string | undefined {
  const own = findNodeAtLocation(context.tree, ['date_started']);
  const started = own ? nodeNumber(own) : null;
  const legStart = context.leg?.start ?? null;
  if (path.length === 1 && path[0] === 'date_started') {
    if (legStart === null || legStart === ms) return 'the start of the leg';
    return relative(ms - legStart, 'the leg\'s earliest date_started');
  }
  if (started !== null && isDate(started)) return relative(ms - started, 'date_started');
  if (legStart !== null) return relative(ms - legStart, 'the leg\'s start');
  return undefined;
}

function relative(deltaMs: number, reference: string): string {
  if (deltaMs === 0) return `at ${reference}`;
  return deltaMs > 0 ? `+${humanDuration(deltaMs)} after ${reference}` : `${humanDuration(-deltaMs)} before ${reference}`;
}

function durationHover(doc: FieldDoc, value: number, range: HoverContent['range']): HoverContent {
  return {
    range, title: doc.path,
    lines: [text(doc.summary), kv('Duration', humanDuration(value)), kv('Milliseconds', `${trimNumber(value)} ms`)],
  };
}

/** A duration to the millisecond: "24.5 s", "3 min 24.5 s", "1 h 2 min 3.004 s". */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const total = Math.round(Math.abs(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const secondsText = `${(total % 60_000) / 1000} s`;
  if (hours > 0) return `${sign}${hours} h ${minutes} min ${secondsText}`;
  if (minutes > 0) return `${sign}${minutes} min ${secondsText}`;
  return `${sign}${secondsText}`;
}

/** A number with at most three decimals and no trailing zeros (float noise removed). */
function trimNumber(value: number): string {
  return Math.abs(value) < 1e21 ? String(Number(value.toFixed(3))) : String(value);
}

/** Dates JavaScript represents, limited to years 1 to 9999 so they print as ISO 8601. */
function isDate(ms: number): boolean {
  return Number.isFinite(ms) && ms >= -62_135_596_800_000 && ms <= 253_402_300_799_999;
}

function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "2026-03-10 05:15:22.118 (UTC-04:00, America/New_York)". */
export function localTime(ms: number, timeZone: string): string {
  let parts: Record<string, string>;
  try {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3,
    });
    parts = Object.fromEntries(formatter.formatToParts(ms).map((part) => [part.type, part.value]));
  } catch {
    return `unknown time zone "${cap(timeZone, 60)}"`;
  }
  const year = Number(parts.year), month = Number(parts.month), day = Number(parts.day);
  const hour = Number(parts.hour), minute = Number(parts.minute), second = Number(parts.second), fraction = Number(parts.fractionalSecond);
  const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, fraction));
  wall.setUTCFullYear(year);
  const offset = Math.round((wall.getTime() - ms) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const zone = `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${pad(year, 4)}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${parts.fractionalSecond} (${zone}, ${cap(timeZone, 60)})`;
}

// ---- call ids ---------------------------------------------------------------------------------

/** The exact decimal text of an id value (a JSON integer as written, or a string of digits). */
function idText(json: string, node: Node): string | undefined {
  if (node.type === 'number') {
    const literal = json.slice(node.offset, node.offset + node.length);
    return /^-?\d+$/.test(literal) ? literal : undefined;
  }
  if (node.type === 'string' && /^-?\d+$/.test(String(node.value))) return String(node.value);
  return undefined;
}

function callIdHover(context: Context, doc: FieldDoc, id: string, range: HoverContent['range']): HoverContent {
  const lines: HoverLine[] = [text(doc.summary), kv('Call', cap(id))];
  const { graph } = context.inspection;
  const leg = graph.legs.get(id);
  if (!leg) {
    lines.push(text('Not in this capture: no event of this file has this call_id.'));
  } else {
    const flow = flowOf(graph.flows, leg);
    const role = `${roleLabel(leg)} leg`;
    const where = !flow || flow.id === leg.callId ? `${role} that starts its flow` : `${role} of the flow ${cap(flow.id)}`;
    const count = `${leg.events.length} event${leg.events.length === 1 ? '' : 's'} in this file`;
    lines.push({ ...text(`${where}, ${count}`), link: { callId: leg.callId, event: leg.events[0]!.event } });
    if ((leg.role === 'operator' || leg.role === 'monitor') && leg.entryPointCallId !== null) {
      lines.push(linkedKv(graph.legs, leg.role === 'operator' ? 'Answers the entry point' : 'Joined the entry point', leg.entryPointCallId));
      if (!leg.roleConfirmed) {
        lines.push(text(graph.legs.has(leg.entryPointCallId)
          ? 'Unconfirmed: its entry point names no operator yet (no operator_call_id, e.g. before its connected event); a monitor would look the same until it does.'
          : 'Unconfirmed: its entry point is not in this capture, so nothing says whether it names this leg as its operator.'));
      }
    }
    if (leg.role === 'entry_point' && leg.operatorCallId !== null) lines.push(linkedKv(graph.legs, 'Operator', leg.operatorCallId));
    if (leg.transferIndex > 0 && flow) lines.push(kv('Transfer', `leg of transfer ${leg.transferIndex} of ${flow.transfers}`));
    lines.push(kv('States', cap(leg.states.join(' → '))));
    if (flow) lines.push(kv('Flow', answerLine(answersOf(flow, graph))));
  }
  const approximate = Number(id);
  // Only when the digits do not survive a number: above 2^53 some integers still do (all even ones below 2^54, say).
  if (!Number.isFinite(approximate)) {
    lines.push(text('Far beyond 2^53: JSON.parse cannot read it as a number at all; read ids as strings.'));
  } else if (BigInt(approximate).toString() !== literalInteger(id)) {
    lines.push(text(`Beyond 2^53: JSON.parse would read it as ${cap(BigInt(approximate).toString())}; read ids as strings.`));
  }
  return { range, title: doc.path, lines };
}

function linkedKv(legs: ReadonlyMap<string, CallLeg>, key: string, callId: string): HoverLine {
  const target = legs.get(callId);
  if (!target) return kv(key, `${cap(callId)} (not in this capture)`);
  return { ...kv(key, cap(callId)), link: { callId, event: target.events[0]!.event } };
}

function flowOf(flows: readonly CallFlow[], leg: CallLeg): CallFlow | undefined {
  return flows.find((flow) => flow.legs.includes(leg));
}

// ---- phone numbers ----------------------------------------------------------------------------

function phoneHover(doc: FieldDoc, phone: string, range: HoverContent['range']): HoverContent {
  const lines: HoverLine[] = [text(doc.summary), kv('Number', cap(phone))];
  lines.push(kv('E.164', E164_PATTERN.test(phone) ? 'valid' : 'not valid: E.164 is a +, a country code and the number, 8 to 15 digits in all, nothing else'));
  const region = phoneRegion(phone);
  lines.push(kv('Country', region ? `${region.region} (+${region.code})` : 'unknown: no assigned calling code matches'));
  return { range, title: doc.path, lines };
}

/** A number field that holds Dialpad's stand-in for a withheld caller id. */
function withheldHover(doc: FieldDoc, value: string, range: HoverContent['range']): HoverContent {
  return {
    range, title: doc.path,
    lines: [
      text(doc.summary), kv('Number', cap(value)),
      text('Caller id withheld: Dialpad sends "blocked" in place of a number that was withheld. It is not a phone number, so there is nothing to call back or to check as E.164.'),
    ],
  };
}

// ---- JWT --------------------------------------------------------------------------------------

const VERDICT_TITLES: Record<JwtVerdict, string> = {
  verified: 'signature verified',
  unverified: 'signature not verified',
  'bad-signature': 'bad signature',
  'alg-none': 'unsigned (alg none)',
  'alg-not-allowed': 'algorithm not allowed',
  malformed: 'malformed',
  'claims-invalid': 'claims invalid',
};

function jwtHover(event: InspectedEvent): HoverContent {
  const range = { start: event.textStart, end: event.textEnd };
  const jwt = event.jwt;
  const lines: HoverLine[] = [];
  if (jwt) lines.push(text(jwt.message));
  if (jwt?.header) {
    lines.push(text('Header'));
    lines.push(...codeLines(JSON.stringify(jwt.header, null, 2), false));
  }
  if (event.claimsText !== undefined) {
    lines.push(text('Claims'));
    const claims = prettyJson(event.claimsText);
    lines.push(...codeLines(claims.text, claims.cut));
  }
  return { range, title: `JWT: ${jwt ? VERDICT_TITLES[jwt.verdict] : 'not decoded'}`, lines };
}

/** A code block of at most MAX_CODE_LINES lines of at most MAX_ECHO characters, and what was left out. */
function codeLines(block: string, cut: boolean): HoverLine[] {
  const all = block.split(/\r?\n/);
  const shown = all.slice(0, MAX_CODE_LINES).map((line) => cap(line));
  const lines: HoverLine[] = [{ kind: 'code', text: shown.join('\n') }];
  const hidden = all.length - shown.length;
  if (cut) lines.push(text('… the rest is not shown (too long).'));
  else if (hidden > 0) lines.push(text(`… ${hidden} more line${hidden === 1 ? '' : 's'}`));
  return lines;
}

// ---- helpers ----------------------------------------------------------------------------------

/** The number a JSON node holds: a number, or an int64 written as a decimal string (REST API records). */
function nodeNumber(node: Node): number | null {
  return node.type === 'number' || node.type === 'string' ? int64Number(node.value) : null;
}

function text(value: string): HoverLine {
  return { kind: 'text', text: value };
}

function kv(key: string, value: string): HoverLine {
  return { kind: 'kv', key, value };
}

/** Untrusted text for a hover: unsafe characters visibly escaped, at most `max` UTF-16 units (see untrustedText). */
export function cap(value: string, max = MAX_ECHO): string {
  return forTerminal(value, max);
}
