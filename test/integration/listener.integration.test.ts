import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallEventsApi } from '../../src/extension';
import { EXTENSION_ID, until } from './helpers';

function post(url: string, body: string, contentType = 'application/json'): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (response) => {
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
});
