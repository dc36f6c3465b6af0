import * as vscode from 'vscode';
import { Disposable } from './disposable';

const KEY = 'callEvents.webhookSecret';

/** The webhook's HS256 secret, kept in VS Code's SecretStorage only: never in settings, never logged. */
export class WebhookSecret extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly storage: vscode.SecretStorage) {
    super();
    this._register(storage.onDidChange((e) => {
      if (e.key === KEY) this._onDidChange.fire();
    }));
  }

  /** The secret, or undefined when none is set (or the workspace is not trusted). */
  async get(): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    return (await this.storage.get(KEY)) || undefined;
  }

  async set(secret: string): Promise<void> {
    await this.storage.store(KEY, secret);
  }

  async clear(): Promise<void> {
    await this.storage.delete(KEY);
  }
}
