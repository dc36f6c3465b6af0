import * as vscode from 'vscode';
import type { CaptureDocuments, CaptureState } from '../editor/captureDocuments';

/**
 * The capture a command acts on: the file it was given, else the active editor's, inspected and current.
 * Undefined (after telling the user how to go on) when there is neither; throws when the file cannot be
 * read as a capture (the command wrapper logs it and tells the user). `then` completes the hint:
 * "open a capture first, then …".
 */
export async function openCapture(captures: CaptureDocuments, uri: vscode.Uri | undefined, then: string): Promise<CaptureState | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage(`Call Events: open a capture first, then ${then}.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  const state = (await captures.current(doc)) ?? (await captures.force(doc));
  if (!state) throw new Error('this file could not be read as a capture');
  return state;
}
