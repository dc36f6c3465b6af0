import * as path from 'node:path';
import * as vscode from 'vscode';
import { forTerminal } from '../shared/untrustedText';
import { CaptureServer, DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, ListenerStartError, type RequestOutcome } from '../listener/captureServer';
import type { ForwardOutcome } from '../listener/forwarder';
import { DisposableBase, Emitter } from '../shared/lifecycle';
import type { WebhookSecret } from './secrets';
import { besideColumn } from '../panel/panelColumn';

/** The listener's settings, read when it starts. */
export interface ListenerSettings {
  host: string;
  port: number;
  path: string | undefined;
  captureFolder: string;
  forwardTo: string | undefined;
}

/** Reads the listener settings; the capture folder defaults to `captures/` in the first workspace folder. */
export function readListenerSettings(globalStorage: vscode.Uri): ListenerSettings {
  const config = vscode.workspace.getConfiguration('callEvents.listener');
  const folder = vscode.workspace.workspaceFolders?.[0];
  const configured = config.get<string>('captureFolder', '').trim();
  const base = folder ? folder.uri.fsPath : globalStorage.fsPath;
  const captureFolder = configured === '' ? path.join(base, 'captures') : path.isAbsolute(configured) ? configured : path.join(base, configured);
  const webhookPath = config.get<string>('path', '/webhook').trim();
  const forwardTo = config.get<string>('forwardTo', '').trim();
  return {
    host: config.get<string>('host', DEFAULT_HOST).trim() || DEFAULT_HOST,
    port: config.get<number>('port', DEFAULT_PORT),
    path: webhookPath === '' || webhookPath === '*' ? undefined : webhookPath,
    captureFolder,
    forwardTo: forwardTo === '' ? undefined : forwardTo,
  };
}

/** Today's capture file: one per day, appended to across restarts. */
export function captureFileFor(folder: string, now = new Date()): string {
  return path.join(folder, `calls-${now.toISOString().slice(0, 10)}.jsonl`);
}

/**
 * Runs the capture listener from the command palette: a status bar item with its state, URL and
 * count, the capture file open beside the user's work (it grows live, and the captures model
 * re-inspects it as VS Code reloads it), and a log line per request.
 */
export class ListenerController extends DisposableBase {
  private server: CaptureServer | undefined;
  private captureFile: vscode.Uri | undefined;
  /** The webhook path the running listener accepts (undefined: any). */
  private webhookPath: string | undefined;
  private readonly status = this._register(vscode.window.createStatusBarItem('callEvents.listener', vscode.StatusBarAlignment.Left, 50));
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidRecordRequest = this._register(new Emitter<{ outcome: RequestOutcome; capture: vscode.Uri }>());
  /** Each request the listener answered, with the capture file it went to (the inspector lists them). */
  readonly onDidRecordRequest = this._onDidRecordRequest.event;
  private readonly _onDidForward = this._register(new Emitter<ForwardOutcome>());
  /** The user's handler's answer to each forwarded request. */
  readonly onDidForward = this._onDidForward.event;

  constructor(private readonly secret: WebhookSecret, private readonly log: vscode.LogOutputChannel, private readonly globalStorage: vscode.Uri) {
    super();
    this.status.name = 'Call Events Listener';
    this.status.command = 'callEvents.listenerMenu';
    this._register(secret.onDidChange(async () => this.server?.setSecret(await secret.get())));
    this._register({ dispose: () => void this.server?.stop() });
  }

  get url(): string | undefined {
    return this.server?.url;
  }

  /** The capture folder of the settings now: where other records of the extension (simulated runs) go too. */
  captureFolder(): string {
    return readListenerSettings(this.globalStorage).captureFolder;
  }

  get capture(): vscode.Uri | undefined {
    return this.captureFile;
  }

  /**
   * The URL webhooks are to be sent to, shown in the status bar and used by Send Sample Flow: the running
   * listener's URL with its path (`http://127.0.0.1:7433/webhook`), or its bare URL when it accepts any path.
   */
  get webhookUrl(): string | undefined {
    const url = this.server?.isListening ? this.server.url : undefined;
    return url && this.webhookPath ? new URL(this.webhookPath, url).toString() : url;
  }

  /** Copies the webhook URL to the clipboard (Copy Listener URL). */
  async copyUrl(): Promise<void> {
    const url = this.webhookUrl;
    if (!url) {
      void vscode.window.showInformationMessage('Call Events: the listener is not running.');
      return;
    }
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showInformationMessage(`Call Events: copied ${url}`);
  }

  async start(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Call Events: the capture listener runs a local server, which Restricted Mode does not allow. Trust this workspace to start it.');
      return;
    }
    if (this.server?.isListening) {
      void vscode.window.showInformationMessage(`Call Events: the listener is already running at ${this.server.url}.`);
      return;
    }
    const settings = readListenerSettings(this.globalStorage);
    if (!isLoopbackHost(settings.host)) {
      const choice = await vscode.window.showWarningMessage(
        `The listener is set to bind ${settings.host}, which other machines can reach. Anyone who can reach it can write into your capture. Start anyway?`,
        { modal: true }, 'Start');
      if (choice !== 'Start') return;
    }
    const file = captureFileFor(settings.captureFolder);
    const secret = await this.secret.get();
    const server = new CaptureServer({
      captureFile: file,
      host: settings.host,
      port: settings.port,
      ...(settings.path ? { path: settings.path } : {}),
      ...(secret ? { secret } : {}),
      ...(settings.forwardTo ? { forwardTo: settings.forwardTo } : {}),
    });
    const capture = vscode.Uri.file(file);
    server.onDidRecordRequest((outcome) => {
      this.recorded(outcome);
      this._onDidRecordRequest.fire({ outcome, capture });
    });
    server.onDidForward((forward) => this._onDidForward.fire(forward));
    server.onDidFail((failure) => this.log.error(`Listener: ${forTerminal(failure.message)}`));
    try {
      const { url } = await server.start();
      this.server = server;
      this.captureFile = capture;
      this.webhookPath = settings.path;
      this.log.info(`Listener started at ${url} (path ${settings.path ?? 'any'}), capturing to ${file}${secret ? ', verifying HS256 signatures' : ''}`);
      this.update();
      const doc = await vscode.workspace.openTextDocument(this.captureFile);
      await vscode.window.showTextDocument(doc, { viewColumn: besideColumn(vscode.window.activeTextEditor?.viewColumn), preserveFocus: true, preview: false });
    } catch (error) {
      server.dispose();
      const message = error instanceof ListenerStartError ? error.message : error instanceof Error ? error.message : String(error);
      this.log.error(`Listener did not start: ${message}`);
      const hint = error instanceof ListenerStartError && error.code === 'EADDRINUSE' ? ' Stop the other program or change the "callEvents.listener.port" setting.' : '';
      void vscode.window.showErrorMessage(`Call Events: ${message}.${hint}`);
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) {
      void vscode.window.showInformationMessage('Call Events: the listener is not running.');
      return;
    }
    this.server = undefined;
    await server.stop();
    server.dispose();
    this.log.info(`Listener stopped after ${server.storedCount} requests`);
    this.update();
  }

  async menu(): Promise<void> {
    const items = this.server?.isListening
      ? ['Copy URL', 'Open Capture', 'Show Call Graph', 'Stop Listener']
      : ['Start Listener'];
    const picked = await vscode.window.showQuickPick(items, { title: this.webhookUrl ? `Listening at ${this.webhookUrl}` : 'Capture listener' });
    switch (picked) {
      case 'Copy URL':
        await this.copyUrl();
        break;
      case 'Open Capture':
        if (this.captureFile) await vscode.window.showTextDocument(this.captureFile, { viewColumn: besideColumn(vscode.window.activeTextEditor?.viewColumn) });
        break;
      case 'Show Call Graph':
        await vscode.commands.executeCommand('callEvents.showCallGraph', this.captureFile);
        break;
      case 'Stop Listener':
        await this.stop();
        break;
      case 'Start Listener':
        await this.start();
        break;
    }
  }

  private recorded(outcome: RequestOutcome): void {
    const findings = outcome.findings ? ` (${outcome.findings.errors} errors, ${outcome.findings.warnings} warnings)` : '';
    // The method, path and reason come from the sender: escaped, so a request cannot disguise or split log lines.
    const line = forTerminal(`${outcome.receivedAt} ${outcome.method} ${outcome.path} ${outcome.size} B ${outcome.verdict} → ${outcome.status ?? 'no answer'}${outcome.reason ? `: ${outcome.reason}` : ''}${findings}`);
    if (outcome.status !== null && outcome.status < 300) this.log.info(line);
    else this.log.warn(line);
    this.update();
  }

  private update(): void {
    const server = this.server;
    if (server?.isListening) {
      const url = this.webhookUrl ?? '';
      this.status.text = `$(radio-tower) ${url} · ${server.storedCount}`;
      // Our own text (the settings' host, port and path), written as text; the one command link is allowed by name.
      const tooltip = new vscode.MarkdownString(undefined, true);
      tooltip.isTrusted = { enabledCommands: ['callEvents.copyListenerUrl'] };
      tooltip.appendText(`Call Events listener at ${url}\n${server.storedCount} requests captured. Click for actions.\n\n`);
      tooltip.appendMarkdown('[$(copy) Copy URL](command:callEvents.copyListenerUrl)');
      this.status.tooltip = tooltip;
      this.status.show();
    } else {
      this.status.hide();
    }
    void vscode.commands.executeCommand('setContext', 'callEvents.listening', !!server?.isListening);
    this._onDidChange.fire();
  }
}
