import * as vscode from 'vscode';
import { inspectSource, type FileDiagnostic } from '../core/chunkedInspection';
import { looksLikeCapture } from '../core/detect';
import { ChunkWorkers, parallelWorkers } from '../node/chunkWorkers';
import { memorySource, openFileSource } from '../node/fileSource';
import { CallEventDiagnostic, type CaptureDiagnostics } from './diagnostics';
import type { WebhookSecret } from './secrets';

/** VS Code hands extensions no document above this size; such captures are read from disk. */
export const EDITOR_SYNC_LIMIT = 50 * 1024 * 1024;

/**
 * Inspects a capture file from disk, for files too large for VS Code to hand to extensions:
 * with a progress notification, problems in the Problems view, and a word on what is limited.
 */
export async function inspectFromDisk(uri: vscode.Uri, secret: WebhookSecret, diagnostics: CaptureDiagnostics, rulesUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Inspecting ${vscode.workspace.asRelativePath(uri)}`, cancellable: false }, async (progress) => {
    // A local file is read a chunk at a time and analysed in worker threads: the extension host stays free.
    const source = uri.scheme === 'file' ? await openFileSource(uri.fsPath) : { ...memorySource(await vscode.workspace.fs.readFile(uri)), close: () => Promise.resolve() };
    // At least one worker, whatever the machine: the point here is the extension host's own thread.
    const workers = new ChunkWorkers(Math.max(1, parallelWorkers()));
    let inspection;
    try {
      progress.report({ message: `validating ${(source.size / 1048576).toFixed(0)} MB…` });
      inspection = await inspectSource(source, { ...(await secret.inspectOptions()), analyser: workers });
    } finally {
      await workers.close();
      await source.close();
    }
    const list = inspection.diagnostics.map((d) => toDiagnostic(d, rulesUri));
    diagnostics.collection.set(uri, list);
    log.info(`Inspected ${uri.toString(true)} from disk: ${inspection.events} events, ${list.length} problems`);
    void vscode.window.showInformationMessage(
      `${inspection.events} events, ${list.length} problems in the Problems view. This file is over 50 MB, so VS Code does not hand it to extensions: hovers, the outline and live updates are not available for it. Split it (for example with \`split -l\`) to get them.`,
    );
  });
}

/** A diagnostic placed by the chunked reader (1-based) on its exact range. */
function toDiagnostic({ line, column, endLine, endColumn, problem }: FileDiagnostic, rulesUri: vscode.Uri): vscode.Diagnostic {
  return new CallEventDiagnostic(new vscode.Range(line - 1, column - 1, endLine - 1, endColumn - 1), problem, rulesUri);
}

/** Offers to inspect from disk when the user opens a capture that VS Code will not sync (over 50 MB). */
export function watchLargeFiles(run: (uri: vscode.Uri) => Promise<void>, log: vscode.LogOutputChannel): vscode.Disposable {
  const offered = new Set<string>();
  const check = async () => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (!(input instanceof vscode.TabInputText) || offered.has(input.uri.toString())) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === input.uri.toString())) return;
    const uri = input.uri;
    let head: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size <= EDITOR_SYNC_LIMIT) return;
      head = await readHead(uri);
    } catch (error) {
      // Not a readable file (an untitled or virtual document): nothing to offer, but say why in the log.
      log.debug(`Not checked for a large capture: ${uri.toString(true)}: ${messageOf(error)}`);
      return;
    }
    if (!looksLikeCapture(head)) return;
    offered.add(uri.toString());
    const choice = await vscode.window.showInformationMessage('This looks like a Dialpad call-event capture, but it is over 50 MB, so VS Code does not hand it to extensions. Inspect it from disk?', 'Inspect');
    if (choice !== 'Inspect') return;
    try {
      await run(uri);
    } catch (error) {
      // The user asked for this inspection: a failure is theirs to see, not a file "not worth offering".
      log.error(`Inspecting ${uri.toString(true)} from disk failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Could not inspect ${vscode.workspace.asRelativePath(uri)} from disk: ${messageOf(error)}. See the Call Events output for details.`);
    }
  };
  return vscode.window.tabGroups.onDidChangeTabs(() => void check());
}

async function readHead(uri: vscode.Uri): Promise<string> {
  if (uri.scheme !== 'file') return '';
  const fs = await import('node:fs/promises');
  const handle = await fs.open(uri.fsPath, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
