import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildViewModel } from '../core/buildViewModel';
import type { CaptureDocuments } from '../editor/captureDocuments';
import { readWebviewAssets } from '../report/assets';
import { renderReportHtml } from '../report/html';
import { openCapture } from './openCapture';

/** Writes the self-contained HTML report of a capture (the same page `call-events report` writes). */
export async function writeReport(captures: CaptureDocuments, extensionUri: vscode.Uri, version: string, uri: vscode.Uri | undefined): Promise<void> {
  const state = await openCapture(captures, uri, 'write its report');
  if (!state) return;
  const target = state.uri;
  const assets = readWebviewAssets([vscode.Uri.joinPath(extensionUri, 'dist').fsPath]);
  if ('error' in assets) throw new Error(assets.error);
  const base = path.basename(target.path).replace(/\.[^.]+$/, '');
  const out = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(target, '..', `${base}.report.html`),
    filters: { HTML: ['html'] },
    title: 'Write the call events report',
  });
  if (!out) return;
  const model = buildViewModel([{ name: vscode.workspace.asRelativePath(target), text: state.text, inspection: state.inspection }], { eventList: true });
  const html = renderReportHtml({
    model,
    report: { title: `Call events: ${path.basename(target.path)}`.slice(0, 200), generatedAt: new Date().toISOString(), generator: `Call Events Inspector ${version}` },
  }, assets);
  await vscode.workspace.fs.writeFile(out, Buffer.from(html, 'utf8'));
  const choice = await vscode.window.showInformationMessage(`Call Events: report written to ${vscode.workspace.asRelativePath(out)}. It opens offline in any browser.`, 'Open in Browser');
  if (choice === 'Open in Browser') await vscode.env.openExternal(out);
}
