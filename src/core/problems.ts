import type { Code, Severity } from './codes';
import { forTerminal } from '../shared/untrustedText';

export type { Severity };

/** Where a problem sits: an absolute range of the document, or a JSON path inside one event. */
export type Locator =
  | { kind: 'range'; start: number; end: number }
  | { kind: 'path'; event: number; path: readonly (string | number)[]; part?: 'key' | 'value' };

/** A problem before its location is resolved to offsets (the core's working form). */
export interface PendingProblem {
  at: Locator;
  severity: Severity;
  code: Code;
  message: string;
  /** A certain replacement value for the located token (for example the known state nearest a typo). */
  suggestion?: string;
}

/** A problem located in the document by offsets (UTF-16 code units, end exclusive). */
export interface Problem {
  start: number;
  end: number;
  severity: Severity;
  code: Code;
  message: string;
  /** Index of the event the problem belongs to, when it belongs to one. */
  event?: number;
  /** A certain replacement value for the located token (for example the known state nearest a typo). */
  suggestion?: string;
}

/** Untrusted text quoted in a message: one line, unsafe characters visibly escaped, at most `max` characters. */
export function excerpt(text: string, max = 40): string {
  return forTerminal(text, max);
}
