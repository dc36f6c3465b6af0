import { compareIds, findUnsafeIntegers } from './numbers';
import { Pseudonyms } from './pseudonyms';
import { CALL_ID_FIELDS } from './eventFields';
import { toSafeJson } from '../shared/untrustedText';

/** An integer literal `JSON.parse` would round, kept as its text so ids above 2^53 are written back exactly. */
export class ExactInteger {
  constructor(readonly text: string, readonly exact: string) {}
}

/** A parsed event with its unsafe integers as `ExactInteger`s, read from the event's JSON text. */
export function withExactIntegers(value: unknown, json: string): unknown {
  for (const found of findUnsafeIntegers(json)) {
    if (found.exact === undefined || found.path.length === 0) continue;
    let parent = value as Record<string | number, unknown> | undefined;
    for (const step of found.path.slice(0, -1)) parent = parent?.[step] as Record<string | number, unknown> | undefined;
    if (parent && typeof parent === 'object') parent[found.path[found.path.length - 1]!] = new ExactInteger(found.text, found.exact);
  }
  return value;
}

/** Writes JSON (compact, or indented by `indent`) with `ExactInteger`s as their digits; strings escaped as `toSafeJson` does. */
export function writeJson(value: unknown, indent?: string): string {
  const parts: string[] = [];
  const write = (node: unknown, depth: string) => {
    if (node instanceof ExactInteger) parts.push(node.text);
    else if (Array.isArray(node)) {
      if (node.length === 0) { parts.push('[]'); return; }
      const inner = indent === undefined ? '' : depth + indent;
      parts.push('[');
      node.forEach((item, i) => {
        if (i > 0) parts.push(',');
        if (indent !== undefined) parts.push(`\n${inner}`);
        write(item, inner);
      });
      parts.push(indent === undefined ? ']' : `\n${depth}]`);
    } else if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node).filter(([, v]) => v !== undefined);
      if (entries.length === 0) { parts.push('{}'); return; }
      const inner = indent === undefined ? '' : depth + indent;
      parts.push('{');
      entries.forEach(([key, item], i) => {
        if (i > 0) parts.push(',');
        if (indent !== undefined) parts.push(`\n${inner}`);
        parts.push(toSafeJson(key), indent === undefined ? ':' : ': ');
        write(item, inner);
      });
      parts.push(indent === undefined ? '}' : `\n${depth}}`);
    } else parts.push(toSafeJson(node) ?? 'null');
  };
  write(value, '');
  return parts.join('');
}

/** What a string of an event is, by where it is. */
type Rule =
  | { kind: 'name'; label: string }
  | { kind: 'phone' | 'email' | 'contact-id' | 'free' | 'keep' }
  | { kind: 'text'; field: string }
  | { kind: 'link'; link: string };

const KEEP: Rule = { kind: 'keep' };
const FREE: Rule = { kind: 'free' };
const PHONE: Rule = { kind: 'phone' };
const EMAIL: Rule = { kind: 'email' };

/** A target's name pseudonym says what it is, by its `type`. */
const TYPE_LABELS: Readonly<Record<string, string>> = {
  user: 'User', callcenter: 'Call center', department: 'Department', office: 'Office', room: 'Room', staff: 'Staff',
  coachingteam: 'Coaching team', coaching_team: 'Coaching team', contact: 'Contact', bot: 'Bot',
};

const PARTIES = new Set(['target', 'entry_point_target', 'proxy_target', 'transferred_from']);
const PHONE_FIELDS = new Set(['external_number', 'internal_number', 'selected_caller_id']);
const TEXT_FIELDS = new Set(['transcription_text', 'custom_data', 'recap_summary', 'recap_outcome', 'csat_transcriptions', 'recap_purposes', 'recap_action_items']);
const LINK_FIELDS: Readonly<Record<string, string>> = {
  voicemail_link: 'voicemail', voicemail_share_link: 'share', public_call_review_share_link: 'share', company_call_review_share_link: 'share',
  call_recording_share_links: 'share', admin_call_recording_share_links: 'share',
  recording_url: 'recording', screen_recording_urls: 'recording', csat_recording_urls: 'recording',
};
// Fields the graph and the answers read as they are, and that hold no person: never rewritten.
const KEPT_FIELDS = new Set(['state', 'direction', 'group_id', 'call_dispositions', 'target_availability_status']);
const CALL_IDS: ReadonlySet<string> = new Set(CALL_ID_FIELDS);

const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_PATTERN = /\+[1-9]\d{6,14}(?!\d)/g;
const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;
// Known values shorter than this are replaced only where they are a whole string, not inside other text.
const MIN_SUBSTRING = 4;

/** Options of a redaction. */
export interface RedactOptions {
  /** Also replace call ids (by ids of the same digit count, in the same order). */
  ids?: boolean;
}

/**
 * Replaces every personal value of a run's events by a pseudonym, keeping what the call graph, the roles,
 * the flow answers and the timeline read. Two passes: `observe` every event of the run first (what is
 * personal, which call ids there are), then `redact` each.
 */
export class Redactor {
  /** Every personal value seen, with the rule that found it first (a value found in free text is replaced the same way). */
  private readonly personal = new Map<string, Rule>();
  private readonly callIds = new Set<string>();
  private pseudonyms: Pseudonyms | undefined;
  private idMap: Map<string, string> | undefined;
  /** Known values long enough to be found inside other text, by their first MIN_SUBSTRING units: their lengths, longest first. */
  private substrings: Map<string, number[]> | undefined;

  constructor(private readonly options: RedactOptions = {}) {}

  /** First pass: notes the personal values and call ids of one event (a parsed object, `ExactInteger`s in place). */
  observe(value: unknown): void {
    if (this.pseudonyms) throw new Error('Redactor.observe after redact');
    this.walk(value, undefined, (text, rule) => {
      if (rule.kind === 'keep') return text;
      if (rule.kind === 'free') {
        for (const match of text.match(EMAIL_PATTERN) ?? []) this.note(match, EMAIL);
        for (const match of text.match(PHONE_PATTERN) ?? []) this.note(match, PHONE);
        return text;
      }
      if (rule.kind === 'contact-id') {
        if (URL_PATTERN.test(text)) this.note(text, { kind: 'link', link: 'contact' });
        else for (const match of text.match(EMAIL_PATTERN) ?? []) this.note(match, EMAIL);
        return text;
      }
      if (isPersonal(text)) this.note(text, rule);
      return text;
    }, (id) => { this.callIds.add(id); return undefined; });
  }

  /** Second pass: the event with every personal value replaced (a new value; the input is not changed). */
  redact(value: unknown): unknown {
    this.seal();
    return this.walk(value, undefined, (text, rule) => this.replace(text, rule), (id) => this.idMap?.get(id));
  }

  /** Text outside any event (a capture record's reason): personal values of the run replaced where they occur in it. */
  redactFreeText(text: string): string {
    this.seal();
    return this.replaceInText(text);
  }

  /** Text replaced whole by a pseudonym named after `field`. */
  redactText(field: string, text: string): string {
    this.seal();
    return this.pseudonyms!.text(field, text);
  }

  private note(text: string, rule: Rule): void {
    if (!this.personal.has(text)) this.personal.set(text, rule);
  }

  private seal(): void {
    if (this.pseudonyms) return;
    // The values to avoid are the personal map's keys: no copy of them.
    this.pseudonyms = new Pseudonyms(this.personal);
    if (this.options.ids) this.idMap = sameLengthIds(this.callIds);
    // A map, not one pattern of every value: a regular expression of 10,000 alternatives costs tens of MB to compile.
    const substrings = new Map<string, number[]>();
    for (const value of this.personal.keys()) {
      if (value.length < MIN_SUBSTRING) continue;
      const start = value.slice(0, MIN_SUBSTRING);
      const lengths = substrings.get(start);
      if (lengths === undefined) substrings.set(start, [value.length]);
      else if (!lengths.includes(value.length)) lengths.push(value.length);
    }
    for (const lengths of substrings.values()) lengths.sort((a, b) => b - a);
    this.substrings = substrings.size > 0 ? substrings : undefined;
  }

  /**
   * Every known value in `text` replaced: at each place the longest one that starts there, scanning on after
   * it (what one global pattern of them all, longest first, would replace).
   */
  private replaceKnown(text: string, substrings: ReadonlyMap<string, readonly number[]>): string {
    let out = '', copied = 0;
    for (let i = 0; i + MIN_SUBSTRING <= text.length;) {
      const lengths = substrings.get(text.slice(i, i + MIN_SUBSTRING));
      let found: string | undefined;
      if (lengths !== undefined) {
        for (const length of lengths) {
          if (i + length > text.length) continue;
          const candidate = text.slice(i, i + length);
          if (this.personal.has(candidate)) {
            found = candidate;
            break;
          }
        }
      }
      if (found === undefined) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + this.pseudonymOf(found, this.personal.get(found)!);
      i += found.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  private replace(text: string, rule: Rule): string {
    const p = this.pseudonyms!;
    switch (rule.kind) {
      case 'keep': return text;
      case 'free': return this.replaceInText(text);
      case 'contact-id':
        return URL_PATTERN.test(text) ? p.link('contact', text) : text.replace(EMAIL_PATTERN, (email) => p.email(email));
      default: {
        if (!isPersonal(text)) return text;
        // A value found in several places is replaced as it was first found (a name by its first label).
        return this.pseudonymOf(text, this.personal.get(text) ?? rule);
      }
    }
  }

  private pseudonymOf(text: string, rule: Rule): string {
    const p = this.pseudonyms!;
    switch (rule.kind) {
      case 'name': return p.name(rule.label, text);
      case 'phone': return p.phone(text);
      case 'email': return p.email(text);
      case 'text': return p.text(rule.field, text);
      case 'link': return p.link(rule.link, text);
      default: return text;
    }
  }

  /** Free text: known personal values wherever they occur in it, then any other email or E.164 number, then call ids. */
  private replaceInText(text: string): string {
    const whole = this.personal.get(text);
    if (whole) return this.pseudonymOf(text, whole);
    let out = this.substrings ? this.replaceKnown(text, this.substrings) : text;
    out = out.replace(EMAIL_PATTERN, (email) => (email.endsWith('@redacted.invalid') ? email : this.pseudonyms!.email(email)));
    out = out.replace(PHONE_PATTERN, (phone) => this.pseudonyms!.phone(phone));
    const ids = this.idMap;
    if (ids) out = out.replace(/\d+/g, (digits) => ids.get(digits) ?? digits);
    return out;
  }

  /**
   * Rebuilds `node` with each string passed to `leaf` under the rule of its place, and each call id (and,
   * with --ids, every number equal to one) to `id`, which gives its replacement or undefined to keep it.
   */
  private walk(node: unknown, rule: Rule | undefined, leaf: (text: string, rule: Rule) => string, id: (exact: string) => string | undefined, key?: string): unknown {
    if (typeof node === 'string') {
      if (key !== undefined && CALL_IDS.has(key) && /^\d+$/.test(node)) return id(node) ?? node;
      return leaf(node, rule ?? FREE);
    }
    if (typeof node === 'number' || node instanceof ExactInteger) {
      const exact = node instanceof ExactInteger ? node.exact : Number.isSafeInteger(node) ? String(node) : undefined;
      if (exact === undefined) return node;
      if (key !== undefined && CALL_IDS.has(key)) {
        const mapped = id(exact);
        if (mapped === undefined) return node;
        return node instanceof ExactInteger || !Number.isSafeInteger(Number(mapped)) ? new ExactInteger(mapped, mapped) : Number(mapped);
      }
      const mapped = this.idMap?.get(exact);
      if (mapped === undefined) return node;
      return node instanceof ExactInteger || !Number.isSafeInteger(Number(mapped)) ? new ExactInteger(mapped, mapped) : Number(mapped);
    }
    if (Array.isArray(node)) return node.map((item) => this.walk(item, rule, leaf, id, key));
    if (typeof node !== 'object' || node === null) return node;
    const object = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) out[k] = this.walk(v, rule ?? this.ruleOf(object, k, key), leaf, id, k);
    return out;
  }

  /** The rule for `object[k]` when no enclosing field set one; `parentKey` is the key `object` is under. */
  private ruleOf(object: Record<string, unknown>, k: string, parentKey: string | undefined): Rule | undefined {
    if (parentKey === undefined) {
      if (KEPT_FIELDS.has(k)) return KEEP;
      if (PHONE_FIELDS.has(k)) return PHONE;
      if (TEXT_FIELDS.has(k)) return { kind: 'text', field: k };
      const link = LINK_FIELDS[k];
      if (link !== undefined) return { kind: 'link', link };
    } else if (parentKey === 'contact' || PARTIES.has(parentKey)) {
      if (k === 'name') {
        const type = typeof object.type === 'string' ? object.type.toLowerCase() : '';
        return { kind: 'name', label: parentKey === 'contact' ? 'Contact' : TYPE_LABELS[type] ?? 'Target' };
      }
      if (k === 'phone') return PHONE;
      if (k === 'email') return EMAIL;
      if (k === 'type') return KEEP;
      if (k === 'id' && parentKey === 'contact') return { kind: 'contact-id' };
    }
    if ((parentKey === 'recording_details' || parentKey === 'routing_breadcrumbs') && k === 'url') {
      return { kind: 'link', link: parentKey === 'recording_details' ? 'recording' : 'router' };
    }
    if (parentKey === 'topic_summary' && k === 'ai_detection_desc') return { kind: 'text', field: k };
    // Fields of the same kinds elsewhere (other event families, unknown objects), by their names.
    if (/(^|_)(phone|number)$/.test(k)) return PHONE;
    if (/(^|_)email$/.test(k)) return EMAIL;
    if (k === 'text' || k === 'text_content') return { kind: 'text', field: k };
    if (/(^|_)(first_|last_|display_|full_)?name$/.test(k) && parentKey !== 'call_dispositions') return { kind: 'name', label: 'Name' };
    return undefined;
  }
}

/** True for a value worth hiding: not empty, and not a placeholder such as a withheld number. */
function isPersonal(text: string): boolean {
  return text.trim() !== '' && text !== 'blocked' && text !== 'anonymous';
}

/**
 * Call ids replaced by ids with the same digit count, in the same order (so whatever sorts by id sorts the same),
 * and none of them an id of the input when there is room for that.
 */
function sameLengthIds(ids: ReadonlySet<string>): Map<string, string> {
  const map = new Map<string, string>();
  const byLength = new Map<number, string[]>();
  for (const id of ids) {
    if (!/^\d+$/.test(id)) continue;
    const list = byLength.get(id.length) ?? [];
    list.push(id);
    byLength.set(id.length, list);
  }
  for (const [length, list] of byLength) {
    list.sort(compareIds);
    let next = length === 1 ? 0n : 10n ** BigInt(length - 1);
    const last = 10n ** BigInt(length) - 1n;
    // Room for new ids besides the input's own: else the ids are only renumbered among themselves.
    const avoid = last - next + 1n - BigInt(list.length) >= BigInt(list.length);
    for (const id of list) {
      while (avoid && ids.has(next.toString()) && next < last) next++;
      map.set(id, next.toString());
      next++;
    }
  }
  return map;
}

