import * as vscode from 'vscode';
import { DETECTION_PREFIX, looksLikeCapture } from '../core/detect';
import { reinspect } from '../core/incremental';
import { inspectDocument, type Inspection } from '../core/inspect';
import { DisposableBase, Emitter } from '../shared/lifecycle';
import type { WebhookSecret } from './secrets';
import { readSettings } from './settings';
import { COMPARE_SCHEME } from './readOnlyDocuments';
import { REQUEST_SCHEME } from './requestsView';

/**
 * Documents never inspected: the editor's own, and our views of one event (a request's detail in the
 * Listener Requests view, the normalised sides of a comparison), which hold an event's JSON but are not captures.
 */
const NOT_CAPTURES = new Set(['output', 'vscode-settings', 'git', REQUEST_SCHEME, COMPARE_SCHEME]);

/** A capture document and its inspection, consistent with each other (same text). */
export interface CaptureState {
  uri: vscode.Uri;
  version: number;
  text: string;
  inspection: Inspection;
}

/**
 * Knows which open documents are captures and keeps each one's inspection current: a debounced,
 * incremental re-inspection after edits; a full one when the secret changes. Everything the editor
 * shows (diagnostics, hovers, outline, tree) reads from here.
 */
export class CaptureDocuments extends DisposableBase {
  private readonly states = new Map<string, CaptureState>();
  /** Files the user asked to treat as captures (Inspect This File), whatever their content. */
  private readonly forced = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Lowest offset edited since the last inspection, per document. */
  private readonly editStarts = new Map<string, number>();
  private readonly running = new Map<string, Promise<CaptureState | undefined>>();

  private readonly _onDidUpdate = this._register(new Emitter<CaptureState>());
  readonly onDidUpdate = this._onDidUpdate.event;
  private readonly _onDidRemove = this._register(new Emitter<vscode.Uri>());
  readonly onDidRemove = this._onDidRemove.event;

  constructor(private readonly secret: WebhookSecret, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((doc) => this.consider(doc)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)));
    // A change of language mode closes the file and opens it again: the open inspects it anew.
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => this.remove(doc.uri)));
    this._register(secret.onDidChange(() => this.reinspectAll()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('callEvents.detection')) for (const doc of vscode.workspace.textDocuments) this.consider(doc);
    }));
    this._register({ dispose: () => { for (const timer of this.timers.values()) clearTimeout(timer); } });
    for (const doc of vscode.workspace.textDocuments) this.consider(doc);
  }

  /** All captures currently known. */
  all(): CaptureState[] {
    return [...this.states.values()];
  }

  /** The latest inspection of a document, if it is a capture. */
  get(uri: vscode.Uri): CaptureState | undefined {
    return this.states.get(uri.toString());
  }

  /** The inspection matching the document's current text, waiting for a pending refresh if needed. */
  async current(doc: vscode.TextDocument): Promise<CaptureState | undefined> {
    const key = doc.uri.toString();
    const state = this.states.get(key);
    if (!state) return this.running.get(key) ?? undefined;
    if (state.version === doc.version) return state;
    return this.refreshNow(doc);
  }

  /** True when the document is treated as a capture. */
  isCapture(doc: vscode.TextDocument): boolean {
    return this.states.has(doc.uri.toString()) || this.running.has(doc.uri.toString());
  }

  /** Treats a document as a capture whatever its content (the Inspect This File command). */
  async force(doc: vscode.TextDocument): Promise<CaptureState | undefined> {
    this.forced.add(doc.uri.toString());
    return this.refreshNow(doc, true);
  }

  private shouldInspect(doc: vscode.TextDocument): boolean {
    if (NOT_CAPTURES.has(doc.uri.scheme)) return false;
    if (this.forced.has(doc.uri.toString())) return true;
    if (!readSettings().detection) return false;
    const end = doc.positionAt(DETECTION_PREFIX);
    return looksLikeCapture(doc.getText(new vscode.Range(new vscode.Position(0, 0), end)));
  }

  private consider(doc: vscode.TextDocument): void {
    if (this.shouldInspect(doc)) void this.refreshNow(doc, true);
    else if (this.states.has(doc.uri.toString())) this.remove(doc.uri);
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    if (!this.states.has(key) && !this.running.has(key)) {
      // A file may become a capture as the user pastes into it: look again once typing pauses.
      this.schedule(e.document, () => this.consider(e.document));
      return;
    }
    const start = Math.min(...e.contentChanges.map((c) => c.rangeOffset));
    this.editStarts.set(key, Math.min(start, this.editStarts.get(key) ?? Infinity));
    this.schedule(e.document, () => void this.refreshNow(e.document));
  }

  private schedule(doc: vscode.TextDocument, run: () => void): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run();
    }, readSettings().debounceMs));
  }

  /** Inspects the document now (after any inspection already running), incrementally when it can. */
  private refreshNow(doc: vscode.TextDocument, full = false): Promise<CaptureState | undefined> {
    const key = doc.uri.toString();
    const previousRun = this.running.get(key) ?? Promise.resolve(undefined);
    const run = previousRun.then(() => this.inspect(doc, full)).catch((error: unknown) => {
      this.log.error(`Inspecting ${doc.uri.toString(true)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    });
    this.running.set(key, run);
    void run.finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    return run;
  }

  private async inspect(doc: vscode.TextDocument, full: boolean): Promise<CaptureState | undefined> {
    if (doc.isClosed) return undefined;
    const key = doc.uri.toString();
    const previous = this.states.get(key);
    if (previous && previous.version === doc.version && !full) return previous;
    const text = doc.getText();
    const version = doc.version;
    const options = await this.secret.inspectOptions();
    const editStart = this.editStarts.get(key);
    this.editStarts.delete(key);
    const started = Date.now();
    const inspection = previous && !full
      ? await reinspect(previous.inspection, previous.text, text, options, editStart !== undefined ? { start: editStart } : undefined)
      : await inspectDocument(text, options);
    if (doc.isClosed) return undefined;
    const state: CaptureState = { uri: doc.uri, version, text, inspection };
    this.states.set(key, state);
    this.log.debug(`${previous && !full ? 'Re-inspected' : 'Inspected'} ${doc.uri.toString(true)}: ${inspection.events.length} events, ${inspection.problems.length} problems in ${Date.now() - started} ms`);
    this._onDidUpdate.fire(state);
    return state;
  }

  private reinspectAll(): void {
    for (const state of this.states.values()) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.uri.toString());
      if (doc) void this.refreshNow(doc, true);
    }
  }

  private remove(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.editStarts.delete(key);
    if (this.states.delete(key)) this._onDidRemove.fire(uri);
  }
}
