// Words for legs and events: tooltip lines and accessible labels, from the view model's text.
import type { EventView, FlowView, LegView, ViewModel } from '../src/shared/viewModel';
import { formatClock, formatDateTime, formatDuration, formatOffset, legName, partyText, plural, roleName } from './format';
import type { TipLine } from './tooltip';

/** Tooltip lines for a leg. */
export function legTip(flow: FlowView, leg: LegView): TipLine[] {
  const lines: TipLine[] = [
    { text: legName(leg), className: 'tip-title' },
    { text: `${roleName(leg.role, leg.monitorKind, leg.roleConfirmed)}${leg.transferIndex > 0 ? ` · after transfer ${leg.transferIndex}` : ''}${leg.direction ? ` · ${leg.direction}` : ''}`, className: 'tip-role' },
    { text: `Call ${leg.callId}`, className: 'tip-mono' },
  ];
  const contact = partyText(leg.contact);
  if (contact) lines.push({ text: `Contact: ${contact}` });
  if (leg.target?.phone && leg.target.name) lines.push({ text: `Target: ${leg.target.phone}${leg.target.type ? ` (${leg.target.type})` : ''}` });
  if (leg.start !== null) {
    lines.push({ text: `${formatDateTime(leg.start)}${leg.end !== null && leg.end > leg.start ? ` · ${formatDuration(leg.end - leg.start)}` : ''}`, className: 'tip-muted' });
  }
  lines.push({ text: `${plural(leg.events.length, 'event')}: ${summariseStates(leg)}`, className: 'tip-muted' });
  for (const [ref, field] of [[leg.entryPointCallId, 'entry_point_call_id'], [leg.operatorCallId, 'operator_call_id'], [leg.masterCallId, 'master_call_id']] as const) {
    if (ref !== null) lines.push({ text: `${field} → ${ref}${flow.legs.some((l) => l.callId === ref) ? '' : ' (not in capture)'}`, className: 'tip-mono' });
  }
  const problems = leg.events.reduce((sum, e) => sum + e.problems, 0);
  if (problems > 0) lines.push({ text: `${plural(problems, 'diagnostic')} (worst: ${leg.severity})`, className: `tip-${leg.severity}` });
  return lines;
}

function summariseStates(leg: LegView): string {
  const states = leg.events.map((e) => e.state);
  return states.length <= 8 ? states.join(' → ') : `${states.slice(0, 4).join(' → ')} → … → ${states.slice(-3).join(' → ')}`;
}

/** Tooltip lines for an event. */
export function eventTip(model: ViewModel, flow: FlowView, leg: LegView, event: EventView, action: string): TipLine[] {
  const lines: TipLine[] = [
    { text: event.state, className: 'tip-title' },
    { text: `${legName(leg)} · ${roleName(leg.role, leg.monitorKind, leg.roleConfirmed)}`, className: 'tip-role' },
    { text: `Call ${leg.callId}`, className: 'tip-mono' },
  ];
  if (event.time !== null) {
    lines.push({ text: `${formatClock(event.time)} UTC${flow.start !== null ? `  (${formatOffset(event.time - flow.start)} from flow start)` : ''}` });
  } else {
    lines.push({ text: 'No timestamp', className: 'tip-muted' });
  }
  const source = model.sources[event.source];
  lines.push({ text: `Line ${event.line}${source && model.sources.length > 1 ? ` · ${source.name}` : ''} · event #${event.event + 1}`, className: 'tip-muted' });
  for (const d of event.diagnostics ?? []) lines.push({ text: `${d.severity} ${d.code}: ${d.message}`, className: `tip-${d.severity}` });
  if (event.problems > (event.diagnostics?.length ?? 0)) lines.push({ text: `… and ${event.problems - (event.diagnostics?.length ?? 0)} more`, className: 'tip-muted' });
  lines.push({ text: action, className: 'tip-hint' });
  return lines;
}

/** The accessible name of a leg node. */
export function legLabel(leg: LegView): string {
  const problems = leg.events.reduce((sum, e) => sum + e.problems, 0);
  return `${roleName(leg.role, leg.monitorKind, leg.roleConfirmed)} leg ${legName(leg)}, call ${leg.callId}${leg.transferIndex > 0 ? `, after transfer ${leg.transferIndex}` : ''}, `
    + `${plural(leg.events.length, 'event')}${leg.start !== null ? `, from ${formatClock(leg.start)} UTC` : ''}`
    + `${problems > 0 ? `, ${plural(problems, 'diagnostic')}` : ''}`;
}

/** The spoken description of an event. */
export function eventLabel(leg: LegView, event: EventView, index: number): string {
  return `${event.state}, event ${index + 1} of ${leg.events.length} on ${roleName(leg.role, leg.monitorKind, leg.roleConfirmed)} ${legName(leg)}`
    + `${event.time !== null ? `, at ${formatClock(event.time)} UTC` : ''}, line ${event.line}`
    + `${event.problems > 0 ? `, ${plural(event.problems, 'diagnostic')}` : ''}`;
}
