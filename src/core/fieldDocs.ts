import { CALL_STATES, type CallState } from './states';

/** How a field's value can be read more helpfully than as raw JSON (the hover uses it). */
export type ValueKind = 'call-id' | 'timestamp-ms' | 'timestamp-s' | 'duration-ms' | 'phone' | 'state';

/** What the project says about one field of a call event, in its own words. */
export interface FieldDoc {
  /** `key`, `parent.key`, or `list[].key` for the fields of list items. */
  path: string;
  /** What the field means. */
  summary: string;
  /** JSON type and unit. */
  type: string;
  /** When it may be missing, null or empty, and why. */
  blank?: string;
  /** How the hover reads its value. */
  value?: ValueKind;
}

type Doc = Omit<FieldDoc, 'path'>;

const ID_TYPE = 'int64 id (a JSON integer; a decimal string in REST API records) — read it as a string: JSON.parse rounds values above 2^53';
const MS_TYPE = 'integer, unix milliseconds UTC (a decimal string in REST API records)';
const WHOLE_MS_TYPE = 'integer milliseconds (a decimal string in REST API records)';
const PHONE_OR_WITHHELD = 'Holds "blocked" instead of a number when the caller id was withheld.';
const DURATION_TYPE = 'float milliseconds';
const PHONE_TYPE = 'string, E.164 phone number (+, country code, number)';
const URLS_TYPE = 'list of URL strings';

/** The Dialpad entities on the internal side of a call share one shape; `who` names the one at hand. */
function entityFields(who: string, owner: string): Record<string, Doc> {
  return {
    [`${owner}.phone`]: { summary: `Phone number of ${who}.`, type: PHONE_TYPE, value: 'phone', blank: 'Empty when the entity has no number of its own.' },
    [`${owner}.type`]: { summary: `What kind of Dialpad entity ${who} is: user, office, department, staff, room, call center (callcenter), call router and so on.`, type: 'string' },
    [`${owner}.id`]: { summary: `Dialpad's id of ${who} (the user, department, call center… itself, not a call).`, type: ID_TYPE },
    [`${owner}.name`]: { summary: `Display name of ${who}.`, type: 'string' },
    [`${owner}.email`]: { summary: `E-mail address of ${who}.`, type: 'string', blank: 'Empty for entities without an address (most groups).' },
    [`${owner}.office_id`]: { summary: `Id of the Dialpad office ${who} belongs to.`, type: ID_TYPE },
  };
}

const DOCS: Record<string, Doc> = {
  call_id: {
    summary: 'Id of the call leg this event is about. Every other *_call_id field points at a different, related leg; all events with the same call_id form one leg.',
    type: ID_TYPE, value: 'call-id',
  },
  state: {
    summary: 'The state the leg just entered; each change of state sends one event. Hover a value for what it means.',
    type: 'string enum (one of the call states)', value: 'state',
  },
  direction: {
    summary: 'Whether the leg was received (inbound) or placed (outbound) from Dialpad\'s point of view.',
    type: 'string enum: inbound | outbound',
  },
  master_call_id: {
    summary: 'The first call of a flow that was transferred. Every leg created by a transfer carries it, and however many transfers follow, it keeps pointing at that very first call (the entry point leg when the flow began at a group).',
    type: ID_TYPE, value: 'call-id',
    blank: 'Null on every leg that did not come from a transfer.',
  },
  entry_point_call_id: {
    summary: 'The leg the caller reached first (the "entry point", e.g. the call center\'s number). Operator legs carry it to tie themselves to that leg; so do supervisors\' monitor legs, but the entry point names only its real operator back.',
    type: ID_TYPE, value: 'call-id',
    blank: 'Null except on operator and monitor legs of a group call (department, call center).',
  },
  operator_call_id: {
    summary: 'On an entry point leg: the operator leg that answered the group call.',
    type: ID_TYPE, value: 'call-id',
    blank: 'Null until an operator answers a call to a group (department, call center), and on any leg that is not such an entry point.',
  },
  date_started: {
    summary: 'When the call came into being in Dialpad, before anyone was connected.',
    type: MS_TYPE, value: 'timestamp-ms',
  },
  date_rang: {
    summary: 'When Dialpad first saw an inbound call ring at a main line, department or person.',
    type: MS_TYPE, value: 'timestamp-ms',
    blank: 'Null on outbound calls, when the caller gave up before any ringing was detected, and when IVR settings send callers straight to voicemail.',
  },
  date_connected: {
    summary: 'When Dialpad connected the two parties.',
    type: MS_TYPE, value: 'timestamp-ms',
    blank: 'Null when no ringing was detected (no date_rang), when a queue\'s agent never picked up, or before the call connects.',
  },
  date_ended: {
    summary: 'When the leg ended (hung up).',
    type: MS_TYPE, value: 'timestamp-ms',
    blank: 'Null until the leg hangs up.',
  },
  event_timestamp: {
    summary: 'When this event was emitted: the moment the leg entered its state. The call graph orders events by it.',
    type: MS_TYPE, value: 'timestamp-ms',
    blank: 'Missing from the vendor\'s older samples; the events are then ordered by their latest call timestamp.',
  },
  date_first_rang: {
    summary: 'When the leg first rang. Unlike date_rang, it is also set on outbound calls.',
    type: MS_TYPE, value: 'timestamp-ms',
    blank: 'Null until something rings, and on calls that never ring.',
  },
  date_queued: {
    summary: 'When the call was put in a call center\'s queue to wait for an operator.',
    type: MS_TYPE, value: 'timestamp-ms',
    blank: 'Null unless the call waited in a queue.',
  },
  duration: {
    summary: 'How long the parties were connected: roughly date_ended − date_connected.',
    type: DURATION_TYPE, value: 'duration-ms',
    blank: 'Null before the hangup (the call is still going on) and for calls that never connected.',
  },
  total_duration: {
    summary: 'How long the call lasted including the time it rang: roughly date_ended − date_started.',
    type: DURATION_TYPE, value: 'duration-ms',
    blank: 'Null before the hangup and for calls that never connected.',
  },
  talk_time: {
    summary: 'How long the parties of this leg talked.',
    type: WHOLE_MS_TYPE, value: 'duration-ms',
    blank: '0 when the leg never connected; null on events sent before it is known.',
  },
  hold_time: {
    summary: 'How long this leg spent on hold.',
    type: WHOLE_MS_TYPE, value: 'duration-ms',
    blank: '0 when the call was never held; null on events sent before it is known.',
  },
  callback_requested: {
    summary: 'Whether the caller asked a call center to call them back instead of waiting in its queue.',
    type: 'boolean',
    blank: 'Null when the call did not go through a queue that offers callbacks.',
  },
  target_availability_status: {
    summary: 'The availability of the target (the user or group the call went to) when the event was sent, for example "open".',
    type: 'string',
  },
  is_internal: { summary: 'True for a call between two parties of the same Dialpad company (no external party).', type: 'boolean' },
  transferred_from: {
    summary: 'What the call was transferred from, for a leg that a transfer created; its fields are not specified by the vendor and are not checked.',
    type: 'object',
    blank: '`{}` on legs that did not come from a transfer.',
  },
  external_number: {
    summary: 'The contact\'s (external party\'s) number: who called in on an inbound call, who was dialled on an outbound one.',
    type: PHONE_TYPE, value: 'phone',
    blank: PHONE_OR_WITHHELD,
  },
  internal_number: {
    summary: 'The number on your organisation\'s side: the one dialled on an inbound call, the caller\'s own on an outbound one.',
    type: PHONE_TYPE, value: 'phone',
    blank: PHONE_OR_WITHHELD,
  },
  selected_caller_id: {
    summary: 'The caller id a user picked for an outbound call, when they chose one other than their default.',
    type: PHONE_TYPE, value: 'phone',
    blank: 'Null when no caller id was chosen (inbound calls, or the default line).',
  },
  contact: {
    summary: 'The external party of the call (the customer), whichever side dialled. It goes with external_number.',
    type: 'object {phone, type, id, name, email}',
    blank: 'Left out of some events, dispositions for one.',
  },
  'contact.phone': { summary: 'The contact\'s number, as in external_number.', type: PHONE_TYPE, value: 'phone' },
  'contact.type': { summary: 'Where the contact record comes from: user, local, or a synced address book (nylas, google, microsoft).', type: 'string' },
  'contact.id': {
    summary: 'Id of the contact record. For synced address books it is the provider\'s own id, which may be a URL.',
    type: 'int64 id or opaque string — read it as a string',
  },
  'contact.name': { summary: 'The contact\'s name.', type: 'string', blank: 'Empty when the contact has no name on file.' },
  'contact.email': { summary: 'The contact\'s e-mail address.', type: 'string', blank: 'Empty when none is known.' },
  target: {
    summary: 'The party inside your Dialpad organisation on this leg: a user, or a department, call center, office, room… It goes with internal_number, whichever way the call went.',
    type: 'object {phone, type, id, name, email, office_id}',
    blank: 'May be empty when nobody answered.',
  },
  ...entityFields('the target', 'target'),
  entry_point_target: {
    summary: 'What the caller originally dialled on an inbound call that fanned out to a group (department, call center): that group.',
    type: 'object {phone, type, id, name, email, office_id}',
    blank: 'Inbound calls only, and only when the call was spread over a department or call queue; `{}` otherwise.',
  },
  ...entityFields('the entry point', 'entry_point_target'),
  proxy_target: {
    summary: 'The caller id a user placed an outbound call under, when it was not their own direct line (an office, department or call center number).',
    type: 'object {phone, type, id, name, email, office_id}',
    blank: '`{}` when the user called from their own line.',
  },
  ...entityFields('the caller id used', 'proxy_target'),
  group_id: {
    summary: 'The department, main line or call queue the call went through, as its type and id.',
    type: 'string "{type}:{id}", e.g. "callcenter:5120391472365568"',
    blank: 'Null outside group calls. For a group call it names the same group as entry_point_target.',
  },
  custom_data: {
    summary: 'Your own metadata, passed when the call was started through the outbound-call API or an App Launch URL.',
    type: 'string (whatever you sent)',
    blank: 'Only set when the call started from the API or an App Launch URL with non-empty metadata; in a group call, only the operator leg carries it.',
  },
  is_transferred: {
    summary: 'True when this leg was transferred: the flow goes on in a new leg that receives the transfer (and carries master_call_id).',
    type: 'boolean',
    blank: 'Meaningful on hangup events.',
  },
  was_recorded: { summary: 'Whether the call was recorded.', type: 'boolean' },
  transcription_text: {
    summary: 'The text of a voicemail, transcribed. It is not the Call AI transcript of a conversation (that comes from the transcripts API).',
    type: 'string, plain text',
    blank: 'Null unless the call left a voicemail; filled on the transcription event.',
  },
  voicemail_link: {
    summary: 'Link to the voicemail recording.',
    type: 'string, URL',
    blank: 'Set from the voicemail state on, before the caller has left anything: it can 404 if they hang up without a message. From voicemail_uploaded on it works for as long as the call\'s history is kept.',
  },
  voicemail_recording_id: {
    summary: 'Id of the voicemail recording.',
    type: ID_TYPE,
    blank: 'Null unless a voicemail was left.',
  },
  voicemail_share_link: {
    summary: 'A shareable link to the voicemail recording.',
    type: 'string, URL',
    blank: 'Null unless a voicemail was left.',
  },
  call_recording_ids: {
    summary: 'Ids of the call\'s recordings.',
    type: 'list of ids (integers or strings)',
    blank: 'Empty when the call was not recorded.',
  },
  public_call_review_share_link: {
    summary: 'A link to the call\'s review page, where it can be listened to or downloaded, shared with "public" privacy: anyone who has the link can open it.',
    type: 'string, URL',
    blank: 'Missing on events sent before the call ends.',
  },
  company_call_review_share_link: {
    summary: 'A link to the call\'s review page shared with "company" privacy: only people of your Dialpad company can open it.',
    type: 'string, URL',
    blank: 'Missing on events sent before the call ends.',
  },
  recording_url: {
    summary: 'Links to the call\'s recordings.',
    type: `${URLS_TYPE} (sometimes a single string)`,
    blank: 'Null or empty until a recording exists; it arrives with the recording event.',
  },
  recording_details: {
    summary: 'One entry per recording of the call (voicemails, call recordings, admin recordings), with its id, link, length and start.',
    type: 'list of objects {id, url, duration, start_time, recording_type}',
    blank: 'Only present when the call has at least one recording.',
  },
  'recording_details[].id': { summary: 'Id of the recording.', type: 'int64 id or string — read it as a string' },
  'recording_details[].url': { summary: 'Link to the recording.', type: 'string, URL' },
  'recording_details[].duration': { summary: 'Length of the recording.', type: WHOLE_MS_TYPE, value: 'duration-ms' },
  'recording_details[].start_time': { summary: 'When the recording began.', type: MS_TYPE, value: 'timestamp-ms' },
  'recording_details[].recording_type': {
    summary: 'What was recorded: voicemail, callrecording (a user\'s recording) or admincallrecording (an admin\'s).',
    type: 'string enum: voicemail | callrecording | admincallrecording',
  },
  screen_recording_urls: { summary: 'Links to every screen recording captured during the call.', type: URLS_TYPE, blank: 'Empty when the screen was not recorded.' },
  call_recording_share_links: { summary: 'Shareable links to the call recordings.', type: URLS_TYPE, blank: 'Empty when the call was not recorded.' },
  admin_call_recording_share_links: { summary: 'Shareable links to recordings an admin made of the call.', type: URLS_TYPE, blank: 'Empty when no admin recording exists.' },
  csat_score: {
    summary: 'The score the caller gave in the post-call satisfaction (CSAT) survey.',
    type: 'integer (a string in the vendor\'s API model)',
    blank: 'Only filled on csat events, and only where a post-call survey is set up.',
  },
  pcsat_score: {
    summary: 'The satisfaction score Dialpad\'s AI predicts for the call (predicted CSAT).',
    type: 'integer',
    blank: 'Only filled on pcsat events.',
  },
  csat_recording_urls: {
    summary: 'Links to the caller\'s spoken answers to the CSAT survey.',
    type: URLS_TYPE,
    blank: 'Only filled on csat events.',
  },
  csat_transcriptions: {
    summary: 'The caller\'s CSAT survey answers, as text.',
    type: 'list of strings',
    blank: 'Only filled on csat events.',
  },
  call_dispositions: {
    summary: 'The dispositions (wrap-up outcomes) an agent recorded for the call.',
    type: 'list of objects or strings',
    blank: 'Null until dispositions are set; they arrive with the dispositions event.',
  },
  mos_score: {
    summary: 'Mean Opinion Score: Dialpad\'s estimate of the call\'s audio quality.',
    type: 'float, 1 (bad) to 5 (excellent)',
    blank: 'Missing until the call is over and its quality measured.',
  },
  labels: { summary: 'Labels (tags) attached to the call.', type: 'list of strings', blank: 'Empty when the call has none.' },
  recap_summary: {
    summary: 'The AI Recap\'s summary of the conversation.',
    type: 'string',
    blank: 'Needs AI Recaps; it arrives with the recap_summary event.',
  },
  recap_outcome: {
    summary: 'The outcome of the call as the AI Recap sees it.',
    type: 'string',
    blank: 'Needs AI Recaps; it arrives with the recap_outcome event.',
  },
  recap_purposes: {
    summary: 'Why the call happened, as the AI Recap identifies it.',
    type: 'list (strings or objects)',
    blank: 'Needs AI Recaps; it arrives with the recap_purposes event.',
  },
  recap_action_items: {
    summary: 'Follow-ups the AI Recap picked out of the conversation.',
    type: 'list (strings or objects)',
    blank: 'Needs AI Recaps; it arrives with the recap_action_items event.',
  },
  ai_playbook: {
    summary: 'How well the agent followed an AI Playbook (a checklist of topics to cover) during the call.',
    type: 'object {playbook_applied_name, playbook_item_detection_count, playbook_item_total_count, playbook_adherence_rate, topic_summary}',
    blank: 'Only on ai_playbook events, for calls a playbook applies to.',
  },
  'ai_playbook.playbook_applied_name': { summary: 'Name of the playbook applied to the call.', type: 'string' },
  'ai_playbook.playbook_item_detection_count': { summary: 'How many of the playbook\'s items were detected in the call.', type: 'integer' },
  'ai_playbook.playbook_item_total_count': { summary: 'How many items the playbook has.', type: 'integer' },
  'ai_playbook.playbook_adherence_rate': { summary: 'The share of the playbook\'s items that were covered: detected ÷ total.', type: 'float, 0 to 1' },
  'ai_playbook.topic_summary': { summary: 'One entry per playbook topic: whether the AI detected it, and when.', type: 'list of objects' },
  'ai_playbook.topic_summary[].ai_detection_desc': { summary: 'What the AI was listening for in this topic.', type: 'string' },
  'ai_playbook.topic_summary[].ai_detection_start': { summary: 'Start of the stretch of the call where the topic was detected.', type: MS_TYPE, value: 'timestamp-ms' },
  'ai_playbook.topic_summary[].ai_detection_end': { summary: 'End of the stretch of the call where the topic was detected.', type: MS_TYPE, value: 'timestamp-ms' },
  'ai_playbook.topic_summary[].is_ai_detected': { summary: 'Whether the AI detected the topic in the call.', type: 'boolean' },
  'ai_playbook.topic_summary[].is_covered': { summary: 'Whether the topic counts as covered.', type: 'boolean' },
  'ai_playbook.topic_summary[].topic': { summary: 'Identifier of the topic, e.g. sales_budget.', type: 'string' },
  routing_breadcrumbs: {
    summary: 'The path the call took through Dialpad\'s routing (main line, IVR, call routers, departments…), one step per entry.',
    type: 'list of objects {breadcrumb_type, date, request, response, target_id, target_type, url}',
    blank: 'Missing or empty when the call was not routed.',
  },
  'routing_breadcrumbs[].breadcrumb_type': {
    summary: 'What kind of routing step this was: callrouter (Dialpad asked your call router\'s URL where to send the call) or external_api (an API call steered it).',
    type: 'string enum: callrouter | external_api',
  },
  'routing_breadcrumbs[].request': { summary: 'The HTTP request Dialpad sent at this step (to a call router\'s URL), as Dialpad recorded it.', type: 'object' },
  'routing_breadcrumbs[].response': { summary: 'The HTTP response Dialpad received at this step, which decided where the call went.', type: 'object' },
  'routing_breadcrumbs[].date': { summary: 'When the call took this step.', type: MS_TYPE, value: 'timestamp-ms' },
  'routing_breadcrumbs[].request_id': { summary: 'Id of the routing request (for a call router, the request sent to your routing URL).', type: 'string' },
  'routing_breadcrumbs[].target_id': { summary: 'Id of the entity the call was routed to at this step.', type: ID_TYPE },
  'routing_breadcrumbs[].target_type': { summary: 'Kind of entity the call was routed to at this step.', type: 'string' },
  'routing_breadcrumbs[].url': { summary: 'The URL involved in the step (a call router\'s routing URL).', type: 'string, URL' },
  integrations: {
    summary: 'Data that Dialpad\'s integrations (CRMs and the like) attach to the call; its shape depends on the integration and is not checked.',
    type: 'any JSON',
    blank: 'Missing when no integration adds anything.',
  },
  // JWT registered claims: a JWT-encoded webhook carries the event as its claims, next to these.
  iat: { summary: 'JWT claim: when the token was issued.', type: 'integer, unix seconds UTC', value: 'timestamp-s' },
  exp: { summary: 'JWT claim: when the token expires. A captured event is usually past it; this tool checks signatures only.', type: 'integer, unix seconds UTC', value: 'timestamp-s' },
  nbf: { summary: 'JWT claim: the token is not valid before this time.', type: 'integer, unix seconds UTC', value: 'timestamp-s' },
  iss: { summary: 'JWT claim: who issued the token.', type: 'string' },
  aud: { summary: 'JWT claim: who the token is meant for.', type: 'string or list of strings' },
  sub: { summary: 'JWT claim: what the token is about.', type: 'string' },
  jti: { summary: 'JWT claim: a unique id of the token.', type: 'string' },
};

const FIELD_DOCS: ReadonlyMap<string, FieldDoc> = new Map(Object.entries(DOCS).map(([path, doc]) => [path, { path, ...doc }]));

/** Every documented field path, in the order of this module. */
export const DOCUMENTED_FIELDS: readonly string[] = [...FIELD_DOCS.keys()];

/** The documentation path of a JSON path: list indexes become `[]` (`recording_details[].url`). */
export function docPath(path: readonly (string | number)[]): string {
  let result = '';
  for (const part of path) {
    if (typeof part === 'number') result += '[]';
    else result += result === '' ? part : `.${part}`;
  }
  return result;
}

/** The documentation of a field, by doc path (`target.phone`) or JSON path (`['recording_details', 0, 'url']`). */
export function fieldDoc(path: string | readonly (string | number)[]): FieldDoc | undefined {
  return FIELD_DOCS.get(typeof path === 'string' ? path : docPath(path));
}

/** Where in a call's life a state belongs. */
export type StatePhase = 'setup' | 'live' | 'supervisor' | 'end' | 'after the call' | 'subscription';

/** What the project says about one call state. */
export interface StateDoc {
  state: CallState;
  /** What happened in the call when this event was sent. */
  summary: string;
  phase: StatePhase;
  /** What else to know (fields it fills, caveats). */
  note?: string;
}

const STATES: Record<CallState, Omit<StateDoc, 'state'>> = {
  preanswer: { phase: 'setup', summary: 'The leg has been created and is being set up; nothing rings yet. In the vendor\'s call-flow examples each leg starts with it.' },
  calling: { phase: 'setup', summary: 'An outbound call was placed and is being dialled.' },
  ringing: { phase: 'setup', summary: 'An inbound call is ringing at its destination.' },
  connected: { phase: 'live', summary: 'Both sides have answered and are talking to each other.', note: 'date_connected is set from here on.' },
  merged: { phase: 'live', summary: 'Another participant was added into the call.' },
  hold: { phase: 'live', summary: 'The call was put on hold.' },
  voicemail: {
    phase: 'live', summary: 'The caller reached voicemail and recording began.',
    note: 'voicemail_link is already filled, but it 404s if the caller leaves no message (hangs up early).',
  },
  missed: { phase: 'end', summary: 'Nobody answered: the call was missed.' },
  voicemail_uploaded: {
    phase: 'after the call', summary: 'The voicemail has been recorded and stored.',
    note: 'voicemail_link now works for as long as the call history is kept.',
  },
  queued: { phase: 'setup', summary: 'A call to a call center sits in its queue until an operator picks it up.' },
  eavesdrop: { phase: 'supervisor', summary: 'Someone is silently listening to a voicemail as the caller records it.' },
  monitor: { phase: 'supervisor', summary: 'A call-center supervisor tuned in, silently, to an operator\'s call.', note: 'The supervisor\'s leg names the entry point, which does not name it back: that tells it from the real operator.' },
  barge: { phase: 'supervisor', summary: 'A call-center supervisor joined an operator\'s call and can now be heard.' },
  hangup: { phase: 'end', summary: 'The call ended.', note: 'date_ended, duration and total_duration are set; is_transferred says whether the flow goes on in a new leg.' },
  admin: { phase: 'live', summary: 'The caller entered the voicemail administration menu.' },
  parked: { phase: 'live', summary: 'The call was parked, to be picked up from elsewhere.' },
  takeover: { phase: 'supervisor', summary: 'A call-center supervisor took the call over; the operator was dropped from it.' },
  transcription: { phase: 'after the call', summary: 'The voicemail has been transcribed.', note: 'transcription_text holds the text. This is about voicemail only, not Call AI transcripts.' },
  recording: { phase: 'after the call', summary: 'A call recording has been processed and is ready.', note: 'recording_url and recording_details hold the links.' },
  all: { phase: 'subscription', summary: 'Not a state a call enters: subscribing to "all" means receiving every state.' },
  dispositions: { phase: 'after the call', summary: 'The dispositions (wrap-up outcomes) for the call were recorded.', note: 'call_dispositions holds them; contact may be missing from this event.' },
  csat: { phase: 'after the call', summary: 'The caller answered the post-call satisfaction survey.', note: 'csat_score, csat_recording_urls and csat_transcriptions are filled.' },
  pcsat: { phase: 'after the call', summary: 'Dialpad\'s AI predicted the caller\'s satisfaction.', note: 'pcsat_score is filled.' },
  recap_summary: { phase: 'after the call', summary: 'The AI Recap summary of the call is ready.', note: 'recap_summary holds it.' },
  recap_outcome: { phase: 'after the call', summary: 'The AI Recap settled on the call\'s outcome.', note: 'recap_outcome holds it.' },
  recap_purposes: { phase: 'after the call', summary: 'The AI Recap identified why the call was made.', note: 'recap_purposes holds them.' },
  recap_action_items: { phase: 'after the call', summary: 'The AI Recap listed the call\'s follow-up actions.', note: 'recap_action_items holds them.' },
  ai_playbook: { phase: 'after the call', summary: 'The AI Playbook results for the call are ready.', note: 'ai_playbook holds them.' },
  admin_recording: { phase: 'after the call', summary: 'A recording an admin made of the call has been processed.', note: 'Listed in the vendor\'s API model but not in its table of states.' },
  blocked: { phase: 'end', summary: 'The call was blocked (for instance the caller\'s number is on a block list), so it was never put through.', note: 'Listed in the vendor\'s API model but not in its table of states.' },
  call_transcription: { phase: 'after the call', summary: 'The transcript of the conversation is available.', note: 'Listed in the vendor\'s API model but not in its table of states; the text itself comes from the transcripts API.' },
  postcall: { phase: 'after the call', summary: 'Dialpad finished its post-call processing of the call.', note: 'Listed in the vendor\'s API model but not in its table of states.' },
};

const STATE_DOCS: ReadonlyMap<string, StateDoc> = new Map(CALL_STATES.map((state) => [state, { state, ...STATES[state] }]));

/** The documentation of a call state, or undefined for a state the vendor does not list. */
export function stateDoc(state: string): StateDoc | undefined {
  return STATE_DOCS.get(state);
}
