/** One answer about a flow: its field in `call-events summary --format json` and its definition. */
export interface AnswerDefinition {
  field: string;
  definition: string;
}

/**
 * The definition of every answer, stated once: ANSWERS.md is generated from this list (`npm run answers`),
 * a unit test keeps the two in step, and answers.ts implements exactly this.
 */
export const ANSWER_DEFINITIONS: readonly AnswerDefinition[] = [
  { field: 'id', definition: 'The flow\'s id, as the call graph names it: the master call when the flow was transferred, else its first leg\'s call id. An exact decimal string.' },
  { field: 'direction', definition: 'The direction of the flow\'s first customer-side leg (entry point or direct call without master_call_id), else of any leg; null when no event says.' },
  { field: 'start', definition: 'The flow\'s start as the graph has it: the earliest date_started of its legs (sent on every event, so a lost first event does not move it), else the earliest event time.' },
  { field: 'end', definition: 'When its last leg ended; null while any leg\'s end is unknown. A leg ends at its hangup (event_timestamp, else date_ended), else at the earliest date_ended any of its events carries.' },
  { field: 'customer', definition: '`number`: external_number; `name`: contact.name, from the first event (in time order) that carries each. The contact is the external party, inbound or outbound.' },
  { field: 'entered_via', definition: 'The entry point\'s target (`name`, `type` of entry_point_target) from the first event of the legs before any transfer that carries a non-empty one; null when the customer did not come in through an entry point (a direct call, even one later transferred to a call center).' },
  { field: 'outcome', definition: '`answered` when there is an agent; else `voicemail` when a voicemail was left (a voicemail_uploaded or transcription state); else `missed` when a leg has a missed state; else `abandoned` when the flow ended; else `in_progress`.' },
  { field: 'transferred', definition: 'True when the graph counts at least one transfer.' },
  { field: 'transfers', definition: 'The graph\'s count: the legs carrying master_call_id that answer the contact (entry points and direct calls, not operators or monitors).' },
  { field: 'agents', definition: 'The people who spoke with the customer, in the order their conversations started: operator and direct legs that connected, and monitor legs that joined the conversation (barge or takeover). A monitor or eavesdrop that only listened is not an agent.' },
  { field: 'agents[].name', definition: 'The leg\'s target.name, else its number (target.phone, else internal_number); null when the events give neither.' },
  { field: 'agents[].connected_at', definition: 'When the conversation started: the leg\'s first connected state (event_timestamp, else date_connected); for a barge or takeover, its first barge or takeover state.' },
  { field: 'agents[].hold_ms', definition: 'Total time the agent\'s leg was on hold after connected_at. A hold lasts from a hold state to the leg\'s next live state or hangup (post-call reports do not end it), else to the leg\'s end; null when that end is unknown, or when the leg connected but none of its live events (connected, hold) is in the capture (a REST API record, say): it may have been on hold unseen.' },
  { field: 'agents[].talk_ms', definition: 'From connected_at to the leg\'s end, less hold_ms; null when the end is unknown (no hangup and no date_ended).' },
  { field: 'agents[].dialpad_talk_ms, dialpad_hold_ms', definition: 'Dialpad\'s own talk_time and hold_time of the leg (its latest event that sends them), shown next to ours; null when not sent. When sent at or after the hangup and more than a second off the leg\'s figures, the rules answer.talk-time-mismatch and answer.hold-time-mismatch say so (there, talk counts from the leg\'s connected state, also for a monitor).' },
  { field: 'first_agent', definition: 'The agent whose conversation started first (`call_id`, `name`); null when there is none.' },
  { field: 'last_agent', definition: 'The agent whose leg ended last (on a tie, the one who joined later); null when there is no agent or any agent\'s end is unknown, since then nobody can say who spoke last.' },
  { field: 'wait_ms', definition: 'From the flow\'s start until the customer first spoke with an agent (the first agent\'s connected_at); for an outbound call, until the customer answered (the first connected state of the customer-side leg). Null when that never happened.' },
  { field: 'hold_ms', definition: 'Total time the customer was on hold: the union of the hold intervals of the customer-side legs and the agents\' legs, so a hold two legs both report counts once. Null when a hold\'s end is unknown.' },
  { field: 'talk_ms', definition: 'The sum of the agents\' talk_ms (0 with no agent); null when any is null.' },
  { field: 'ring_ms', definition: 'How long the first agent\'s phone rang before the conversation: from its leg\'s ringing state (event_timestamp, else date_rang) to connected_at. Null when no ring time is known (outbound calls, barges).' },
  { field: 'csat_score, pcsat_score', definition: 'The latest csat_score and pcsat_score any event of the flow carries (a number, or a decimal string as the API spec types it, spaces, tabs or line breaks around it allowed); null when none does.' },
  { field: 'recordings', definition: 'Every URL of recording_url and recording_details (of any recording_type, voicemail included) in the flow, each once, in time order.' },
  { field: 'voicemail_link, transcription, recap_summary, recap_outcome', definition: 'The latest non-empty voicemail_link, transcription_text, recap_summary and recap_outcome in the flow; null when none.' },
  { field: 'dispositions', definition: 'Every call_dispositions item in the flow, each once: a string as sent, an object by its name (else label, else value, else its JSON when that is ASCII and at most 200 characters, else `(a disposition without a name)`).' },
  { field: 'complete', definition: 'False when something is missing, so the answers are not final: a leg without a hangup event, a referenced call that is not in the capture, or more calls hung up as transferred than transfer recipients present.' },
  { field: 'notes', definition: 'One line for each reason `complete` is false.' },
];

/** How times are read, said once at the top of the page. */
const TIMES = [
  'Times are unix milliseconds and durations milliseconds. The time of a state is the event\'s `event_timestamp` when present,',
  'else the leg\'s own timestamp for that state (`date_connected` for connected, `date_ended` for hangup, `date_rang` for ringing,',
  '`date_started` for preanswer and calling). Events are put in time order first, and a repeated delivery changes nothing,',
  'so lines in any order and duplicated deliveries give the same answers. A value that cannot be known is null, never a guess.',
];

/** The text of ANSWERS.md: one row per answer, generated from ANSWER_DEFINITIONS. */
export function renderAnswersPage(): string {
  const lines = [
    '# Answers: what happened to the customer',
    '',
    'Generated from `src/core/answerDefinitions.ts` by `npm run answers`; do not edit by hand.',
    'These are the answers `call-events summary`, the hovers, CodeLens and the Flows view give for each flow, as the vendor\'s',
    'page asks them ("Was this call transferred?", "Who was the last person who spoke to the customer?", "How long was the',
    'customer waiting on hold?"). Check your own integration against them.',
    '',
    ...TIMES,
    '',
    '| answer | definition |',
    '| --- | --- |',
  ];
  for (const { field, definition } of ANSWER_DEFINITIONS) {
    lines.push(`| \`${field}\` | ${definition.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
