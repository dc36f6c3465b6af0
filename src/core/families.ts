/** The vendor's other webhook event families, recognised by their shape. */
export type EventFamily = 'sms' | 'agent-status' | 'contact' | 'change-log';

export const FAMILY_NAMES: Record<EventFamily, string> = {
  sms: 'an SMS event',
  'agent-status': 'an agent status event',
  contact: 'a contact event',
  'change-log': 'a change log event',
};

/**
 * Names the family of an object that is not a call event (it has neither `call_id` nor `state`),
 * or undefined when it looks like nothing Dialpad sends.
 */
export function recogniseFamily(value: Record<string, unknown>): EventFamily | undefined {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(value, key);
  if (has('call_id') || has('state')) return undefined;
  if ((has('text') || has('text_content') || has('mms')) && (has('from_number') || has('to_number'))) return 'sms';
  if (has('message_status') || has('message_delivery_result')) return 'sms';
  if (has('availability_status') || has('on_duty_status') || has('on_duty_started')) return 'agent-status';
  if (has('contact_event_type') || (has('contact') && has('event_type'))) return 'contact';
  if (has('change_type') || has('changed_item') || has('action_type') || has('item_type')) return 'change-log';
  return undefined;
}
