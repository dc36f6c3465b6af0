import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { NewSampleCaptureArgs, SendSampleFlowArgs, SendSampleFlowResult } from '../../src/editor/sampleFlows';
import { api, startHandler, until } from './helpers';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return lenses.map((lens) => lens.command?.title ?? '');
}

async function hoverText(uri: vscode.Uri, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 2));
  // Plain text comes escaped for Markdown: spaces as &nbsp;, punctuation after a backslash.
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n')
    .replace(/&nbsp;/g, ' ').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('Send Sample Flow and New Sample Capture', function () {
  this.timeout(90_000);

  it('Send Sample Flow to the running listener: the record opens with each verdict in CodeLens and hover, and the listener\'s forwards get Dialpad\'s verdict', async () => {
    const extension = await api();
    // The listener forwards what it captures to a handler that answers 400: Dialpad would lose those events.
    const handler = await startHandler(400, 'no such call');
    const config = vscode.workspace.getConfiguration('callEvents.listener');
    await config.update('port', 0, vscode.ConfigurationTarget.Workspace);
    await config.update('captureFolder', 'captures-sample-flow', vscode.ConfigurationTarget.Workspace);
    await config.update('forwardTo', handler.url, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('callEvents.startListener');
      await until('the listener', () => extension.listener.url);
      const capture = extension.listener.capture!;

      // The arguments answer the quick picks (scenarios, target, bodies, pace), as scripts and tests do.
      const args: SendSampleFlowArgs = { scenarios: ['missed'], target: 'listener', sign: false, timeScale: 0.1, order: 'in-order' };
      const result = await vscode.commands.executeCommand<SendSampleFlowResult>('callEvents.sendSampleFlow', args);
      assert.ok(result, 'the command returned its result');
      assert.equal(result.cancelled, false);
      // The missed scenario is four events (preanswer, ringing, missed, hangup); the listener answered each 200.
      assert.deepEqual(result.verdicts, ['delivered', 'delivered', 'delivered', 'delivered']);

      const record = vscode.Uri.file(result.record);
      await until('the record open beside', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === record.fsPath));
      await until('the record inspected', () => extension.captures.get(record)?.inspection.events.length === 4);
      const titles = await until('the verdict lenses', async () => {
        const all = await lensTitles(record);
        return all.filter((t) => t === 'Dialpad delivery: delivered').length === 4 && all;
      });
      assert.ok(titles.some((t) => /^Forwarded: 200 · /.test(t)), titles.join(' | '));
      const firstLine = extension.captures.get(record)!.inspection.lines.positionAt(extension.captures.get(record)!.inspection.events[0]!.start).line;
      assert.match(await hoverText(record, firstLine), /Dialpad delivery: delivered/);

      // The listener captured the four events and forwarded each to the handler, which answered 400.
      await until('the four forwards', () => handler.received.length === 4 && fs.readFileSync(capture.fsPath, 'utf8').split('\n').filter((l) => l.includes('"call-events/forward"')).length === 4);
      const lost = 'Dialpad would not retry this: the event is lost (a 400 is never retried)';
      const listenerTitles = await until('the listener\'s verdict lenses', async () => {
        const all = await lensTitles(capture);
        return all.filter((t) => t === lost).length === 4 && all;
      });
      assert.ok(listenerTitles.some((t) => t.startsWith('Forwarded: 400')), listenerTitles.join(' | '));
      const captureLine = extension.captures.get(capture)!.inspection.lines.positionAt(extension.captures.get(capture)!.inspection.events[0]!.start).line;
      const hover = await hoverText(capture, captureLine);
      assert.ok(hover.includes(lost), hover);
      // On a leg's first event the delivery leads the line, so the editor's edge cuts the leg's lenses, not the verdict.
      // The provider's order is the line's (the editor sorts a line's lenses stably); each lens resolved as the editor resolves it.
      const captureDocument = await vscode.workspace.openTextDocument(capture);
      const provided = await extension.codeLens.provideCodeLenses(captureDocument);
      const onFirstLine = provided.filter((lens) => lens.range.start.line === captureLine)
        .map((lens) => (lens.command ?? extension.codeLens.resolveCodeLens(lens).command)?.title ?? '');
      const verdictAt = onFirstLine.indexOf(lost), legAt = onFirstLine.findIndex((t) => t.includes(' leg of flow '));
      assert.ok(verdictAt >= 0 && legAt > verdictAt && onFirstLine[0]!.startsWith('Forwarded: 400'), onFirstLine.join(' | '));
    } finally {
      await vscode.commands.executeCommand('callEvents.stopListener');
      await handler.close();
      await config.update('port', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('captureFolder', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('forwardTo', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Send Sample Flow out of order with redeliveries: the listener receives the events shuffled, some twice, all delivered', async () => {
    const extension = await api();
    const config = vscode.workspace.getConfiguration('callEvents.listener');
    await config.update('port', 0, vscode.ConfigurationTarget.Workspace);
    await config.update('captureFolder', 'captures-sample-shuffled', vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('callEvents.startListener');
      await until('the listener', () => extension.listener.url);
      const capture = extension.listener.capture!;
      const args: SendSampleFlowArgs = { scenarios: ['transfer'], target: 'listener', sign: false, timeScale: 0.03, order: 'redelivered', seed: 7 };
      const result = await vscode.commands.executeCommand<SendSampleFlowResult>('callEvents.sendSampleFlow', args);
      assert.ok(result && result.verdicts.length >= 12, 'the transfer scenario is a dozen events or more');
      // None lost. (At this pace the timeout is 150 ms: on a loaded machine an answer can come late, and Dialpad
      // would then retry it: "timed out (delivered after 1 retry …)" is still delivered.)
      assert.ok(result.verdicts.every((v) => v === 'delivered' || v.startsWith('timed out (delivered')), result.verdicts.join(', '));
      // What the listener received: every event, plus the redeliveries (and any retries), not in the calls' order.
      const stamps = await until('every request captured', () => {
        const bodies = fs.readFileSync(capture.fsPath, 'utf8').split('\n').filter((l) => l.includes('"call-events/capture"'))
          .map((l) => JSON.parse((JSON.parse(l) as { body: string }).body) as { call_id: number; state: string; event_timestamp: number });
        // Each event once, in the order it first arrived (a redelivery or a retry repeats one).
        const keys = new Set<string>();
        const seen: number[] = [];
        for (const b of bodies) {
          const key = `${b.call_id}/${b.state}/${b.event_timestamp}`;
          if (!keys.has(key)) seen.push(b.event_timestamp);
          keys.add(key);
        }
        return bodies.length >= result.verdicts.length + result.redelivered && seen.length === result.verdicts.length && seen;
      });
      assert.ok(result.redelivered > 0, 'seed 7 sends some events again');
      assert.notDeepEqual(stamps, [...stamps].sort((a, b) => a - b), 'delivered out of order');
    } finally {
      await vscode.commands.executeCommand('callEvents.stopListener');
      await config.update('port', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('captureFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Send Sample Flow cancelled from its notification\'s Cancel button: requests stop, the record keeps what was sent', async () => {
    const handler = await startHandler(200, 'ok');
    try {
      // The direct scenario at its real pace: its events are seconds apart, time enough to cancel after the first.
      const args: SendSampleFlowArgs = { scenarios: ['direct'], target: handler.url, sign: false, timeScale: 1, order: 'in-order' };
      const running = vscode.commands.executeCommand<SendSampleFlowResult>('callEvents.sendSampleFlow', args);
      await until('the first event at the handler', () => handler.received.length >= 1);
      // What a click on the progress notification's Cancel does: its primary action, on the focused toast.
      await until('the notification cancelled', async () => {
        await vscode.commands.executeCommand('notifications.focusToasts');
        await vscode.commands.executeCommand('notification.acceptPrimaryAction');
        return Promise.race([running.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 300))]);
      });
      const result = await running;
      assert.ok(result?.cancelled, 'the run says it was cancelled');
      const sent = handler.received.length;
      assert.ok(sent >= 1 && sent < 4, `${sent} of the direct call's events sent`);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(handler.received.length, sent, 'nothing is sent after the cancel');
      const recorded = fs.readFileSync(result.record, 'utf8').split('\n').filter((line) => line.includes('"call-events/capture"')).length;
      assert.equal(recorded, sent, 'the record holds each event sent, and only those');
    } finally {
      await handler.close();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('New Sample Capture writes the scenario as a capture and opens it, clean', async () => {
    const extension = await api();
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'sample-voicemail.jsonl');
    const args: NewSampleCaptureArgs = { scenario: 'voicemail', seed: 3, bigIds: false, file: file.fsPath };
    assert.equal(await vscode.commands.executeCommand<string>('callEvents.newSampleCapture', args), file.fsPath);
    const state = await until('the sample inspected', () => {
      const s = extension.captures.get(file);
      return s && s.inspection.events.length > 0 && s;
    });
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === file.fsPath));
    assert.deepEqual(state.inspection.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.code), []);
    // Written again, it replaces the file (the save dialog asked): the same events, not twice as many.
    const count = state.inspection.events.length;
    await vscode.commands.executeCommand('callEvents.newSampleCapture', args);
    assert.equal(fs.readFileSync(file.fsPath, 'utf8').trim().split('\n').length, count);
  });
});
