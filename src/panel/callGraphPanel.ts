import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildViewModel } from '../core/buildViewModel';
import { eventAt } from '../core/eventAt';
import { newNonce } from '../core/nonce';
import { answerLinks } from '../shared/links';
import { forTerminalLines } from '../shared/untrustedText';
import { dispatchMessage, parseWebviewMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { readSavedState } from '../shared/webviewProtocol';
import type { CaptureDocuments, CaptureState } from '../editor/captureDocuments';
import { DisposableBase } from '../shared/lifecycle';
import { openCapture } from './openCapture';
import { panelColumn } from './panelColumn';
import { callGraphHtml } from './webviewHtml';

/** What the panel needs from the rest of the extension. */
export interface CallGraphDeps {
  captures: CaptureDocuments;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
}

/** How long the active editor must stay on a capture before the panel follows it (switching through tabs quickly draws nothing). */
const FOLLOW_MS = 250;
/** Context keys for the title bar's Pin and Unpin buttons and the palette. */
const OPEN_KEY = 'callEvents.callGraphOpen';
const PINNED_KEY = 'callEvents.callGraphPinned';

/**
 * The call graph and timeline of one capture, beside the editor: one live panel, following edits and
 * live captures, revealing events on click and highlighting the event under the cursor. It follows the
 * active editor to another capture unless pinned (other editors leave it as it is). Every message from
 * the webview is validated with zod before the host acts on it.
 */
export class CallGraphPanel extends DisposableBase {
  static readonly viewType = 'callEvents.callGraph';
  private static current: CallGraphPanel | undefined;

  private uri: vscode.Uri;
  private ready = false;
  private pendingFocus: { source: number; event: number } | null = null;
  /** The links of the answers last shown: the only URLs `openLink` opens. */
  private links = new Set<string>();
  private updateTimer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private pinned = false;
  /** The last text editor that was active (the webview's focus makes none active). */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  /** Opens (or moves) the panel onto a capture, focused on a call's flow when one is named. */
  static async show(deps: CallGraphDeps, uri: vscode.Uri | undefined, callId?: string): Promise<void> {
    const state = await openCapture(deps.captures, uri, 'show its call graph');
    if (!state) return;
    const target = state.uri;
    const leg = callId !== undefined ? state.inspection.graph.legs.get(callId) : undefined;
    const focus = leg ? { source: 0, event: leg.events[0]!.event } : null;
    if (CallGraphPanel.current) {
      CallGraphPanel.current.retarget(target, focus);
      // Where it already is (the user may have moved it).
      CallGraphPanel.current.panel.reveal(undefined, true);
      return;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
    const column = panelColumn(editor?.viewColumn) as vscode.ViewColumn;
    const panel = vscode.window.createWebviewPanel(CallGraphPanel.viewType, 'Call Graph', { viewColumn: column, preserveFocus: true }, CallGraphPanel.options(deps));
    CallGraphPanel.current = new CallGraphPanel(panel, deps, target, focus, false);
  }

  /** Pins the open panel to its capture, or lets it follow the active editor again (the Pin and Unpin commands). */
  static setPinned(pinned: boolean): void {
    CallGraphPanel.current?.pin(pinned);
  }

  /** Restores a panel VS Code kept across a restart (its webview saved which document it showed). */
  static async revive(panel: vscode.WebviewPanel, raw: unknown, deps: CallGraphDeps): Promise<void> {
    // Read as the webview reads it: the document it showed and whether it was pinned there.
    const state = readSavedState(raw);
    const saved = state?.document;
    let uri: vscode.Uri | undefined;
    try {
      uri = saved ? vscode.Uri.parse(saved, true) : undefined;
    } catch {
      uri = undefined;
    }
    if (!uri) {
      panel.dispose();
      return;
    }
    panel.webview.options = CallGraphPanel.options(deps);
    await vscode.workspace.openTextDocument(uri).then((doc) => deps.captures.current(doc), () => undefined);
    CallGraphPanel.current?.dispose();
    CallGraphPanel.current = new CallGraphPanel(panel, deps, uri, null, state?.pinned === true);
  }

  private static options(deps: CallGraphDeps): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist')] };
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: CallGraphDeps, uri: vscode.Uri, focus: { source: number; event: number } | null, pinned: boolean) {
    super();
    this.uri = uri;
    this.pendingFocus = focus;
    this.pinned = pinned;
    this._register({ dispose: () => {
      clearTimeout(this.updateTimer);
      clearTimeout(this.followTimer);
      void vscode.commands.executeCommand('setContext', OPEN_KEY, false);
      void vscode.commands.executeCommand('setContext', PINNED_KEY, false);
    } });
    void vscode.commands.executeCommand('setContext', OPEN_KEY, true);
    void vscode.commands.executeCommand('setContext', PINNED_KEY, pinned);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'call-events.svg');
    this.title();
    panel.webview.html = callGraphHtml(panel.webview, vscode.Uri.joinPath(deps.extensionUri, 'dist'), newNonce());
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(deps.captures.onDidUpdate((state) => {
      if (state.uri.toString() === this.uri.toString()) this.scheduleUpdate();
    }));
    this._register(vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e)));
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => this.activeEditorChanged(editor)));
  }

  override dispose(): void {
    if (CallGraphPanel.current === this) CallGraphPanel.current = undefined;
    this.panel.dispose();
    super.dispose();
  }

  private retarget(uri: vscode.Uri, focus: { source: number; event: number } | null): void {
    this.uri = uri;
    this.pendingFocus = focus;
    this.title();
    if (this.ready) void this.postUpdate();
  }

  private title(): void {
    this.panel.title = `Call Graph: ${path.basename(this.uri.path)}${this.pinned ? ' (pinned)' : ''}`;
  }

  private pin(pinned: boolean): void {
    this.pinned = pinned;
    clearTimeout(this.followTimer);
    this.title();
    void vscode.commands.executeCommand('setContext', PINNED_KEY, pinned);
    this.post({ type: 'pinned', pinned });
    // Unpinned, it shows the capture the user is in now, not only from the next switch on.
    if (!pinned && this.lastEditor && !this.lastEditor.document.isClosed) this.activeEditorChanged(this.lastEditor);
  }

  /** Another editor became active: once it stays there, show its capture (not when pinned; other files change nothing). */
  private activeEditorChanged(editor: vscode.TextEditor | undefined): void {
    clearTimeout(this.followTimer);
    // Focus in the panel itself leaves `editor` undefined: the last text editor is what "the active capture" means then.
    if (editor) this.lastEditor = editor;
    // The panel itself, the output or a diff's other side: nothing to follow.
    if (this.pinned || !editor || editor.document.uri.toString() === this.uri.toString()) return;
    const doc = editor.document;
    this.followTimer = setTimeout(() => void this.follow(doc), FOLLOW_MS);
  }

  private async follow(doc: vscode.TextDocument): Promise<void> {
    if (this.pinned || doc.isClosed || !this.deps.captures.isCapture(doc)) return;
    const state = await this.deps.captures.current(doc);
    // The user may have pinned or moved on while the capture was read.
    if (!state || this.pinned || (vscode.window.activeTextEditor ?? this.lastEditor)?.document !== doc) return;
    this.retarget(doc.uri, null);
  }

  private state(): CaptureState | undefined {
    return this.deps.captures.get(this.uri);
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private scheduleUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => void this.postUpdate(), 150);
  }

  private async postUpdate(): Promise<void> {
    const state = this.state();
    if (!state) return;
    const model = buildViewModel([{ name: vscode.workspace.asRelativePath(this.uri), text: state.text, inspection: state.inspection }]);
    this.links = answerLinks(model);
    this.post({ type: 'update', model, focus: this.pendingFocus, document: this.uri.toString() });
    this.pendingFocus = null;
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Call graph: ${parsed.error}`);
      return;
    }
    void Promise.resolve(dispatchMessage<WebviewMessage>({
      ready: () => {
        this.ready = true;
        this.post({ type: 'pinned', pinned: this.pinned });
        return this.postUpdate();
      },
      pin: (message) => this.pin(message.pinned),
      reveal: (message) => this.reveal(message.event),
      export: (message) => this.export(message.format, message.name, message.data),
      openLink: (message) => this.openLink(message.url),
      log: (message) => {
        const text = forTerminalLines(`Call graph webview: ${message.message}`);
        if (message.level === 'error') this.deps.log.error(text);
        else if (message.level === 'warning') this.deps.log.warn(text);
        else this.deps.log.info(text);
      },
    }, parsed.message)).catch((error: unknown) => this.deps.log.error(`Call graph: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Shows an event's line in the editor beside the panel. */
  private async reveal(index: number): Promise<void> {
    const state = this.state();
    const event = state?.inspection.events[index];
    if (!state || !event) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const start = doc.positionAt(event.start);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, doc.positionAt(event.end)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Opens a link of the answers: only one the model shown carries (the message is already validated), through the editor's opener. */
  private async openLink(url: string): Promise<void> {
    if (!this.links.has(url)) {
      this.deps.log.warn('Call graph: the webview asked to open a link that is not in the answers shown; ignored');
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private async export(format: 'svg' | 'png', name: string, data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(this.uri, '..');
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, name), filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] } });
    if (!target) return;
    try {
      const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
      await vscode.workspace.fs.writeFile(target, bytes);
      this.post({ type: 'exported', format, ok: true, message: target.fsPath });
    } catch (error) {
      this.post({ type: 'exported', format, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The editor's cursor moved: highlight the event under it in the panel. */
  private cursorMoved(e: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.ready || e.textEditor.document.uri.toString() !== this.uri.toString()) return;
    const state = this.state();
    if (!state || state.version !== e.textEditor.document.version) return;
    const event = eventAt(state.inspection.events, state.inspection.lines.offsetAt(e.selections[0]!.active));
    this.post({ type: 'highlight', target: event ? { source: 0, event: event.index } : null });
  }
}
