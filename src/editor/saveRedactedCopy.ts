import * as path from 'node:path';
import * as vscode from 'vscode';
import { sameFile } from '../node/sameFile';
import { redactCaptures, type RedactCaptureOptions } from '../core/redactCapture';
import { openCapture } from '../panel/openCapture';
import type { CaptureDocuments } from './captureDocuments';
import type { Prompts } from './prompts';
import type { WebhookSecret } from './secrets';
import { readSettings } from './settings';

export const SAVE_REDACTED_COMMAND = 'callEvents.saveRedactedCopy';

/** What Save Redacted Copy needs. */
export interface RedactContext {
  captures: CaptureDocuments;
  secret: WebhookSecret;
  prompts: Prompts;
}

/**
 * Save Redacted Copy…: the capture (as the editor holds it, unsaved edits included) redacted by the code
 * of `call-events redact`, written where the user says (never over the capture itself), then opened.
 */
export async function saveRedactedCopy(ctx: RedactContext, uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const state = await openCapture(ctx.captures, uri, 'save a redacted copy of it');
  if (!state) return undefined;
  const options: RedactCaptureOptions = readSettings().redactCallIds ? { ids: true } : {};
  const secret = await ctx.secret.get();
  const hasJwts = state.inspection.events.some((e) => e.payload === 'jwt');
  if (hasJwts && secret) {
    const choice = await ctx.prompts.pick([
      { label: 'Sign Again', description: 'JWT lines stay JWTs, signed with the stored webhook secret', sign: true },
      { label: 'Write as JSON', description: 'JWT lines become JSON lines of their redacted claims', sign: false },
    ], { title: 'The capture has JWT payloads' });
    if (!choice) return undefined;
    if (choice.sign) options.secret = secret;
  }
  const target = state.uri;
  const ext = path.extname(target.path);
  const base = path.basename(target.path, ext) || 'capture';
  const out = await ctx.prompts.saveDialog({
    defaultUri: vscode.Uri.joinPath(target, '..', `${base}.redacted${ext || '.jsonl'}`),
    title: 'Save a redacted copy of the capture',
    saveLabel: 'Save Redacted Copy',
  });
  if (!out) return undefined;
  if (sameTarget(target, out)) {
    void vscode.window.showErrorMessage('Call Events: a redacted copy never replaces the capture itself: choose another file.');
    return undefined;
  }
  const [redacted] = await redactCaptures([{ text: state.text }], options);
  await vscode.workspace.fs.writeFile(out, Buffer.from(redacted!.text, 'utf8'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(out), { preview: false });
  const jwt = hasJwts ? (options.secret ? '; JWTs signed again' : secret ? '; JWTs written as JSON' : '; JWTs written as JSON (no webhook secret set to sign them again)') : '';
  const left = redacted!.leftOut > 0 ? `; ${redacted!.leftOut} item(s) that could not be read as events were left out` : '';
  void vscode.window.showInformationMessage(`Call Events: ${redacted!.events} event(s) redacted into ${vscode.workspace.asRelativePath(out)}${options.ids ? ', call ids replaced' : ''}${jwt}${left}.`);
  return out;
}

/** True when two URIs name one file (also through another path or a link, on disk). */
function sameTarget(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString() || (a.scheme === 'file' && b.scheme === 'file' && sameFile(a.fsPath, b.fsPath));
}
