// How the timeline draws each call state: a category with a colour token, a fill pattern and a bar
// height, so that states are told apart without colour too (height and pattern carry the meaning).
/** The colour token of each state category that draws a segment (theme.ts resolves each to a colour). */
export type StateToken = 'alerting' | 'queued' | 'talking' | 'held' | 'monitoring' | 'barging' | 'voicemail' | 'other';

/** What a state means for the timeline. `ended` and `postcall` draw no segment, only a tick. */
export type StateCategory = StateToken | 'ended' | 'postcall';

export type Pattern = 'solid' | 'hatch' | 'dots' | 'cross' | 'stripes';

/** How a category's segment is drawn. */
export interface StateStyle {
  token: StateToken;
  pattern: Pattern;
  /** Fraction of the lane's bar height. */
  height: number;
  label: string;
  /** The states it stands for, for the legend. */
  states: string;
}

export const STATE_STYLES: Record<StateToken, StateStyle> = {
  alerting: { token: 'alerting', pattern: 'hatch', height: 0.5, label: 'Ringing', states: 'preanswer, calling, ringing' },
  queued: { token: 'queued', pattern: 'dots', height: 0.5, label: 'Queued', states: 'queued' },
  talking: { token: 'talking', pattern: 'solid', height: 1, label: 'Connected', states: 'connected, merged' },
  held: { token: 'held', pattern: 'hatch', height: 1, label: 'On hold / parked', states: 'hold, parked' },
  // A supervisor who only listens and one who speaks (barges in, or takes over from the operator) are different
  // phases for the customer: the monitor leg's card names its kind; its lane shows when each began.
  monitoring: { token: 'monitoring', pattern: 'cross', height: 1, label: 'Listening in', states: 'monitor, eavesdrop' },
  barging: { token: 'barging', pattern: 'stripes', height: 1, label: 'Barge / takeover', states: 'barge, takeover (the supervisor speaks)' },
  voicemail: { token: 'voicemail', pattern: 'dots', height: 1, label: 'Voicemail', states: 'voicemail' },
  other: { token: 'other', pattern: 'solid', height: 0.35, label: 'Other', states: 'admin and undocumented states' },
};

const CATEGORY: Record<string, StateCategory> = {
  preanswer: 'alerting', calling: 'alerting', ringing: 'alerting',
  queued: 'queued',
  connected: 'talking', merged: 'talking',
  hold: 'held', parked: 'held',
  eavesdrop: 'monitoring', monitor: 'monitoring', barge: 'barging', takeover: 'barging',
  voicemail: 'voicemail',
  hangup: 'ended', missed: 'ended', blocked: 'ended',
  voicemail_uploaded: 'postcall', transcription: 'postcall', recording: 'postcall', dispositions: 'postcall', csat: 'postcall',
  pcsat: 'postcall', recap_summary: 'postcall', recap_outcome: 'postcall', recap_purposes: 'postcall', recap_action_items: 'postcall',
  ai_playbook: 'postcall', admin_recording: 'postcall', call_transcription: 'postcall', postcall: 'postcall', all: 'postcall',
};

/** The category of a state (an undocumented state is `other`). */
export function categoryOf(state: string): StateCategory {
  return Object.prototype.hasOwnProperty.call(CATEGORY, state) ? CATEGORY[state]! : 'other';
}
