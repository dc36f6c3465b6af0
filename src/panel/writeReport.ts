import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildViewModel } from '../core/buildViewModel';
import { inspectDocument } from '../core/inspect';
import { redactCaptures } from '../core/redactCapture';
import type { CaptureDocuments, CaptureState } from '../editor/captureDocuments';
import type { Prompts } from '../editor/prompts';
import type { WebhookSecret } from '../editor/secrets';
import { readSettings, SECTION } from '../editor/settings';
import { readWebviewAssets } from '../report/assets';
import { renderReportHtml } from '../report/html';
import { openCapture } from './openCapture';

/** What Write HTML Report needs besides the capture. */
export interface ReportContext {
  captures: CaptureDocuments;
  secret: WebhookSecret;
  prompts: Prompts;
  extensionUri: vscode.Uri;
  version: string;
}

/** Writes the self-contained HTML report of a capture (the same page `call-events report` writes), redacted if the user wishes. */
export async function writeReport(ctx: ReportContext, uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const state = await openCapture(ctx.captures, uri, 'write its report');
  if (!state) return undefined;
  const target = state.uri;
  const assets = readWebviewAssets([vscode.Uri.joinPath(ctx.extensionUri, 'dist').fsPath]);
  if ('error' in assets) throw new Error(assets.error);
  const redact = await askRedact(ctx.prompts);
  if (redact === undefined) return undefined;
  const base = path.basename(target.path).replace(/\.[^.]+$/, '');
  const out = await ctx.prompts.saveDialog({
    defaultUri: vscode.Uri.joinPath(target, '..', `${base}${redact ? '.redacted' : ''}.report.html`),
    filters: { HTML: ['html'] },
    title: redact ? 'Write the call events report (redacted)' : 'Write the call events report',
  });
  if (!out) return undefined;
  const drawn = redact ? await redacted(state, await ctx.secret.get()) : state;
  const model = buildViewModel([{ name: vscode.workspace.asRelativePath(target), text: drawn.text, inspection: drawn.inspection }], { eventList: true });
  const html = renderReportHtml({
    model,
    report: { title: `Call events: ${path.basename(target.path)}`.slice(0, 200), generatedAt: new Date().toISOString(), generator: `Call Events Inspector ${ctx.version}` },
  }, assets);
  await vscode.workspace.fs.writeFile(out, Buffer.from(html, 'utf8'));
  // Not awaited: the command is done once the file is written.
  void vscode.window.showInformationMessage(`Call Events: ${redact ? 'redacted ' : ''}report written to ${vscode.workspace.asRelativePath(out)}. It opens offline in any browser.`, 'Open in Browser')
    .then((choice) => (choice === 'Open in Browser' ? vscode.env.openExternal(out) : undefined));
  return out;
}

/**
 * Whether to redact: the setting `callEvents.report.redact`, or the user's answer when it is `ask`.
 * "Always"/"Never" write the setting (user level), so the remembered choice is seen and undone in Settings.
 */
async function askRedact(prompts: Prompts): Promise<boolean | undefined> {
  const setting = readSettings().reportRedact;
  if (setting !== 'ask') return setting === 'always';
  const remember = '(remembered in the setting callEvents.report.redact)';
  const choice = await prompts.pick([
    { label: 'Redact', description: 'replace every personal value before drawing, as call-events report --redact', redact: true, remember: false },
    { label: 'Don\'t Redact', description: 'the report shows the capture as it is', redact: false, remember: false },
    { label: 'Always Redact', description: remember, redact: true, remember: true },
    { label: 'Never Redact', description: remember, redact: false, remember: true },
  ], { title: 'Redact the report? Captures hold customers\' numbers and names, agents\' emails, transcripts and recording links.' });
  if (!choice) return undefined;
  if (choice.remember) await vscode.workspace.getConfiguration(SECTION).update('report.redact', choice.redact ? 'always' : 'never', vscode.ConfigurationTarget.Global);
  return choice.redact;
}

/** The capture redacted as `call-events report --redact` does, and inspected anew: only this is drawn. */
async function redacted(state: CaptureState, secret: string | undefined): Promise<{ text: string; inspection: CaptureState['inspection'] }> {
  const [copy] = await redactCaptures([{ text: state.text }], secret ? { secret } : {});
  return { text: copy!.text, inspection: await inspectDocument(copy!.text, secret ? { secret } : {}) };
}
