import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallEventsApi } from '../../src/extension';
import { api, EXTENSION_ID, until } from './helpers';

function sample(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, name));
}

/** Opens a capture in a column and waits until the extension has inspected it. */
async function openCapture(name: string, viewColumn: vscode.ViewColumn = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const { captures } = await api();
  const uri = sample(name);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn, preview: false });
  await until(`${name} inspected`, () => captures.get(uri));
  return editor;
}

/** Longer than the panel's wait before it follows the active editor. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

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

  it('follows the active editor to another capture, stays on it when pinned, and ignores other files', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openCapture('call-center.jsonl');
    await vscode.commands.executeCommand('callEvents.showCallGraph');
    const tab = () => graphTabs()[0]?.label;
    await until('the panel on call-center.jsonl', () => tab() === 'Call Graph: call-center.jsonl');

    await openCapture('transfer.jsonl');
    await until('the panel to follow to transfer.jsonl', () => tab() === 'Call Graph: transfer.jsonl');

    // An editor that is not a capture leaves the panel as it is.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sample('README.md')), { viewColumn: vscode.ViewColumn.One, preview: false });
    await settle();
    assert.equal(tab(), 'Call Graph: transfer.jsonl');

    await vscode.commands.executeCommand('callEvents.pinCallGraph');
    await until('the pinned title', () => tab() === 'Call Graph: transfer.jsonl (pinned)');
    await openCapture('call-center.jsonl');
    await settle();
    assert.equal(tab(), 'Call Graph: transfer.jsonl (pinned)', 'a pinned panel keeps its capture');

    await vscode.commands.executeCommand('callEvents.unpinCallGraph');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sample('transfer.jsonl')), { viewColumn: vscode.ViewColumn.One });
    await openCapture('call-center.jsonl');
    await until('the unpinned panel to follow again', () => tab() === 'Call Graph: call-center.jsonl');
    assert.equal(graphTabs().length, 1, 'one panel throughout');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the panel to close', () => graphTabs().length === 0);
  });

  it('opened from a capture in the second column, it goes to the first: never a third column', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openCapture('call-center.jsonl', vscode.ViewColumn.One);
    const beside = await openCapture('transfer.jsonl', vscode.ViewColumn.Two);
    assert.equal(beside.viewColumn, vscode.ViewColumn.Two);
    await vscode.commands.executeCommand('callEvents.showCallGraph');
    const tab = await until('the panel', () => graphTabs()[0]);
    assert.equal(tab.label, 'Call Graph: transfer.jsonl');
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.One, 'the panel opens in the other of the two columns');
    assert.equal(vscode.window.tabGroups.all.length, 2, 'no third column');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the panel to close', () => graphTabs().length === 0);
  });
});
