import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatCaptureRecord } from '../../src/core/captureRecord';
import type { ReplayCommandResult } from '../../src/editor/replayEvent';
import type { CallEventsApi } from '../../src/extension';
import { EXTENSION_ID, startHandler, until } from './helpers';

describe('replaying a captured event to the forward-to handler', function () {
  this.timeout(60_000);

  it('sends the captured body exactly, records the answer in the capture, and shows it in CodeLens, outline and hover', async () => {
    const api = await vscode.extensions.getExtension<CallEventsApi>(EXTENSION_ID)!.activate();
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    // A body as a sender wrote it (spacing included): the replay must not normalise a byte of it.
    const event = fs.readFileSync(path.join(folder, 'direct-call.jsonl'), 'utf8').split('\n')[0]!;
    const body = JSON.stringify(JSON.parse(event), null, 1);
    const file = path.join(folder, 'replay-capture.jsonl');
    fs.writeFileSync(file, `${formatCaptureRecord({
      seq: 1, received_at: '2026-11-25T10:00:00.000Z', method: 'POST', path: '/webhook', content_type: 'application/json; charset=utf-8',
      size: Buffer.byteLength(body), status: 200, verdict: 'accepted', reason: null, body,
    })}\n`);
    const uri = vscode.Uri.file(file);
    const handler = await startHandler(202, 'queued *not markdown*');
    const config = vscode.workspace.getConfiguration('callEvents.listener');
    await config.update('forwardTo', handler.url, vscode.ConfigurationTarget.Workspace);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await until('the capture to be inspected', () => api.captures.get(uri)?.inspection.events.length === 1);
      const before = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      assert.ok(before.some((lens) => lens.command?.title === 'Replay' && lens.command.command === 'callEvents.replayEvent'), before.map((l) => l.command?.title).join(' | '));
      assert.ok(!before.some((lens) => lens.command?.title.startsWith('Forwarded')));

      // The third argument skips the quick pick (for scripts and tests).
      const result = await vscode.commands.executeCommand<ReplayCommandResult>('callEvents.replayEvent', uri, 0, 'as-captured');
      assert.equal(result?.status, 202);
      assert.equal(result.recorded, true);
      assert.equal(handler.received.length, 1);
      assert.ok(handler.received[0]!.body.equals(Buffer.from(body, 'utf8')), 'the exact captured bytes');
      assert.equal(handler.received[0]!.contentType, 'application/json; charset=utf-8');

      // The answer is a line of the capture file, and the open document (reloaded from disk) attaches it to the event.
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
      assert.equal(lines.length, 2);
      assert.equal(JSON.parse(lines[1]!).replay, 'as-captured');
      await until('the forward result on the event', () => api.captures.get(uri)?.inspection.events[0]?.record?.forward);
      const lenses = await until('the Forwarded CodeLens', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
        return all.some((lens) => /^Forwarded: 2\d\d · /.test(lens.command?.title ?? '')) && all;
      });
      const titles = lenses.map((lens) => lens.command?.title ?? '');
      assert.ok(titles.some((t) => /^Forwarded: 202 · .* ms · replayed as captured$/.test(t)), titles.join(' | '));

      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      const details = (list: vscode.DocumentSymbol[]): string[] => list.flatMap((s) => [s.detail, ...details(s.children ?? [])]);
      assert.ok(details(symbols).some((d) => d.endsWith(' · forwarded 202')), details(symbols).join(' | '));

      // On the record's own fields (not the body), the hover still tells the handler's answer, as plain text.
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 3));
      // appendText writes spaces as &nbsp; and escapes Markdown punctuation.
      const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ');
      assert.match(markdown, /Replayed as captured/);
      assert.match(markdown, /Handler answered\*: queued \\\*not markdown\\\*/, 'the handler\'s answer is escaped, not rendered');
    } finally {
      await config.update('forwardTo', undefined, vscode.ConfigurationTarget.Workspace);
      await handler.close();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('as edited, sends the event as it is in the editor (unsaved), while as captured still sends the bytes on disk', async () => {
    const api = await vscode.extensions.getExtension<CallEventsApi>(EXTENSION_ID)!.activate();
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const body = fs.readFileSync(path.join(folder, 'direct-call.jsonl'), 'utf8').split('\n')[1]!;
    const file = path.join(folder, 'replay-edited.jsonl');
    fs.writeFileSync(file, `${formatCaptureRecord({ seq: 7, received_at: '2026-11-25T10:05:00.000Z', content_type: 'application/json', status: 200, verdict: 'accepted', body })}\n`);
    const uri = vscode.Uri.file(file);
    const handler = await startHandler(202, 'queued *not markdown*');
    const config = vscode.workspace.getConfiguration('callEvents.listener');
    await config.update('forwardTo', handler.url, vscode.ConfigurationTarget.Workspace);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await until('the capture to be inspected', () => api.captures.get(uri)?.inspection.events.length === 1);
      const state = /\\"state\\":\\"(\w+)\\"/.exec(doc.getText())!;
      const edit = new vscode.WorkspaceEdit();
      const at = doc.positionAt(state.index);
      edit.replace(uri, new vscode.Range(at, at.translate(0, state[0].length)), '\\"state\\":\\"hangup\\"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(doc.isDirty);

      assert.equal(await api.secret.get(), undefined, 'no secret in this test: the edited event goes as JSON');
      const edited = await vscode.commands.executeCommand<ReplayCommandResult>('callEvents.replayEvent', uri, 0, 'as-edited');
      assert.equal(edited?.status, 202);
      assert.equal(edited.signed, false);
      assert.equal(handler.received[0]!.contentType, 'application/json');
      assert.equal(JSON.parse(handler.received[0]!.body.toString('utf8')).state, 'hangup');

      await vscode.commands.executeCommand<ReplayCommandResult>('callEvents.replayEvent', uri, 0, 'as-captured');
      assert.equal(handler.received[1]!.body.toString('utf8'), body, 'the capture on disk, not the unsaved edit');

      // Without a mode it asks; an edited event offers "As edited" first.
      const asked = vscode.commands.executeCommand<ReplayCommandResult>('callEvents.replayEvent', uri, 0);
      await until('the quick pick to ask', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return handler.received.length === 3;
      });
      assert.equal((await asked)?.mode, 'as-edited');
      assert.equal(JSON.parse(handler.received[2]!.body.toString('utf8')).state, 'hangup');

      const records = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(records.map((r) => [r.type, r.replay, r.seq]), [
        ['call-events/capture', undefined, 7], ['call-events/forward', 'as-edited', 7], ['call-events/forward', 'as-captured', 7], ['call-events/forward', 'as-edited', 7],
      ]);
    } finally {
      await config.update('forwardTo', undefined, vscode.ConfigurationTarget.Workspace);
      await handler.close();
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
