// Text for people: times, durations, roles and leg names. Payload strings pass through unchanged
// (they are written as text by the callers, never as markup).
import { utcFormat } from 'd3';
import type { AgentView, AnswersView, LegView, PartyView, ViewMonitorKind, ViewOutcome, ViewRole } from '../src/shared/viewModel';
// Pure text functions (no Node, no DOM), shared so that every medium shortens untrusted text alike.
import { shorten } from '../src/shared/untrustedText';

const clock = utcFormat('%H:%M:%S.%L');
const dateTime = utcFormat('%Y-%m-%d %H:%M:%S');
const isoDate = utcFormat('%Y-%m-%dT%H:%M:%S');

/** `16:20:03.486` (UTC). */
export function formatClock(ms: number | null): string {
  return ms === null ? '—' : clock(new Date(ms));
}

/** `2026-05-14 16:20:03.486` (UTC), for lists. */
export function formatStamp(ms: number | null): string {
  return ms === null ? '' : `${dateTime(new Date(ms))}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

/** `2026-05-14 16:20:03 UTC`. */
export function formatDateTime(ms: number | null): string {
  return ms === null ? 'time unknown' : `${dateTime(new Date(ms))} UTC`;
}

/** Words a search for a time should find: the date, the clock time and the ISO form. */
export function searchableTime(ms: number | null): string {
  if (ms === null) return '';
  const date = new Date(ms);
  return `${dateTime(date)} ${isoDate(date)} ${clock(date)}`;
}

/** `850 ms`, `4.4 s`, `1 min 31 s`, `2 h 05 min`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(abs < 10_000 ? 2 : 1)} s`;
  const s = Math.round(abs / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  if (s < 172_800) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** `+1:02.345` from a reference time. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  const seconds = ((abs % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${sign}${minutes}:${seconds}`;
}

const ROLE_NAMES: Record<ViewRole, string> = { entry_point: 'Entry point', operator: 'Operator', monitor: 'Monitor', direct: 'Direct call' };

/** `Entry point`, `Operator`, `Operator (unconfirmed)`, `Monitor · barge`, `Direct call`. */
export function roleName(role: ViewRole, kind: ViewMonitorKind | null = null, confirmed = true): string {
  if (!confirmed) return `${ROLE_NAMES[role]} (unconfirmed)`;
  return role === 'monitor' && kind ? `${ROLE_NAMES.monitor} · ${kind}` : ROLE_NAMES[role];
}

/** The short caption drawn on a node; `OPERATOR?` when the capture cannot yet prove the role. */
export function roleCaption(role: ViewRole, kind: ViewMonitorKind | null = null, confirmed = true): string {
  switch (role) {
    case 'entry_point': return 'ENTRY POINT';
    case 'operator': return confirmed ? 'OPERATOR' : 'OPERATOR?';
    case 'direct': return 'DIRECT';
    case 'monitor': return kind && kind !== 'monitor' ? `MONITOR · ${kind.toUpperCase()}` : 'MONITOR';
  }
}

/** The best name for a leg: its target's name, phone or type, else its call id. */
export function legName(leg: LegView): string {
  return leg.target?.name ?? leg.target?.phone ?? (leg.target?.type ? `(${leg.target.type})` : null) ?? `Call ${leg.callId}`;
}

/** `Grace Liu +15035550176`, or whichever part is known. */
export function partyText(party: PartyView | null): string {
  if (!party) return '';
  return [party.name, party.phone].filter((part): part is string => part !== null).join(' ');
}

/** Shortens text to `max` characters with an ellipsis, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  return shorten(text, max);
}

/** `1 leg`, `4 legs`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

const OUTCOME_NAMES: Record<ViewOutcome, string> = {
  answered: 'Answered', voicemail: 'Voicemail', missed: 'Missed', abandoned: 'Abandoned', in_progress: 'In progress',
};

/** `Answered`, `Voicemail`, `Missed`, `Abandoned`, `In progress`. */
export function outcomeName(outcome: ViewOutcome): string {
  return OUTCOME_NAMES[outcome];
}

/** A duration of the answers, `unknown` when the capture cannot tell. */
export function answerDuration(ms: number | null): string {
  return ms === null ? 'unknown' : ms === 0 ? '0 s' : formatDuration(ms);
}

/** An agent of the answers by name, else by call id. */
export function agentName(agent: AgentView | undefined): string {
  return agent ? agent.name ?? `Call ${agent.callId}` : '—';
}

/** The agent of a flow's answers with this call id. */
export function agentById(answers: AnswersView, callId: string | null): AgentView | undefined {
  return callId === null ? undefined : answers.agents.find((agent) => agent.callId === callId);
}
