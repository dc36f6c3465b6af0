import * as vscode from 'vscode';
import { CaptureDocuments } from './editor/captureDocuments';
import { CaptureCodeActions } from './editor/codeActions';
import { LegCodeLensProvider } from './editor/codeLens';
import { registerCommands } from './editor/commands';
import { CaptureDiagnostics } from './editor/diagnostics';
import { FlowsTree } from './editor/flowsTree';
import { CaptureHoverProvider } from './editor/hoverProvider';
import { useJsonLinesForStreams } from './editor/languageMode';
import { inspectFromDisk, watchLargeFiles } from './editor/largeFiles';
import { ListenerController } from './editor/listenerController';
import { RequestsView } from './editor/requestsView';
import { CallIdDefinitionProvider, CallIdReferenceProvider } from './editor/navigation';
import { Prompter } from './editor/prompts';
import { ReadOnlyDocuments } from './editor/readOnlyDocuments';
import { WebhookSecret } from './editor/secrets';
import { CaptureSymbolProvider } from './editor/symbols';
import { CallGraphPanel } from './panel/callGraphPanel';
import { writeReport } from './panel/writeReport';

/** The documents the language features apply to: any file; the providers answer only for captures. */
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];

/** What the extension exports to other extensions and to its integration tests. */
export interface CallEventsApi {
  captures: CaptureDocuments;
  secret: WebhookSecret;
  listener: ListenerController;
  /** The share and compare commands' dialogs: tests answer them through `answerWith`. */
  prompts: Prompter;
  requests: RequestsView;
  /** Its lenses in the order the editor shows those of one line (`vscode.executeCodeLensProvider` lists resolved ones last). */
  codeLens: LegCodeLensProvider;
}

/** Wires the core to the editor; every disposable goes to the extension's subscriptions. */
export function activate(context: vscode.ExtensionContext): CallEventsApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Call Events', { log: true });
  const subscriptions = context.subscriptions;
  subscriptions.push(log);
  const rulesUri = vscode.Uri.joinPath(context.extensionUri, 'RULES.md');

  const secret = new WebhookSecret(context.secrets);
  const captures = new CaptureDocuments(secret, log);
  const diagnostics = new CaptureDiagnostics(captures, rulesUri);
  const tree = new FlowsTree(captures, context.workspaceState);
  const codeLens = new LegCodeLensProvider(captures);
  const listener = new ListenerController(secret, log, context.globalStorageUri);
  const prompts = new Prompter();
  const documents = new ReadOnlyDocuments();
  const requests = new RequestsView(listener, secret, captures, log);
  subscriptions.push(secret, captures, diagnostics, tree, codeLens, listener, documents, requests);

  subscriptions.push(
    vscode.languages.registerHoverProvider(SELECTOR, new CaptureHoverProvider(captures)),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, new CaptureSymbolProvider(captures), { label: 'Call Events' }),
    vscode.languages.registerDefinitionProvider(SELECTOR, new CallIdDefinitionProvider(captures)),
    vscode.languages.registerReferenceProvider(SELECTOR, new CallIdReferenceProvider(captures)),
    vscode.languages.registerCodeLensProvider(SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new CaptureCodeActions(captures), { providedCodeActionKinds: CaptureCodeActions.kinds }),
    ...registerCommands({
      captures, secret, tree, diagnostics, rulesUri, log, listener, prompts, documents, requests,
      showCallGraph: (uri, callId) => CallGraphPanel.show({ captures, log, extensionUri: context.extensionUri }, uri, callId),
      writeReport: (uri) => writeReport({ captures, secret, prompts, extensionUri: context.extensionUri, version: String(context.extension.packageJSON.version) }, uri),
      pinCallGraph: (pinned) => CallGraphPanel.setPinned(pinned),
    }),
    vscode.window.registerWebviewPanelSerializer(CallGraphPanel.viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => CallGraphPanel.revive(panel, state, { captures, log, extensionUri: context.extensionUri }),
    }),
    watchLargeFiles((uri) => inspectFromDisk(uri, secret, diagnostics, rulesUri, log), log),
    useJsonLinesForStreams(captures, context.workspaceState, log),
  );
  log.info(`Call Events Inspector ${String(context.extension.packageJSON.version)} activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { captures, secret, listener, prompts, requests, codeLens };
}

/** Nothing to release beyond the subscriptions VS Code disposes. */
export function deactivate(): void {}
