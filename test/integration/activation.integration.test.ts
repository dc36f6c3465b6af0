import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('opens a scratch copy of samples/ as the workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.ok(fs.existsSync(path.join(folders[0]!.uri.fsPath, 'direct-call.jsonl')), folders[0]!.uri.fsPath);
  });

  it('finds the extension under development and activates it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers callEvents.showOutput, and it runs', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('callEvents.showOutput'));
    await vscode.commands.executeCommand('callEvents.showOutput');
  });
});
