import type { core } from 'zod';
import { certainlyValid } from './quickSchema';
import { excerpt, type PendingProblem } from './problems';

type Issue = core.$ZodIssue;

const ID_KEYS = new Set(['call_id', 'master_call_id', 'entry_point_call_id', 'operator_call_id', 'office_id', 'voicemail_recording_id', 'target_id']);
const TIME_KEYS = new Set(['date_started', 'date_rang', 'date_first_rang', 'date_queued', 'date_connected', 'date_ended', 'event_timestamp', 'start_time', 'date', 'ai_detection_start', 'ai_detection_end']);
const DURATION_KEYS = new Set(['duration', 'total_duration', 'talk_time', 'hold_time']);
/** What a pipeline that rewrote the payload makes of a boolean. */
const BOOLEAN_TEXT = /^\s*(true|false)\s*$/i;

/** The zod schema, loaded when first needed (see schema.ts): a bundle evaluates a module required here only then. */
let schema: typeof import('./schema') | undefined;

/** Validates one call event against the schema and turns zod's issues into located problems. */
export function schemaProblems(event: number, value: Record<string, unknown>): PendingProblem[] {
  if (certainlyValid(value)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required on first need, so a bundle evaluates zod only then
  schema ??= require('./schema') as typeof import('./schema');
  const result = schema.callEventSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => toProblem(event, value, issue));
}

function toProblem(event: number, value: Record<string, unknown>, issue: Issue): PendingProblem {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  const name = path.join('.') || 'the event';
  const actual = valueAt(value, path);
  const at = { kind: 'path' as const, event, path };
  if (actual === undefined && path.length === 1) {
    return { at: { kind: 'path', event, path: [] }, severity: 'error', code: 'schema.missing-field', message: `This call event has no ${name}.` };
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((option) => JSON.stringify(option)).join(' or ');
    return { at, severity: 'error', code: 'schema.enum', message: `${name} must be ${options}, not ${describeValue(actual)}.` };
  }
  if (issue.code === 'invalid_type' && issue.expected === 'boolean' && typeof actual === 'string' && BOOLEAN_TEXT.test(actual)) {
    return { at, severity: 'error', code: 'schema.type', message: `${name} is a boolean that arrived as a string (${describeValue(actual)}): JSON true and false have no quotes. Was the payload rewritten on its way?` };
  }
  return { at, severity: 'error', code: 'schema.type', message: `${name} should be ${expectedFor(path, issue)}, not ${describeValue(actual)}.` };
}

function expectedFor(path: (string | number)[], issue: Issue): string {
  const key = String(path[path.length - 1]);
  if (ID_KEYS.has(key) || (key === 'id' && path[0] !== 'contact' && path[0] !== 'recording_details')) return 'an integer id';
  if (TIME_KEYS.has(key)) return 'an integer timestamp in unix milliseconds';
  if (DURATION_KEYS.has(key)) return 'a number of milliseconds';
  if (issue.code === 'invalid_type') return article(issue.expected);
  if (issue.code === 'invalid_union') {
    const options = issue.errors.flatMap((branch) => branch.filter((e) => e.code === 'invalid_type').map((e) => (e as { expected: string }).expected));
    return options.length > 0 ? [...new Set(options)].map(article).join(' or ') : 'of another type';
  }
  if (issue.code === 'custom') return 'an integer';
  return 'of another form';
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'an object';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Names a value for a message without echoing much untrusted text. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return `the string "${excerpt(value, 30)}"`;
    case 'number': return `the number ${value}`;
    case 'boolean': return String(value);
    case 'object': return 'an object';
    default: return typeof value;
  }
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
