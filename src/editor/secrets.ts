import * as vscode from 'vscode';
import type { InspectOptions } from '../core/inspect';
import { HmacKeyCache } from '../core/jwt';
import { DisposableBase, Emitter } from '../shared/lifecycle';

const KEY = 'callEvents.webhookSecret';

/** The webhook's HS256 secret, kept in VS Code's SecretStorage only: never in settings, never logged. */
export class WebhookSecret extends DisposableBase {
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  /** The imported key of the secret (which holds its bytes): replaced whenever the secret changes or is cleared. */
  private keys = new HmacKeyCache();

  constructor(private readonly storage: vscode.SecretStorage) {
    super();
    this._register(storage.onDidChange((e) => {
      if (e.key !== KEY) return;
      // Set, replaced or deleted (here or in another window): the cached key is of no use any more.
      this.forgetKey();
      this._onDidChange.fire();
    }));
  }

  /** The secret, or undefined when none is set (or the workspace is not trusted). */
  async get(): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    return (await this.storage.get(KEY)) || undefined;
  }

  /** What an inspection needs to verify JWTs: the secret and its key cache (nothing without a secret). */
  async inspectOptions(): Promise<InspectOptions> {
    const secret = await this.get();
    return secret ? { secret, keys: this.keys } : {};
  }

  /** True while an imported key of the secret is kept (what Clear Webhook Secret must drop). */
  get holdsKey(): boolean {
    return this.keys.holdsSecret;
  }

  async set(secret: string): Promise<void> {
    this.forgetKey();
    await this.storage.store(KEY, secret);
  }

  /** Deletes the secret and drops every copy this extension keeps of it. */
  async clear(): Promise<void> {
    await this.storage.delete(KEY);
    this.forgetKey();
  }

  private forgetKey(): void {
    // Emptied for readings still holding this cache; replaced so that none of them can refill the one used next.
    this.keys.clear();
    this.keys = new HmacKeyCache();
  }
}
