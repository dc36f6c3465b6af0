import { analyseDocument, byPosition, completeInspection, inspectDocument, type InspectedEvent, type InspectOptions, type Inspection } from './inspect';
import { resolveProblems } from './locate';
import type { Problem } from './problems';
import { resolveForwards, type RecordLink } from './reader';

/** Where two versions of a text differ: [start, oldEnd) in the old one became [start, newEnd) in the new one. */
export interface ChangedSpan {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CHUNK = 4096;

/**
 * The span that differs, or undefined when the texts are equal. `knownPrefix` characters are
 * known to be equal already. Compares in chunks: a flat 10 MB text costs about a millisecond.
 */
export function changedSpan(oldText: string, newText: string, knownPrefix = 0): ChangedSpan | undefined {
  if (oldText === newText) return undefined;
  const limit = Math.min(oldText.length, newText.length);
  let prefix = Math.min(knownPrefix, limit);
  while (prefix + CHUNK <= limit && oldText.slice(prefix, prefix + CHUNK) === newText.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  const room = limit - prefix;
  let suffix = 0;
  while (suffix + CHUNK <= room &&
    oldText.slice(oldText.length - suffix - CHUNK, oldText.length - suffix) === newText.slice(newText.length - suffix - CHUNK, newText.length - suffix)) suffix += CHUNK;
  while (suffix < room && oldText.charCodeAt(oldText.length - suffix - 1) === newText.charCodeAt(newText.length - suffix - 1)) suffix++;
  return { start: prefix, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** What an editor knows of its edits since the last inspection: every change began at or after `start`. */
export interface EditHint {
  start: number;
}

/** The changed span, trusting the hint's prefix only when it holds. */
function spanFromHint(oldText: string, newText: string, hint: EditHint): ChangedSpan | undefined {
  const fits = hint.start >= 0 && hint.start <= oldText.length && hint.start <= newText.length &&
    oldText.slice(0, hint.start) === newText.slice(0, hint.start);
  return changedSpan(oldText, newText, fits ? hint.start : 0);
}

/**
 * Inspects a new version of a document, reusing everything the edit did not touch: only the
 * top-level items around the change are read and validated again; the events after it are
 * shifted; the call graph and flow rules, which depend on every event, are redone in full.
 * The result equals `inspectDocument(text)` (a property test holds it to that).
 */
export async function reinspect(previous: Inspection, previousText: string, text: string, options: InspectOptions = {}, hint?: EditHint): Promise<Inspection> {
  const span = hint ? spanFromHint(previousText, text, hint) : changedSpan(previousText, text);
  if (!span) return previous;
  if (previous.format === 'empty' || previous.events.length === 0 || text.includes('\0') || previousText.includes('\0')) return inspectDocument(text, options);

  const delta = span.newEnd - span.oldEnd;
  const starts = previous.itemStarts;
  const firstKept = lastAtOrBefore(starts, span.start);
  const regionStart = firstKept >= 0 ? starts[firstKept]! : 0;
  const firstAfter = firstAfterOffset(starts, span.oldEnd);
  const regionEndOld = firstAfter < starts.length ? starts[firstAfter]! : previousText.length;
  const regionEndNew = firstAfter < starts.length ? regionEndOld + delta : text.length;

  const events = previous.events;
  const eventsBefore = firstEventAtOrAfter(events, regionStart);
  const firstEventAfter = firstEventAtOrAfter(events, regionEndOld);
  const region = await analyseDocument(text, options, { from: regionStart, to: regionEndNew }, eventsBefore);
  if (region.overflow) return inspectDocument(text, options);

  const shift = eventsBefore + region.events.length - firstEventAfter;
  const shifted = events.slice(0, eventsBefore).concat(region.events, events.slice(firstEventAfter).map((e) => shiftEvent(e, delta, shift)));
  const itemStarts = starts.slice(0, Math.max(0, firstKept)).concat(region.itemStarts, starts.slice(firstAfter).map((s) => s + delta));
  const oldLinks = previous.links;
  const links = oldLinks.slice(0, firstLinkAtOrAfter(oldLinks, regionStart))
    .concat(region.links, oldLinks.slice(firstLinkAtOrAfter(oldLinks, regionEndOld)).map((link) => ({ ...link, at: link.at + delta })));
  // A forward record answers a request anywhere before it, so one in (or gone from) the region may change events outside it.
  const newEvents = hasForward(oldLinks) || hasForward(links) ? reattachForwards(shifted, links) : shifted;

  const itemProblems: Problem[] = [];
  for (const problem of previous.itemProblems) {
    if (problem.code === 'input.empty') continue;
    if (problem.start < regionStart) itemProblems.push(problem);
    else if (problem.start >= regionEndOld) itemProblems.push(shiftProblem(problem, delta, shift));
  }
  for (const problem of resolveProblems(text, newEvents, region.pending)) itemProblems.push(problem);
  if (newEvents.length === 0 && itemProblems.length === 0) return inspectDocument(text, options);
  itemProblems.sort(byPosition);
  return completeInspection(text, previous.format, newEvents, itemStarts, itemProblems, links);
}

function hasForward(links: readonly RecordLink[]): boolean {
  return links.some((link) => link.kind === 'forward');
}

/** The events with each request's forward result as a full read attaches it (changed events are copied, never mutated). */
function reattachForwards(events: InspectedEvent[], links: readonly RecordLink[]): InspectedEvent[] {
  const answers = resolveForwards(links);
  return events.map((event) => {
    if (!event.record || event.record.forward === answers.get(event.start)) return event;
    const { forward: _old, ...fields } = event.record;
    const forward = answers.get(event.start);
    return { ...event, record: forward ? { ...fields, forward } : fields };
  });
}

function shiftEvent(event: InspectedEvent, delta: number, shift: number): InspectedEvent {
  const index = event.index + shift;
  return {
    ...event,
    index,
    start: event.start + delta,
    end: event.end + delta,
    textStart: event.textStart + delta,
    textEnd: event.textEnd + delta,
    ...(event.summary ? { summary: { ...event.summary, event: index } } : {}),
  };
}

function shiftProblem(problem: Problem, delta: number, shift: number): Problem {
  return {
    ...problem,
    start: problem.start + delta,
    end: problem.end + delta,
    ...(problem.event !== undefined ? { event: problem.event + shift } : {}),
  };
}

/** Index of the last value <= offset, or -1. */
function lastAtOrBefore(sorted: readonly number[], offset: number): number {
  let low = 0, high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Index of the first value > offset, or the length. */
function firstAfterOffset(sorted: readonly number[], offset: number): number {
  return lastAtOrBefore(sorted, offset) + 1;
}

/** Index of the first link at or after offset, or the number of links. */
function firstLinkAtOrAfter(links: readonly RecordLink[], offset: number): number {
  let low = 0, high = links.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (links[mid]!.at < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first event starting at or after offset, or the number of events. */
function firstEventAtOrAfter(events: readonly InspectedEvent[], offset: number): number {
  let low = 0, high = events.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (events[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
