import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallEventsApi } from '../../src/extension';
import { EXTENSION_ID, until } from './helpers';

function graphTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('callEvents.callGraph'));
}

describe('the call graph panel', function () {
  this.timeout(60_000);

  it('opens beside the capture from the command (and from a CodeLens with a call id), one panel at a time', async () => {
    const api = await vscode.extensions.getExtension<CallEventsApi>(EXTENSION_ID)!.activate();
    const uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'monitored-barge.jsonl'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await until('inspection', () => api.captures.get(uri));
    await vscode.commands.executeCommand('callEvents.showCallGraph');
    const tab = await until('the panel', () => graphTabs()[0]);
    assert.equal(tab.label, 'Call Graph: monitored-barge.jsonl');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    const lens = lenses.find((l) => l.command?.command === 'callEvents.showCallGraph')!;
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(graphTabs().length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the panel to close', () => graphTabs().length === 0);
  });
});
