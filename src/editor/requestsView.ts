import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { describeRequestBody, forwardOfRecord, requestDetailText, requestListItem, type ListenedRequest } from '../core/listenerRequest';
import type { RequestOutcome } from '../listener/captureServer';
import { findCaptureRecord } from '../listener/replay';
import { DisposableBase, Emitter } from '../shared/lifecycle';
import { forTerminal } from '../shared/untrustedText';
import type { CaptureDocuments } from './captureDocuments';
import type { ListenerController } from './listenerController';
import { REPLAY_COMMAND, type ReplayCommandResult } from './replayEvent';
import type { WebhookSecret } from './secrets';
import { besideColumn } from '../panel/panelColumn';

/** The scheme of the read-only documents that show one request. */
export const REQUEST_SCHEME = 'call-events-request';
/** The command a list entry runs: opens its detail. */
export const SHOW_REQUEST_COMMAND = 'callEvents.showListenerRequest';

/** The newest requests kept in the list (older ones stay in the capture file). */
const MAX_REQUESTS = 500;

/** A request of the list, with the capture file its record went to. */
export interface RequestEntry extends ListenedRequest {
  capture: vscode.Uri;
}

/**
 * The "Listener Requests" view: every request the listener received in this session, newest first,
 * live (time, path, verdict, status, size, the event's call id and state), and for each a read-only
 * document (`call-events-request:`) with its headers, body, verdict and the handler's answer, and
 * Replay as an inline action.
 */
export class RequestsView extends DisposableBase implements vscode.TreeDataProvider<RequestEntry>, vscode.TextDocumentContentProvider {
  private readonly _onDidChangeTreeData = this._register(new Emitter<RequestEntry | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidChange = this._register(new Emitter<vscode.Uri>());
  /** Fires when an open detail document has new content (its forward answer came in). */
  readonly onDidChange = this._onDidChange.event;
  readonly view: vscode.TreeView<RequestEntry>;
  private readonly entries: RequestEntry[] = [];
  private nextId = 1;

  constructor(listener: ListenerController, private readonly secret: WebhookSecret, private readonly captures: CaptureDocuments, private readonly log: vscode.LogOutputChannel) {
    super();
    this.view = this._register(vscode.window.createTreeView('callEvents.requests', { treeDataProvider: this }));
    this._register(vscode.workspace.registerTextDocumentContentProvider(REQUEST_SCHEME, this));
    this._register(listener.onDidRecordRequest(({ outcome, capture }) => void this.add(outcome, capture)));
    this._register(listener.onDidForward((forward) => {
      // The newest request with this seq: a restarted listener numbers from 1 again.
      const entry = this.entries.find((e) => e.seq === forward.seq);
      const result = forwardOfRecord(forward as unknown as Record<string, unknown>);
      if (entry && result) this.changed(entry, { forward: result });
    }));
  }

  /** The requests, newest first (for scripts and tests). */
  get requests(): readonly RequestEntry[] {
    return this.entries;
  }

  /** The URI of a request's detail document. */
  static uriOf(entry: Pick<RequestEntry, 'id'>): vscode.Uri {
    return vscode.Uri.from({ scheme: REQUEST_SCHEME, path: `/request-${entry.id}.txt` });
  }

  private async add(outcome: RequestOutcome, capture: vscode.Uri): Promise<void> {
    const { body, findings: _findings, headers, reason, seq, ...rest } = outcome;
    const entry: RequestEntry = {
      ...rest, id: this.nextId++, capture,
      ...(reason ? { reason } : {}), ...(seq !== undefined ? { seq } : {}), ...(headers ? { headers } : {}),
    };
    this.entries.unshift(entry);
    if (this.entries.length > MAX_REQUESTS) this.entries.length = MAX_REQUESTS;
    this._onDidChangeTreeData.fire(undefined);
    if (!body || body.length === 0) return;
    try {
      // Only what the list shows is kept: the detail reads the body (a JWT's claims) again from the capture.
      const event = await describeRequestBody(body.toString('utf8'), await this.secret.get());
      if (event) {
        const { claimsText: _claims, ...brief } = event;
        this.changed(entry, { event: brief });
      }
    } catch (error) {
      this.log.warn(`Listener Requests: could not read request ${entry.id}: ${forTerminal(error instanceof Error ? error.message : String(error))}`);
    }
  }

  private changed(entry: RequestEntry, update: Partial<ListenedRequest>): void {
    Object.assign(entry, update);
    this._onDidChangeTreeData.fire(entry);
    this._onDidChange.fire(RequestsView.uriOf(entry));
  }

  getChildren(entry?: RequestEntry): RequestEntry[] {
    return entry ? [] : this.entries;
  }

  getTreeItem(entry: RequestEntry): vscode.TreeItem {
    const { label, description, tooltip } = requestListItem(entry);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = String(entry.id);
    item.description = description;
    // A string tooltip is plain text, never Markdown.
    item.tooltip = tooltip;
    const ok = entry.status !== null && entry.status < 300;
    item.iconPath = new vscode.ThemeIcon(ok ? 'pass' : entry.status === null ? 'circle-slash' : 'warning', new vscode.ThemeColor(ok ? 'testing.iconPassed' : 'problemsWarningIcon.foreground'));
    item.command = { title: 'Show Request', command: SHOW_REQUEST_COMMAND, arguments: [entry.id] };
    item.contextValue = entry.stored && entry.seq !== undefined ? 'listenerRequest.recorded' : 'listenerRequest';
    return item;
  }

  /** Opens the detail of a request (by its id, or a list entry) beside the editor. */
  async show(target: unknown): Promise<vscode.TextEditor | undefined> {
    const entry = this.entryOf(target);
    if (!entry) throw new Error('Show Request needs a request of the Listener Requests view.');
    const doc = await vscode.workspace.openTextDocument(RequestsView.uriOf(entry));
    return vscode.window.showTextDocument(doc, { viewColumn: besideColumn(vscode.window.activeTextEditor?.viewColumn), preview: true, preserveFocus: true });
  }

  /** The text of a detail document: the entry, with its body and headers read back from its capture record. */
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = Number(/^\/request-(\d+)\.txt$/.exec(uri.path)?.[1]);
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return 'This request is no longer in the Listener Requests view (it keeps the newest 500 of this session).\n';
    const record = await this.recordOf(entry);
    const event = typeof record?.body === 'string' ? await describeRequestBody(record.body, await this.secret.get()) : undefined;
    return requestDetailText(event ? { ...entry, event } : entry, record);
  }

  /** Sends a recorded request again to the forward-to handler (the Replay Event command, on its event in the capture). */
  async replay(target: unknown): Promise<void> {
    const entry = this.entryOf(target);
    if (!entry || entry.seq === undefined) throw new Error('Only a request recorded in the capture can be replayed.');
    const doc = await vscode.workspace.openTextDocument(entry.capture);
    const state = await this.captures.current(doc);
    const event = state?.inspection.events.find((e) => e.record?.seq === entry.seq && e.record?.received_at === entry.receivedAt);
    if (!event) throw new Error(`request ${entry.seq} has no event in ${vscode.workspace.asRelativePath(entry.capture)} (its body is not an event, or the capture has not reloaded yet).`);
    const result = await vscode.commands.executeCommand<ReplayCommandResult | undefined>(REPLAY_COMMAND, entry.capture, event.index);
    if (!result) return;
    const forward = forwardOfRecord({ forwarded_at: new Date().toISOString(), status: result.status, latency_ms: result.latencyMs, response_start: null, error: result.error, replay: result.mode });
    if (forward) this.changed(entry, { forward });
  }

  private entryOf(target: unknown): RequestEntry | undefined {
    const id = typeof target === 'number' ? target : (target as { id?: unknown } | undefined)?.id;
    return this.entries.find((e) => e.id === id);
  }

  private async recordOf(entry: RequestEntry): Promise<Record<string, unknown> | undefined> {
    if (!entry.stored || entry.capture.scheme !== 'file') return undefined;
    try {
      return findCaptureRecord(await fs.promises.readFile(entry.capture.fsPath, 'utf8'), entry.seq, entry.receivedAt);
    } catch (error) {
      this.log.warn(`Listener Requests: cannot read ${entry.capture.fsPath}: ${forTerminal(error instanceof Error ? error.message : String(error))}`);
      return undefined;
    }
  }
}
