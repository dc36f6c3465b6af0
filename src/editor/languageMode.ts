import * as vscode from 'vscode';
import type { CaptureDocuments } from './captureDocuments';

/** Capture shapes that hold several JSON values, which VS Code's JSON mode reports as "End of file expected". */
const SEVERAL_VALUES = new Set(['json-stream', 'json-lines', 'jwt-lines', 'capture', 'mixed']);

/**
 * Moves a capture of several JSON values from the JSON language mode to JSON Lines, once per file:
 * VS Code's own JSON checker would flag every value after the first as an error. If the user switches
 * back, the choice is theirs: it is not done again for that file.
 */
export function useJsonLinesForStreams(captures: CaptureDocuments, log: vscode.LogOutputChannel): vscode.Disposable {
  const done = new Set<string>();
  let available: Promise<boolean> | undefined;
  return captures.onDidUpdate(async (state) => {
    const key = state.uri.toString();
    if (done.has(key) || !SEVERAL_VALUES.has(state.inspection.format)) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!doc || doc.languageId !== 'json') return;
    available ??= Promise.resolve(vscode.languages.getLanguages()).then((ids) => ids.includes('jsonl'));
    if (!(await available)) return;
    done.add(key);
    await vscode.languages.setTextDocumentLanguage(doc, 'jsonl');
    log.info(`${vscode.workspace.asRelativePath(doc.uri)} holds several JSON values: shown as JSON Lines, so VS Code's JSON checker does not flag each value after the first.`);
  });
}
