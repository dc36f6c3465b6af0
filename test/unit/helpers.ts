import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectDocument, type InspectOptions, type Inspection } from '../../src/core/inspect';
import type { Problem } from '../../src/core/problems';

/** The repository root, for reading samples and the reference page. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** Reads a file of samples/. */
export function sample(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');
}

/** A problem as tests compare it: code, severity and the exact source text it covers. */
export interface ProblemView {
  code: string;
  severity: string;
  text: string;
  line: number;
}

/** Inspects text and returns the inspection with a readable view of its problems. */
export async function inspect(text: string, options: InspectOptions = {}): Promise<Inspection & { view: ProblemView[] }> {
  const inspection = await inspectDocument(text, options);
  return { ...inspection, view: inspection.problems.map((p) => viewOf(text, inspection, p)) };
}

function viewOf(text: string, inspection: Inspection, problem: Problem): ProblemView {
  return { code: problem.code, severity: problem.severity, text: text.slice(problem.start, problem.end), line: inspection.lines.positionAt(problem.start).line + 1 };
}

/** Codes of the problems, in order. */
export function codes(view: readonly ProblemView[]): string[] {
  return view.map((p) => p.code);
}

/** A complete, valid call event; override fields to make test cases. */
export function callEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    call_id: 5747322335264768,
    state: 'hangup',
    direction: 'inbound',
    master_call_id: null,
    entry_point_call_id: null,
    operator_call_id: null,
    date_started: 1764000000000,
    date_rang: 1764000001000,
    date_connected: 1764000005000,
    date_ended: 1764000065000,
    duration: 60000.25,
    total_duration: 65000.5,
    external_number: '+14155550123',
    internal_number: '+14155550199',
    target: { phone: '+14155550199', type: 'user', id: 5908860123456789, name: 'Maya Chen', email: 'maya@example.com', office_id: 4632479632575683 },
    contact: { phone: '+14155550123', type: 'local', id: 123, name: 'Daniel Okafor', email: '' },
    entry_point_target: {},
    proxy_target: {},
    group_id: null,
    is_transferred: false,
    was_recorded: false,
    ...overrides,
  };
}

/** JSON Lines text of the given events. */
export function jsonLines(...events: Record<string, unknown>[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}
