import * as vscode from 'vscode';

/** The extension's settings, read fresh each time (no module-global copy to go stale). */
export interface CallEventsSettings {
  /** Recognise captures from their content. */
  detection: boolean;
  /** Quiet time after typing before a capture is validated again. */
  debounceMs: number;
}

export const SECTION = 'callEvents';

/** Reads the current settings. */
export function readSettings(): CallEventsSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    detection: config.get<boolean>('detection.enabled', true),
    debounceMs: Math.max(0, Math.min(5000, config.get<number>('validation.debounceMs', 150))),
  };
}
