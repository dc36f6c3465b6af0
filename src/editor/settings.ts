import * as vscode from 'vscode';

/** The extension's settings, read fresh each time (no module-global copy to go stale). */
export interface CallEventsSettings {
  /** Recognise captures from their content. */
  detection: boolean;
  /** Quiet time after typing before a capture is validated again. */
  debounceMs: number;
  /** Save Redacted Copy also replaces call ids (as `call-events redact --ids`). */
  redactCallIds: boolean;
  /** Whether Write HTML Report redacts: ask each time, or always, or never. */
  reportRedact: 'ask' | 'always' | 'never';
}

export const SECTION = 'callEvents';

/** The values of `callEvents.report.redact`. */
export const REPORT_REDACT = ['ask', 'always', 'never'] as const;

/** Reads the current settings. */
export function readSettings(): CallEventsSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    detection: config.get<boolean>('detection.enabled', true),
    debounceMs: Math.max(0, Math.min(5000, config.get<number>('validation.debounceMs', 150))),
    redactCallIds: config.get<boolean>('redact.replaceCallIds', false) === true,
    reportRedact: REPORT_REDACT.find((v) => v === config.get<string>('report.redact')) ?? 'ask',
  };
}
