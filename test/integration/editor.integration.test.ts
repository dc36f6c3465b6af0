import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import * as vscode from 'vscode';
import { api, until } from './helpers';

const SOURCE = 'Call Events';

const workspace = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const file = (name: string) => vscode.Uri.file(path.join(workspace(), name));

async function open(name: string, content?: string): Promise<vscode.TextDocument> {
  if (content !== undefined) fs.writeFileSync(path.join(workspace(), name), content);
  const doc = await vscode.workspace.openTextDocument(file(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** 0-based position of the n-th occurrence of a string in a text, found independently of the extension. */
function positionOf(text: string, needle: string, from = 0): vscode.Position {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return new vscode.Position(before.length - 1, before[before.length - 1]!.length);
}

/** The hovers' Markdown as plain text: appendText escapes punctuation and writes spaces as &nbsp;. */
function hoverText(hovers: vscode.Hover[]): string {
  const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1');
}

describe('the editor on capture files', function () {
  this.timeout(30_000);

  before(async () => {
    await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the vendor sample stream: one error, the trailing comma, on its very character, with a code linking to the rules', async () => {
    const doc = await open('vendor-sample-stream.json');
    const diagnostics = await until('diagnostics', () => ours(doc.uri).length > 0 && ours(doc.uri));
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 1);
    assert.equal(codeOf(errors[0]!), 'syntax.trailing-comma');
    const text = doc.getText();
    const comma = positionOf(text, 'describe it.",') .translate(0, 'describe it."'.length);
    assert.deepEqual([errors[0]!.range.start.line, errors[0]!.range.start.character], [comma.line, comma.character]);
    const code = errors[0]!.code as { target: vscode.Uri };
    assert.equal(code.target.fragment, 'syntax.trailing-comma');
    assert.match(code.target.path, /RULES\.md$/);
    // Several JSON values in a .json file: shown as JSON Lines, so VS Code's own JSON checker adds no false error.
    await until('JSON Lines mode', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString())?.languageId === 'jsonl');
    await until('our diagnostics again', () => ours(doc.uri).length > 0);
    // Give VS Code's JSON checker time to report, if it were still checking the file.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const all = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(all.map((d) => d.source), [SOURCE]);
  });

  it('several JSON values: JSON Lines again after every close and reopen; a switch back to JSON by hand is kept, across reopens too', async function () {
    this.timeout(150_000);
    const { captures } = await api();
    const name = `reopened-${Date.now()}.json`;
    const content = fs.readFileSync(file('vendor-sample-stream.json').fsPath, 'utf8');
    const uri = file(name);
    const languageOf = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId;
    /** Resolves on the next inspection of the file (each open and each change of language is one). */
    const nextInspection = () => new Promise<void>((resolve) => {
      const listener = captures.onDidUpdate((state) => {
        if (state.uri.toString() !== uri.toString()) return;
        listener.dispose();
        resolve();
      });
    });
    /** After an inspection, time for the extension to switch the language, were it going to. */
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
    const reopen = async (): Promise<vscode.TextDocument> => {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      // VS Code keeps a document an extension opened for minutes after its editor closes; deleting the
      // file drops it, so that the next open is a new document that VS Code shows as JSON again.
      const edit = new vscode.WorkspaceEdit();
      edit.deleteFile(uri, { ignoreIfNotExists: true });
      assert.ok(await vscode.workspace.applyEdit(edit), `${name} deleted`);
      await until('the document to be closed', () => languageOf() === undefined, 60_000);
      const inspected = nextInspection();
      const doc = await open(name, content);
      await inspected;
      return doc;
    };

    await open(name, content);
    await until('JSON Lines mode', () => languageOf() === 'jsonl');
    let doc = await reopen();
    await until('JSON Lines mode after reopening', () => languageOf() === 'jsonl');

    // The user switches the file back to JSON (Change Language Mode): the extension leaves it so.
    let inspected = nextInspection();
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await inspected;
    await settle();
    assert.equal(languageOf(), 'json', 'a switch back by hand is kept');
    doc = await reopen();
    await settle();
    assert.equal(languageOf(), 'json', 'the choice survives a reopen');

    // Switching it to JSON Lines by hand undoes the choice: reopened, it is switched again.
    inspected = nextInspection();
    await vscode.languages.setTextDocumentLanguage(doc, 'jsonl');
    await inspected;
    await reopen();
    await until('JSON Lines mode once the choice is undone', () => languageOf() === 'jsonl');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(uri.fsPath, { force: true });
  });

  it('an ordinary JSON file gets no diagnostics, outline or lenses from the extension', async () => {
    const doc = await open('plain.json', '{\n  "name": "not-a-capture",\n  "version": "1.0.0",\n  "state": "draft"\n}\n');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(ours(doc.uri), []);
    assert.equal((await api()).captures.get(doc.uri), undefined);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.ok(lenses.every((lens) => !lens.command?.title.includes('leg of flow')));
  });

  it('a faulty capture: the unknown state is a warning on the token, fixed by the quick fix, and refreshed as the user types', async () => {
    const sample = fs.readFileSync(file('direct-call.jsonl').fsPath, 'utf8');
    const doc = await open('faulty.jsonl', sample.replace('"state":"ringing"', '"state":"ringin"'));
    const warning = await until('the unknown state', () => ours(doc.uri).find((d) => codeOf(d) === 'schema.state.unknown'));
    const at = positionOf(doc.getText(), '"ringin"');
    assert.deepEqual([warning.range.start.line, warning.range.start.character, warning.range.end.character], [at.line, at.character, at.character + '"ringin"'.length]);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, warning.range);
    const fix = actions.find((a) => a.title === 'Change state to "ringing"');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    await vscode.workspace.applyEdit(fix.edit);
    await until('the warning to go', () => !ours(doc.uri).some((d) => codeOf(d) === 'schema.state.unknown'));
    // Typing a new mistake brings a diagnostic back without saving.
    const editor = vscode.window.activeTextEditor!;
    const hangup = positionOf(doc.getText(), '"hangup"');
    await editor.edit((edit) => edit.replace(new vscode.Range(hangup, hangup.translate(0, 8)), '"hangupp"'));
    await until('the new warning', () => ours(doc.uri).some((d) => codeOf(d) === 'schema.state.unknown' && d.range.start.line === hangup.line));
  });

  it('a file of 12,000 problems: the Problems view gets the first 10,000 and one that counts the rest', async () => {
    // 6,000 empty objects, each without call_id and state. The first line makes it a capture at a glance.
    const sample = fs.readFileSync(file('direct-call.jsonl').fsPath, 'utf8').split('\n')[0]!;
    const doc = await open('many-problems.jsonl', `${sample}\n${'{}\n'.repeat(6_000)}`);
    const listed = await until('the diagnostics', () => {
      const all = ours(doc.uri);
      return all.length > 0 && all;
    });
    assert.equal(listed.length, 10_001);
    const last = listed[listed.length - 1]!;
    assert.equal(codeOf(last), 'input.too-many-problems');
    assert.equal(last.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(last.range.start.line, 5_001, 'at the first problem not listed (line 5,002: the sample line, then 5,000 listed objects)');
    assert.match(last.message, /^2,000 more problems from here on are counted but not listed \(2,000 errors\)/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('hovers: a key explains the field, a timestamp shows its date, a call id its role', async () => {
    const doc = await open('call-center.jsonl');
    const { captures } = await api();
    await until('inspection', () => captures.get(doc.uri));
    const text = doc.getText();
    const keyHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(text, '"date_rang"').translate(0, 2));
    assert.match(hoverText(keyHover), /date_rang/);
    assert.match(hoverText(keyHover), /milliseconds/i);
    const started = /"date_started":(\d+)/.exec(text)!;
    const valueHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(text, started[1]!).translate(0, 3));
    assert.ok(hoverText(valueHover).includes(new Date(Number(started[1])).toISOString().slice(0, 19)), hoverText(valueHover));
    const operator = /"entry_point_call_id":(\d+)/.exec(text)!;
    const idHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(text, `"entry_point_call_id":${operator[1]}`).translate(0, 25));
    assert.match(hoverText(idHover), /entry point/i);
  });

  it('the outline shows the flow, its legs with their roles, and every event', async () => {
    const doc = await open('monitored-barge.jsonl');
    const { captures } = await api();
    await until('inspection', () => captures.get(doc.uri));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const flow = symbols.find((s) => s.name.startsWith('flow '));
    assert.ok(flow, symbols.map((s) => s.name).join(', '));
    const legs = flow.children.map((c) => c.name.split(' ').slice(0, -1).join(' '));
    assert.deepEqual([...legs].sort(), ['entry point', 'monitor (barge)', 'monitor (takeover)', 'operator']);
    const lines = doc.getText().trim().split('\n').length;
    assert.equal(flow.children.reduce((n, leg) => n + leg.children.length, 0), lines);
  });

  it('go to definition on an entry_point_call_id jumps to that leg\'s first event; references list all its events', async () => {
    const doc = await open('call-center.jsonl');
    const lines = doc.getText().split('\n');
    const reference = /"entry_point_call_id":(\d+)/.exec(doc.getText())!;
    const callId = reference[1]!;
    const eventsOfCall = lines.map((line, i) => [line, i] as const).filter(([line]) => line.includes(`"call_id":${callId}`));
    const first = eventsOfCall.reduce((a, b) => (Number(/"event_timestamp":(\d+)/.exec(a[0])![1]) <= Number(/"event_timestamp":(\d+)/.exec(b[0])![1]) ? a : b));
    const at = positionOf(doc.getText(), `"entry_point_call_id":${callId}`).translate(0, '"entry_point_call_id":'.length + 2);
    const { captures } = await api();
    await until('inspection', () => captures.get(doc.uri));
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
    const target = definitions[0]!;
    const range = 'range' in target ? target.range : target.targetRange;
    assert.equal(range.start.line, first[1]);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
    assert.deepEqual(references.map((r) => r.range.start.line).sort((a, b) => a - b), eventsOfCall.map(([, i]) => i));
  });

  it('JWT lines: unverified without a secret, verified with the right one, refused with a wrong one; clearing the secret undoes it', async () => {
    const { secret } = await api();
    const claims = JSON.parse(fs.readFileSync(file('direct-call.jsonl').fsPath, 'utf8').split('\n')[0]!);
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('integration-secret'));
    await secret.clear();
    const doc = await open('tokens.jwt', `${token}\n`);
    await until('unverified', () => ours(doc.uri).some((d) => codeOf(d) === 'jwt.unverified'));
    await secret.set('integration-secret');
    await until('verified', () => ours(doc.uri).length === 0);
    await secret.set('wrong-secret');
    const bad = await until('bad signature', () => ours(doc.uri).find((d) => codeOf(d) === 'jwt.bad-signature'));
    assert.equal(bad.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(secret.holdsKey, true, 'the key imported to check the token is kept while the secret is set');
    await vscode.commands.executeCommand('callEvents.clearWebhookSecret');
    assert.equal(secret.holdsKey, false, 'clearing the secret drops its imported key');
    await until('unverified again', () => ours(doc.uri).some((d) => codeOf(d) === 'jwt.unverified'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 5, 0, 5));
    assert.ok(actions.some((a) => a.title === 'Open the decoded JWT event'));
  });

  it('CodeLens on each leg\'s first event names its role and flow', async () => {
    const doc = await open('call-center.jsonl');
    const { captures } = await api();
    await until('inspection', () => captures.get(doc.uri));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const titles = lenses.map((lens) => lens.command?.title ?? '').filter((title) => title.includes('leg of flow'));
    const entry = /"call_id":(\d+)/.exec(doc.getText().split('\n')[0]!)![1];
    assert.equal(titles.length, 2, titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith(`entry point leg of flow ${entry}`)), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith(`operator leg of flow ${entry}`)), titles.join(' | '));
    // The flow's answer (ANSWERS.md) on its first event: José Núñez connected 19.941 s after the call started.
    const answer = lenses.find((lens) => lens.command?.title.startsWith('answered by'));
    assert.equal(answer?.command?.title, 'answered by José Núñez · waited 20 s');
    assert.equal(answer!.range.start.line, 0);
  });

  it('a capture can be inspected from disk without opening it (the path for files over 50 MB)', async () => {
    const sample = fs.readFileSync(file('transfer.jsonl').fsPath, 'utf8');
    const name = 'on-disk.jsonl';
    fs.writeFileSync(path.join(workspace(), name), sample.replace('"state":"hold"', '"state":"holdd"'));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file(name).fsPath));
    await vscode.commands.executeCommand('callEvents.inspectFileOnDisk', file(name));
    const warning = await until('the problem', () => ours(file(name)).find((d) => codeOf(d) === 'schema.state.unknown'));
    const at = positionOf(fs.readFileSync(file(name).fsPath, 'utf8'), '"holdd"');
    assert.deepEqual([warning.range.start.line, warning.range.start.character], [at.line, at.character]);
  });
});
