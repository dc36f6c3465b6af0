import { intern, type CallEventSummary, type EventFacts } from './callEvent';

/**
 * Call-event summaries as a few flat columns: how a worker thread hands a chunk's summaries back. A structured
 * clone of 100,000 small objects cost more than analysing them (measured: 0.3 s of CPU on the bench capture);
 * columns and one table of the chunk's distinct strings clone as a handful of buffers. Plain data only.
 */
export interface PackedSummaries {
  count: number;
  /** The chunk's distinct strings, each once. */
  strings: string[];
  /** STRING_FIELDS per summary: an index into `strings`, NULL_TEXT or ABSENT. */
  texts: Int32Array;
  /** NUMBER_FIELDS per summary; NaN stands for null (summaries hold only finite numbers). */
  numbers: Float64Array;
  /** Per summary: direction (0 null, 1 inbound, 2 outbound) and isTransferred (0 null, 4 false, 8 true). */
  flags: Uint8Array;
  /** The few summaries with facts, by their position in the list. */
  facts: [number, EventFacts][];
}

const NULL_TEXT = -1;
const ABSENT = -2;

/** The text columns, in the order pack and unpack write them by index: the first eight always set (string or null), the rest only when sent. */
const STRING_FIELDS = [
  'callId', 'state', 'masterCallId', 'entryPointCallId', 'operatorCallId', 'targetName', 'contactName', 'externalNumber',
  'targetNumber', 'targetType', 'contactPhone', 'contactType', 'entryPointName', 'entryPointType',
] as const satisfies readonly (keyof CallEventSummary)[];
/** The number columns, likewise. */
const NUMBER_FIELDS = ['source', 'event', 'dateStarted', 'dateRang', 'dateConnected', 'dateEnded', 'eventTimestamp', 'time'] as const satisfies readonly (keyof CallEventSummary)[];
const S = STRING_FIELDS.length, N = NUMBER_FIELDS.length;

/** Packs summaries into columns (see PackedSummaries). */
export function packSummaries(summaries: readonly CallEventSummary[]): PackedSummaries {
  const count = summaries.length;
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const texts = new Int32Array(count * S), numbers = new Float64Array(count * N), flags = new Uint8Array(count);
  const facts: [number, EventFacts][] = [];
  const text = (value: string | null | undefined): number => {
    if (value === null) return NULL_TEXT;
    if (value === undefined) return ABSENT;
    let index = indexOf.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      indexOf.set(value, index);
    }
    return index;
  };
  const number = (value: number | null): number => (value === null ? NaN : value);
  for (let i = 0; i < count; i++) {
    const s = summaries[i]!;
    const t = i * S, n = i * N;
    texts[t] = text(s.callId); texts[t + 1] = text(s.state); texts[t + 2] = text(s.masterCallId); texts[t + 3] = text(s.entryPointCallId);
    texts[t + 4] = text(s.operatorCallId); texts[t + 5] = text(s.targetName); texts[t + 6] = text(s.contactName); texts[t + 7] = text(s.externalNumber);
    texts[t + 8] = text(s.targetNumber); texts[t + 9] = text(s.targetType); texts[t + 10] = text(s.contactPhone); texts[t + 11] = text(s.contactType);
    texts[t + 12] = text(s.entryPointName); texts[t + 13] = text(s.entryPointType);
    numbers[n] = s.source; numbers[n + 1] = s.event; numbers[n + 2] = number(s.dateStarted); numbers[n + 3] = number(s.dateRang);
    numbers[n + 4] = number(s.dateConnected); numbers[n + 5] = number(s.dateEnded); numbers[n + 6] = number(s.eventTimestamp); numbers[n + 7] = number(s.time);
    flags[i] = (s.direction === 'inbound' ? 1 : s.direction === 'outbound' ? 2 : 0) | (s.isTransferred === null ? 0 : s.isTransferred ? 8 : 4);
    if (s.facts) facts.push([i, s.facts]);
  }
  return { count, strings, texts, numbers, flags, facts };
}

/**
 * The summaries again, equal to those packed and with their fields in the same order (as `summarizeCallEvent`
 * writes them); their texts interned as that function interns them, so a million summaries share their copies.
 */
export function unpackSummaries(packed: PackedSummaries): CallEventSummary[] {
  const { count, texts, numbers, flags } = packed;
  const { strings } = packed;
  // Names, numbers and states are interned (once per distinct string of the chunk); ids, which summarizeCallEvent does not intern, are not.
  const shared = new Array<string | undefined>(strings.length);
  const named = (index: number): string => (shared[index] ??= intern(strings[index])!);
  const id = (index: number): string | null => (index < 0 ? null : strings[index]!);
  const text = (index: number): string | null => (index < 0 ? null : named(index));
  const number = (value: number): number | null => (Number.isNaN(value) ? null : value);
  const summaries = new Array<CallEventSummary>(count);
  for (let i = 0; i < count; i++) {
    const t = i * S, n = i * N, flag = flags[i]!;
    const summary: CallEventSummary = {
      source: numbers[n]!,
      event: numbers[n + 1]!,
      callId: strings[texts[t]!]!,
      state: named(texts[t + 1]!),
      direction: (flag & 3) === 1 ? 'inbound' : (flag & 3) === 2 ? 'outbound' : null,
      masterCallId: id(texts[t + 2]!),
      entryPointCallId: id(texts[t + 3]!),
      operatorCallId: id(texts[t + 4]!),
      dateStarted: number(numbers[n + 2]!), dateRang: number(numbers[n + 3]!), dateConnected: number(numbers[n + 4]!),
      dateEnded: number(numbers[n + 5]!), eventTimestamp: number(numbers[n + 6]!),
      isTransferred: (flag & 12) === 0 ? null : (flag & 8) !== 0,
      targetName: text(texts[t + 5]!),
      contactName: text(texts[t + 6]!),
      externalNumber: text(texts[t + 7]!),
      time: number(numbers[n + 7]!),
    };
    if (texts[t + 8] !== ABSENT) summary.targetNumber = named(texts[t + 8]!);
    if (texts[t + 9] !== ABSENT) summary.targetType = named(texts[t + 9]!);
    if (texts[t + 10] !== ABSENT) summary.contactPhone = named(texts[t + 10]!);
    if (texts[t + 11] !== ABSENT) summary.contactType = named(texts[t + 11]!);
    if (texts[t + 12] !== ABSENT) summary.entryPointName = named(texts[t + 12]!);
    if (texts[t + 13] !== ABSENT) summary.entryPointType = named(texts[t + 13]!);
    summaries[i] = summary;
  }
  for (const [i, facts] of packed.facts) summaries[i]!.facts = facts;
  return summaries;
}
