/** Call states: the vendor's table, `preanswer` from its call-flow section, and the states of its API model. */
export const CALL_STATES = [
  'preanswer', 'calling', 'ringing', 'connected', 'merged', 'hold', 'voicemail', 'missed', 'voicemail_uploaded',
  'queued', 'eavesdrop', 'monitor', 'barge', 'hangup', 'admin', 'parked', 'takeover', 'transcription', 'recording',
  'all', 'dispositions', 'csat', 'pcsat', 'recap_summary', 'recap_outcome', 'recap_purposes', 'recap_action_items',
  'ai_playbook', 'admin_recording', 'blocked', 'call_transcription', 'postcall',
] as const;

export type CallState = (typeof CALL_STATES)[number];

const KNOWN = new Set<string>(CALL_STATES);

/** True for a documented state. */
export function isKnownState(state: string): state is CallState {
  return KNOWN.has(state);
}

/** States that report on a finished call and may follow its hangup. */
export const POST_CALL_STATES: ReadonlySet<string> = new Set([
  'hangup', 'missed', 'voicemail_uploaded', 'transcription', 'recording', 'dispositions', 'csat', 'pcsat',
  'recap_summary', 'recap_outcome', 'recap_purposes', 'recap_action_items', 'ai_playbook', 'admin_recording',
  'call_transcription', 'postcall', 'blocked',
]);

/** States of a supervisor's leg joining another call, strongest last. */
export const MONITOR_KINDS = ['eavesdrop', 'monitor', 'barge', 'takeover'] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

/**
 * Where a state falls in a call's life; orders events whose timestamps tie
 * (a hangup and the recording that follows it share date_ended).
 */
export function stateRank(state: string | null): number {
  switch (state) {
    case 'preanswer': return 0;
    case 'calling': return 1;
    case 'ringing': return 2;
    case 'queued': return 3;
    case 'connected': return 4;
    case 'missed': case 'blocked': return 6;
    case 'hangup': return 7;
    default:
      return state !== null && POST_CALL_STATES.has(state) ? 8 : 5;
  }
}

/** The known state nearest to an unknown one (by edit distance), if any is close enough to suggest. */
export function suggestState(state: string): CallState | undefined {
  const lower = state.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (isKnownState(lower)) return lower;
  let best: CallState | undefined;
  let bestDistance = Infinity;
  for (const candidate of CALL_STATES) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Damerau-Levenshtein distance (optimal string alignment), for short identifiers. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
