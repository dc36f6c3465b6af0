// Sharing and comparing captures in the editor (issue 14): Compare with Previous Event, Save Redacted Copy,
// the report's redact question and Compare Payload Shapes. Dialogs are answered through the extension's
// typed seam (CallEventsApi.prompts), as code-server's own dialogs cannot be driven from the extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import * as vscode from 'vscode';
import type { CallEventsApi } from '../../src/extension';
import { api, until } from './helpers';

const workspace = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const file = (name: string) => vscode.Uri.file(path.join(workspace(), name));
const lines = (name: string) => fs.readFileSync(path.join(workspace(), name), 'utf8').trim().split('\n');

/** The personal values of a capture's events, gathered by field here (not by the redactor's rules). */
function personalValues(events: Record<string, unknown>[]): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.length > 3) found.add(value);
  };
  for (const event of events) {
    for (const key of ['external_number', 'internal_number']) add(event[key]);
    for (const party of ['contact', 'target', 'entry_point_target']) {
      const p = event[party] as Record<string, unknown> | undefined;
      if (p) for (const key of ['name', 'phone', 'email']) add(p[key]);
    }
  }
  return [...found];
}

/** Every key path of a JSON value (lists as []), to compare shapes. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, `${prefix}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [`${prefix}.${key}`, ...keyPaths(item, `${prefix}.${key}`)]);
}

describe('share and compare: the editor commands of issue 14', function () {
  this.timeout(40_000);
  let ext: CallEventsApi;
  const written: string[] = [];

  before(async () => {
    ext = await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of written.splice(0)) fs.rmSync(path.join(workspace(), name), { force: true });
  });

  it('share and compare: Compare with Previous Event opens the diff editor on the two events of the leg, normalised', async () => {
    const uri = file('transfer.jsonl');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await until('the capture to be inspected', () => ext.captures.get(uri)?.inspection.events.length === 17);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    const compare = lenses.filter((lens) => lens.command?.command === 'callEvents.compareWithPreviousEvent');
    // Line 1 (preanswer) opens its leg: no lens there; line 2 (ringing) is the leg's second event.
    assert.ok(!compare.some((lens) => lens.range.start.line === 0), 'no compare lens on a leg\'s first event');
    const ringing = compare.find((lens) => lens.range.start.line === 1);
    assert.ok(ringing, compare.map((l) => l.range.start.line).join(','));
    assert.equal(ringing.command!.title, 'Compare with previous event');

    await vscode.commands.executeCommand(ringing.command!.command, ...(ringing.command!.arguments ?? []));
    const input = await until('the diff editor', () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab?.input instanceof vscode.TabInputTextDiff && tab.input;
    });
    assert.equal(input.original.scheme, 'call-events-compare');
    assert.equal(input.modified.scheme, 'call-events-compare');
    const left = (await vscode.workspace.openTextDocument(input.original)).getText();
    const right = (await vscode.workspace.openTextDocument(input.modified)).getText();
    assert.match(left, /^ {2}"state": "preanswer",$/m);
    assert.match(right, /^ {2}"state": "ringing",$/m);
    // 1776776748907 ms is 2026-04-21 13:05:48.907 UTC; the ringing event's event_timestamp 1776776749436 half a second later.
    assert.match(left, /^ {2}"date_started": 1776776748907, \/\/ UTC 2026-04-21T13:05:48\.907Z$/m);
    assert.match(right, /^ {2}"event_timestamp": 1776776749436, \/\/ UTC 2026-04-21T13:05:49\.436Z$/m);
    // Top-level keys sorted, and every one of the event's keys shown (none added).
    const topKeys = (text: string) => [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]!);
    const original = Object.keys(JSON.parse(lines('transfer.jsonl')[0]!) as object);
    assert.deepEqual(topKeys(left), [...original].sort());
    // Read-only: the documents are not files the user could save over.
    const doc = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(doc.uri.scheme, 'call-events-compare');
    assert.equal(doc.isUntitled, false);
  });

  it('share and compare: Compare Two Events picks events of any open capture, across files', async () => {
    for (const name of ['direct-call.jsonl', 'transfer.jsonl']) {
      const uri = file(name);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      await until(`${name} to be inspected`, () => ext.captures.get(uri));
    }
    const lists: string[][] = [];
    const wanted = [/direct-call\.jsonl · line 1$/, /transfer\.jsonl · line 2$/];
    const seam = ext.prompts.answerWith({
      pick: (items) => {
        lists.push(items.map((item) => `${item.label} | ${item.detail ?? ''}`));
        const want = wanted.shift()!;
        return Promise.resolve(items.find((item) => want.test(item.detail ?? '')));
      },
    });
    try {
      await vscode.commands.executeCommand('callEvents.compareTwoEvents');
    } finally {
      seam.dispose();
    }
    assert.equal(lists.length, 2);
    assert.ok(lists[0]!.some((item) => item.startsWith('ringing | ') && item.endsWith('transfer.jsonl · line 2')), lists[0]!.join('\n'));
    assert.ok(!lists[1]!.some((item) => item.endsWith('direct-call.jsonl · line 1')), 'the first pick is not offered again');
    assert.ok(lists[1]!.some((item) => item.startsWith('$(folder-opened) Another capture file')));
    const input = await until('the diff editor', () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab?.input instanceof vscode.TabInputTextDiff && tab.input;
    });
    const texts = [(await vscode.workspace.openTextDocument(input.original)).getText(), (await vscode.workspace.openTextDocument(input.modified)).getText()].join('\n');
    const callIdOf = (name: string, line: number) => String((lines(name)[line]!.match(/"call_id":(\d+)/) ?? [])[1]);
    assert.ok(texts.includes(`"call_id": ${callIdOf('direct-call.jsonl', 0)},`), 'the direct call\'s event on one side');
    assert.ok(texts.includes(`"call_id": ${callIdOf('transfer.jsonl', 1)},`), 'the transfer\'s event on the other');
  });

  it('share and compare: Compare Two Events opens another capture file from its list, then lists its events too', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const open = file('direct-call.jsonl'), other = file('voicemail.jsonl');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(open), { preview: false });
    await until('direct-call.jsonl to be inspected', () => ext.captures.get(open));
    const lists: string[][] = [];
    const dialogs: vscode.OpenDialogOptions[] = [];
    const seam = ext.prompts.answerWith({
      pick: (items) => {
        lists.push(items.map((item) => `${item.label} | ${item.detail ?? ''}`));
        // First the direct call's first event; then Another capture file…; then the voicemail's first event (not that of
        // sample-voicemail.jsonl, which New Sample Capture may have written into the workspace before).
        const choice = lists.length === 1 ? items.find((item) => /(?:^|[\s/])direct-call\.jsonl · line 1$/.test(item.detail ?? ''))
          : lists.length === 2 ? items.find((item) => item.label.startsWith('$(folder-opened) Another capture file'))
            : items.find((item) => /(?:^|[\s/])voicemail\.jsonl · line 1$/.test(item.detail ?? ''));
        return Promise.resolve(choice);
      },
      openDialog: (options) => {
        dialogs.push(options);
        return Promise.resolve([other]);
      },
    });
    try {
      await vscode.commands.executeCommand('callEvents.compareTwoEvents');
    } finally {
      seam.dispose();
    }
    assert.equal(dialogs.length, 1, 'the file dialog was shown once');
    assert.equal(dialogs[0]!.canSelectMany, false);
    assert.equal(lists.length, 3, lists.map((l) => l.length).join(' '));
    assert.ok(lists[2]!.some((item) => /(?:^|[\s/])voicemail\.jsonl · line 1$/.test(item)), lists[2]!.join('\n'));
    assert.ok(ext.captures.get(other), 'the other capture is inspected');
    const input = await until('the diff editor', () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab?.input instanceof vscode.TabInputTextDiff && tab.input;
    });
    const texts = [(await vscode.workspace.openTextDocument(input.original)).getText(), (await vscode.workspace.openTextDocument(input.modified)).getText()].join('\n');
    const callIdOf = (name: string) => String((lines(name)[0]!.match(/"call_id":(\d+)/) ?? [])[1]);
    assert.ok(texts.includes(`"call_id": ${callIdOf('direct-call.jsonl')},`) && texts.includes(`"call_id": ${callIdOf('voicemail.jsonl')},`), texts.slice(0, 400));
  });

  it('share and compare: Save Redacted Copy writes a copy without the sample\'s personal values, in its shape, and opens it', async () => {
    const uri = file('transfer.jsonl');
    const out = file('transfer.redacted-test.jsonl');
    written.push('transfer.redacted-test.jsonl');
    const seam = ext.prompts.answerWith({ saveDialog: () => Promise.resolve(out) });
    try {
      const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('callEvents.saveRedactedCopy', uri);
      assert.equal(result?.toString(), out.toString());
    } finally {
      seam.dispose();
    }
    const before = lines('transfer.jsonl').map((line) => JSON.parse(line) as Record<string, unknown>);
    const text = fs.readFileSync(out.fsPath, 'utf8');
    const after = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const personal = personalValues(before);
    assert.ok(personal.includes('Hannah Schmidt') && personal.includes('+13035550161'), 'the check sees the sample\'s values');
    for (const value of personal) assert.ok(!text.includes(value), `${value} survived`);
    // The same events, keys and call ids (JSON Lines stay JSON Lines; ids are kept without the setting).
    assert.equal(after.length, before.length);
    after.forEach((event, i) => {
      assert.deepEqual(keyPaths(event), keyPaths(before[i]));
      assert.equal(event.state, before[i]!.state);
    });
    assert.deepEqual(text.match(/"call_id":\d+/g), lines('transfer.jsonl').join('\n').match(/"call_id":\d+/g));
    await until('the copy to open', () => vscode.window.activeTextEditor?.document.uri.toString() === out.toString());
  });

  it('share and compare: Save Redacted Copy of JWT lines signs them again with the stored secret, or writes them as JSON', async () => {
    const key = new TextEncoder().encode('whsec-share-test');
    const before = lines('transfer.jsonl').map((line) => JSON.parse(line) as Record<string, unknown>);
    const tokens = await Promise.all(before.map((claims) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key)));
    fs.writeFileSync(path.join(workspace(), 'transfer.jwt-test.jsonl'), `${tokens.join('\n')}\n`);
    written.push('transfer.jwt-test.jsonl', 'transfer.jwt-signed.jsonl', 'transfer.jwt-json.jsonl');
    const personal = personalValues(before);
    await ext.secret.set('whsec-share-test');
    const offered: string[] = [];
    const save = async (answer: string, name: string): Promise<string> => {
      const seam = ext.prompts.answerWith({
        pick: (items) => {
          offered.push(items.map((item) => item.label).join(', '));
          return Promise.resolve(items.find((item) => item.label === answer));
        },
        saveDialog: () => Promise.resolve(file(name)),
      });
      try {
        await vscode.commands.executeCommand('callEvents.saveRedactedCopy', file('transfer.jwt-test.jsonl'));
      } finally {
        seam.dispose();
      }
      return fs.readFileSync(path.join(workspace(), name), 'utf8');
    };
    try {
      const signed = (await save('Sign Again', 'transfer.jwt-signed.jsonl')).trim().split('\n');
      assert.equal(signed.length, tokens.length);
      for (const [i, token] of signed.entries()) {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        assert.equal(payload.state, before[i]!.state);
        const claims = JSON.stringify(payload);
        for (const value of personal) assert.ok(!claims.includes(value), `${value} survived in line ${i + 1}`);
      }
      const json = await save('Write as JSON', 'transfer.jwt-json.jsonl');
      const events = json.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(events.map((e) => e.state), before.map((e) => e.state));
      for (const value of personal) assert.ok(!json.includes(value), `${value} survived`);
      assert.deepEqual(offered, ['Sign Again, Write as JSON', 'Sign Again, Write as JSON']);
    } finally {
      await ext.secret.clear();
    }
  });

  it('share and compare: Save Redacted Copy never writes over the capture itself', async () => {
    const uri = file('direct-call.jsonl');
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    const seam = ext.prompts.answerWith({ saveDialog: () => Promise.resolve(uri) });
    try {
      assert.equal(await vscode.commands.executeCommand('callEvents.saveRedactedCopy', uri), undefined);
    } finally {
      seam.dispose();
    }
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), original);
  });

  it('share and compare: Write HTML Report asks whether to redact, and Always Redact is remembered in the setting', async () => {
    const uri = file('transfer.jsonl');
    const config = () => vscode.workspace.getConfiguration('callEvents.report');
    const offered: string[][] = [];
    const report = async (answer: string | undefined, name: string): Promise<string> => {
      written.push(name);
      const seam = ext.prompts.answerWith({
        pick: (items) => {
          offered.push(items.map((item) => item.label));
          return Promise.resolve(items.find((item) => item.label === answer));
        },
        saveDialog: () => Promise.resolve(file(name)),
      });
      try {
        await vscode.commands.executeCommand('callEvents.writeReport', uri);
      } finally {
        seam.dispose();
      }
      return fs.readFileSync(file(name).fsPath, 'utf8');
    };
    try {
      const plain = await report('Don\'t Redact', 'report-plain.html');
      assert.deepEqual(offered[0], ['Redact', 'Don\'t Redact', 'Always Redact', 'Never Redact']);
      assert.ok(plain.includes('Hannah Schmidt'), 'not redacted: the customer\'s name is drawn');

      const personal = personalValues(lines('transfer.jsonl').map((line) => JSON.parse(line) as Record<string, unknown>));
      const redacted = await report('Redact', 'report-redacted.html');
      for (const value of personal) assert.ok(!redacted.includes(value), `${value} survived in the report`);
      assert.ok(redacted.includes('4611909857034240'), 'call ids stay: the report still reads the same');
      assert.equal(config().get('redact'), 'ask', 'Redact alone is not remembered');

      await report('Always Redact', 'report-always.html');
      assert.equal(config().get('redact'), 'always');
      const asked = offered.length;
      const again = await report(undefined, 'report-again.html');
      assert.equal(offered.length, asked, 'not asked again');
      assert.ok(!again.includes('Hannah Schmidt'), 'redacted without asking');
    } finally {
      await config().update('redact', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('share and compare: Compare Payload Shapes shows what call diff finds, in a read-only document', async () => {
    const answers = [file('direct-call.jsonl'), file('voicemail.jsonl')];
    const seam = ext.prompts.answerWith({ openDialog: () => Promise.resolve([answers.shift()!]) });
    let result: vscode.Uri | undefined;
    try {
      result = await vscode.commands.executeCommand<vscode.Uri | undefined>('callEvents.comparePayloadShapes');
    } finally {
      seam.dispose();
    }
    assert.equal(result?.scheme, 'call-events-compare');
    const text = (await vscode.workspace.openTextDocument(result)).getText();
    // The voicemail sample has states and fields the direct call has not; 4 and 12 events (one a line).
    assert.match(text, /^\+ state voicemail$/m);
    assert.match(text, /^\+ field recording_details\[\]\.url$/m);
    assert.match(text, /^~ field contact\.id: string -> number$/m);
    assert.match(text, /^call events: 4 -> 12$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), result.toString());
  });
});
