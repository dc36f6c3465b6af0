import * as vscode from 'vscode';
import type { CaptureDocuments } from './captureDocuments';
import { choiceAfterChange, KeptLanguages, LanguageChanges, shouldUseJsonLines, type KeyValueStore } from './languageChoice';

/**
 * Moves a capture of several JSON values from the JSON language mode to JSON Lines whenever VS Code
 * opens it as JSON (again after every reopen): VS Code's own JSON checker would flag every value
 * after the first as an error. A user who switches a file out of JSON Lines by hand keeps that
 * choice, remembered in the workspace state, until they switch it back.
 */
export function useJsonLinesForStreams(captures: CaptureDocuments, state: KeyValueStore, log: vscode.LogOutputChannel): vscode.Disposable {
  const changes = new LanguageChanges();
  const kept = new KeptLanguages(state);
  const switching = new Set<string>();
  let available: Promise<boolean> | undefined;
  for (const doc of vscode.workspace.textDocuments) changes.seen(doc.uri.toString(), doc.languageId);

  const onOpen = vscode.workspace.onDidOpenTextDocument((doc) => {
    const key = doc.uri.toString();
    const change = changes.opened(key, doc, doc.languageId);
    const choice = change && choiceAfterChange(change);
    if (choice === 'remember') {
      log.info(`${vscode.workspace.asRelativePath(doc.uri)} switched to ${doc.languageId} by hand: it stays so (switch it to JSON Lines to undo).`);
      void kept.remember(key);
    } else if (choice === 'forget') {
      void kept.forget(key);
    }
  });
  const onClose = vscode.workspace.onDidCloseTextDocument((doc) => changes.closed(doc.uri.toString(), doc));
  const onUpdate = captures.onDidUpdate(async (capture) => {
    const key = capture.uri.toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!doc || switching.has(key) || !shouldUseJsonLines(capture.inspection.format, doc.languageId, kept.has(key))) return;
    available ??= Promise.resolve(vscode.languages.getLanguages()).then((ids) => ids.includes('jsonl'));
    if (!(await available)) return;
    switching.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, 'jsonl');
    } catch (error) {
      // The document closed meanwhile, most likely: it is switched when it is opened again.
      log.warn(`Could not show ${vscode.workspace.asRelativePath(doc.uri)} as JSON Lines: ${error instanceof Error ? error.message : String(error)}`);
      return;
    } finally {
      switching.delete(key);
    }
    log.info(`${vscode.workspace.asRelativePath(doc.uri)} holds several JSON values: shown as JSON Lines, so VS Code's JSON checker does not flag each value after the first.`);
  });
  return vscode.Disposable.from(onOpen, onClose, onUpdate);
}
