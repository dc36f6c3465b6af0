import type { CallFlow, CallLeg, GraphEvent } from '../core/graph';
import { excerpt } from '../core/problems';

/** A unix-ms time as "2026-04-21 12:59:08Z" (UTC, seconds). */
export function shortTime(ms: number | null): string {
  if (ms === null) return 'no time';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** One line about a flow: its start, legs, transfers. */
export function flowSummary(flow: CallFlow): string {
  const transfers = flow.transfers > 0 ? `, ${flow.transfers} transfer${flow.transfers > 1 ? 's' : ''}` : '';
  return `${shortTime(flow.start)} · ${flow.legs.length} leg${flow.legs.length > 1 ? 's' : ''}${transfers}`;
}

/** One line about an event, shown next to its state (the label, so not repeated): time, direction. */
export function eventSummary(event: GraphEvent): string {
  return `${shortTime(event.time)}${event.direction ? ` · ${event.direction}` : ''}`;
}

/** "1 event", "4 events". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Who a leg is with: the internal party and the contact (untrusted text, shortened; shown only as plain text). */
export function legParties(leg: CallLeg): string {
  const last = leg.events[leg.events.length - 1];
  const first = leg.events.find((e) => e.targetName || e.contactName) ?? last;
  if (!first) return '';
  const contact = first.contactName ?? first.externalNumber;
  return [first.targetName, contact].filter((part): part is string => !!part).map((part) => excerpt(part, 40)).join(' ↔ ');
}
