import type { CallLeg, LegRole } from './graph';

/** The plain-text name of each role, as the outline, the tree, CodeLens and hovers write it. */
export const ROLE_NAMES: Record<LegRole, string> = {
  entry_point: 'entry point',
  operator: 'operator',
  monitor: 'monitor',
  direct: 'direct',
};

/** A leg's role in words: "entry point", "operator", "operator (unconfirmed)", "monitor", "monitor (barge)", … */
export function roleLabel(leg: Pick<CallLeg, 'role' | 'monitorKind' | 'roleConfirmed'>): string {
  const name = ROLE_NAMES[leg.role];
  if (!leg.roleConfirmed) return `${name} (unconfirmed)`;
  // A plain "monitor" kind says nothing the name does not.
  return leg.role === 'monitor' && leg.monitorKind && leg.monitorKind !== 'monitor' ? `${name} (${leg.monitorKind})` : name;
}
