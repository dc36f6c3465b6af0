import { SEVERITIES, type Severity } from './codes';
import type { PendingProblem, Problem } from './problems';

/**
 * A file's problems are listed up to this many; the rest are only counted. A file of a million tiny invalid items
 * (a million `{}` lines) has two million problems: kept, they took gigabytes (1.4 KB each); shown, they would hold
 * the editor. The first ten thousand say what is wrong as well as all of them would.
 */
export const MAX_LISTED_PROBLEMS = 10_000;

export type SeverityCounts = Record<Severity, number>;

export function noCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

/** Adds `counts` into `into`. */
export function addCounts(into: SeverityCounts, counts: SeverityCounts): void {
  for (const severity of SEVERITIES) into[severity] += counts[severity];
}

/** How many problems are not listed, by severity. */
export function unlistedTotal(counts: SeverityCounts): number {
  return counts.error + counts.warning + counts.information + counts.hint;
}

/** The problem that stands, at the first one not listed, for all those not listed. */
export function unlistedProblem(at: Pick<Problem, 'start' | 'end'>, counts: SeverityCounts): Problem {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s].toLocaleString('en-US')} ${s === 'information' ? 'information' : `${s}${counts[s] === 1 ? '' : 's'}`}`);
  return {
    start: at.start, end: at.end, severity: 'information', code: 'input.too-many-problems',
    message: `${unlistedTotal(counts).toLocaleString('en-US')} more problems from here on are counted but not listed (${parts.join(', ')}): a file's first ${MAX_LISTED_PROBLEMS.toLocaleString('en-US')} are. Fix those and validate again.`,
  };
}

/** Problems sorted by position, listed up to the limit: the listed ones, and the one standing for the rest (if any), with their counts. */
export function listProblems(problems: readonly Problem[]): { listed: Problem[]; unlisted: SeverityCounts } {
  const unlisted = noCounts();
  if (problems.length <= MAX_LISTED_PROBLEMS) return { listed: problems as Problem[], unlisted };
  for (let i = MAX_LISTED_PROBLEMS; i < problems.length; i++) unlisted[problems[i]!.severity]++;
  return { listed: [...problems.slice(0, MAX_LISTED_PROBLEMS), unlistedProblem(problems[MAX_LISTED_PROBLEMS]!, unlisted)], unlisted };
}

/**
 * Pending problems of one text, the first MAX_LISTED_PROBLEMS by position to be located (locating costs a parse of
 * the event), the rest only counted, with where the first of them is (its event's start: not located either).
 */
export function listPending(pending: readonly PendingProblem[], eventStart: (event: number) => number): { listed: PendingProblem[]; unlisted: SeverityCounts; firstUnlisted?: number } {
  const unlisted = noCounts();
  if (pending.length <= MAX_LISTED_PROBLEMS) return { listed: pending as PendingProblem[], unlisted };
  const at = (p: PendingProblem) => (p.at.kind === 'range' ? p.at.start : eventStart(p.at.event));
  const ordered = pending.map((problem, i) => ({ problem, at: at(problem), i })).sort((a, b) => a.at - b.at || a.i - b.i);
  for (let i = MAX_LISTED_PROBLEMS; i < ordered.length; i++) unlisted[ordered[i]!.problem.severity]++;
  return { listed: ordered.slice(0, MAX_LISTED_PROBLEMS).map((o) => o.problem), unlisted, firstUnlisted: ordered[MAX_LISTED_PROBLEMS]!.at };
}
