import * as vscode from 'vscode';

/** Activates the extension: for now the log channel every later feature writes to. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Call Events', { log: true });
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('callEvents.showOutput', () => log.show()));
  log.info(`Call Events Inspector ${String(context.extension.packageJSON.version)} activated`);
}

/** Nothing to release beyond the subscriptions VS Code disposes. */
export function deactivate(): void {}
