import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import * as vscode from 'vscode';
import type { CallEventsApi } from '../../src/extension';
import { EXTENSION_ID, until } from './helpers';

function post(url: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('the capture listener from the command palette', function () {
  this.timeout(60_000);

  it('starts, captures every request to a file that opens beside and validates live, and stops', async () => {
    const api = await vscode.extensions.getExtension<CallEventsApi>(EXTENSION_ID)!.activate();
    const config = vscode.workspace.getConfiguration('callEvents.listener');
    await config.update('port', 0, vscode.ConfigurationTarget.Workspace);
    await config.update('captureFolder', 'captures-test', vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('callEvents.startListener');
    const url = await until('the listener', () => api.listener.url);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const capture = api.listener.capture!;
    assert.equal(path.dirname(capture.fsPath), path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'captures-test'));

    const sample = fs.readFileSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'direct-call.jsonl'), 'utf8').split('\n');
    assert.equal(await post(`${url}webhook`, sample[0]!), 200);
    assert.equal(await post(`${url}webhook`, sample[1]!.replace('"state":"ringing"', '"state":"ringin"')), 200);
    const refused = await post(`${url}webhook`, 'this is not an event', 'text/plain');
    assert.ok(refused >= 400 && refused < 500, String(refused));

    // Everything is on disk, one line per request, the refused body included.
    const lines = fs.readFileSync(capture.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines.length, 3);
    // The open capture follows the file and shows the problems without a save or reopen.
    await until('the live diagnostics', () => {
      const state = api.captures.get(capture);
      return state && state.inspection.events.length === 2 &&
        state.inspection.problems.some((p) => p.code === 'schema.state.unknown') &&
        state.inspection.problems.some((p) => p.code === 'capture.rejected');
    });
    const diagnostics = vscode.languages.getDiagnostics(capture).filter((d) => d.source === 'Call Events');
    assert.ok(diagnostics.some((d) => typeof d.code === 'object' && d.code.value === 'schema.state.unknown' && d.range.start.line === 1));

    await vscode.commands.executeCommand('callEvents.stopListener');
    assert.equal(api.listener.url, undefined);
    await assert.rejects(post(`${url}webhook`, sample[0]!));
    await config.update('port', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('captureFolder', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('lists the requests in the Listener Requests view, newest first, and opens one with its masked headers, body and verdict', async () => {
    const api = await vscode.extensions.getExtension<CallEventsApi>(EXTENSION_ID)!.activate();
    const config = vscode.workspace.getConfiguration('callEvents.listener');
    await config.update('port', 0, vscode.ConfigurationTarget.Workspace);
    await config.update('captureFolder', 'captures-requests', vscode.ConfigurationTarget.Workspace);
    await api.secret.set('whsec-integration');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      await vscode.commands.executeCommand('callEvents.startListener');
      const url = await until('the listener', () => api.listener.url);
      // With no editor open the capture takes the first column (no empty column is left beside it).
      const captureTab = await until('the capture open', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === api.listener.capture!.toString()));
      assert.equal(captureTab.group.viewColumn, vscode.ViewColumn.One);
      // The view keeps the session's requests (an earlier test's too): ours are the newest two.
      const before = api.requests.requests.length;
      assert.equal(api.listener.webhookUrl, `${url}webhook`, 'the URL to give Dialpad: with the path');
      const claims = { call_id: 6000000000000001, state: 'ringing', direction: 'inbound', date_started: 1764000000000, event_timestamp: 1764000000000 };
      const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('whsec-integration'));
      assert.equal(await post(`${url}webhook`, token, 'application/jwt', { authorization: 'Bearer leaked-credential-7781', cookie: 'sid=cookie-credential-5521' }), 200);
      const wrong = '{"call_id": 1, "state": "hangup"}';
      assert.equal(await post(`${url}hook`, wrong), 404);

      await vscode.commands.executeCommand('callEvents.requests.focus');
      await until('the view', () => api.requests.view.visible);
      const entries = await until('both requests, read', () => {
        const list = api.requests.getChildren();
        return list.length === before + 2 && list.slice(0, 2).every((e) => e.event?.callId) && list.slice(0, 2);
      });
      const items = entries.map((e) => api.requests.getTreeItem(e));
      assert.deepEqual(items.map((i) => i.label), ['404 /hook', '200 /webhook'], 'newest first, with their status');
      assert.match(String(items[0]!.description), /^wrong-path · hangup call 1 · 33 B · \d\d:\d\d:\d\d$/);
      assert.match(String(items[1]!.description), new RegExp(`^ringing call 6000000000000001 · ${token.length} B · `));

      const accepted = await vscode.commands.executeCommand<vscode.TextEditor>('callEvents.showListenerRequest', entries[1]!.id);
      const detail = accepted.document.getText();
      assert.equal(accepted.document.uri.scheme, 'call-events-request');
      assert.match(detail, /^POST \/webhook → 200 accepted\n/);
      assert.match(detail, /\n {2}authorization: \[masked\]\n/);
      assert.match(detail, /\n {2}cookie: \[masked\]\n/);
      assert.match(detail, /\nBody: a JWT · verified: /);
      assert.match(detail, /\n {2}"call_id": 6000000000000001,\n {2}"state": "ringing",/);
      const captured = fs.readFileSync(api.listener.capture!.fsPath, 'utf8');
      for (const text of [detail, captured]) assert.ok(!text.includes('credential-'), 'no credential is written or shown');

      assert.equal(accepted.viewColumn, vscode.ViewColumn.Two, 'the detail opens beside the capture');
      const notFound = await vscode.commands.executeCommand<vscode.TextEditor>('callEvents.showListenerRequest', entries[0]!.id);
      assert.ok(vscode.window.tabGroups.all.length <= 2, 'never a third column');
      assert.match(notFound.document.getText(), /^POST \/hook → 404 wrong-path\nReason: Not found: this listener takes POST \/webhook\.\n[^]*\nBody \(JSON\):\n\{\n {2}"call_id": 1,/);
    } finally {
      await vscode.commands.executeCommand('callEvents.stopListener');
      await api.secret.clear();
      await config.update('port', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('captureFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
