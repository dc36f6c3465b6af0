// The one lifecycle base of the project, shaped like VS Code's (`onX(listener)` returns something with
// `dispose()`, `_register()` ties a resource to its owner) but free of the `vscode` module, so the
// listener and the CLI use it as the editor and the panel do. The editor's classes may register
// vscode.Disposables too: anything with `dispose()` is accepted.

/** Anything that holds a resource and releases it on `dispose()`. */
export interface Disposable {
  dispose(): void;
}

/**
 * Subscribes a listener; the returned disposable unsubscribes it. `thisArgs` and `disposables` are
 * those of vscode.Event, so an Event can be handed to any VS Code API that asks for one.
 */
export type Event<T> = (listener: (event: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

/** A typed event source: `fire` calls every listener, a throwing listener never stops the others. */
export class Emitter<T> implements Disposable {
  private listeners: ((event: T) => unknown)[] = [];
  private disposed = false;

  /** The public side: give this to subscribers, keep `fire` private. */
  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    if (this.disposed) return { dispose: () => undefined };
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    this.listeners.push(bound);
    const subscription = { dispose: () => { this.listeners = this.listeners.filter((l) => l !== bound); } };
    disposables?.push(subscription);
    return subscription;
  };

  /** Calls every listener with the event. */
  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A subscriber's bug must not break the owner that fires the event (a server mid-request, say).
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}

/**
 * Base class for owners of resources: everything `_register`ed is disposed with it, last first; what
 * is registered after disposal is disposed at once. Public events follow
 * `private readonly _onX = this._register(new Emitter<T>()); readonly onX = this._onX.event`.
 */
export abstract class DisposableBase implements Disposable {
  private readonly owned: Disposable[] = [];
  private isDisposed = false;

  protected _register<D extends Disposable>(item: D): D {
    if (this.isDisposed) item.dispose();
    else this.owned.push(item);
    return item;
  }

  protected get disposed(): boolean {
    return this.isDisposed;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    for (const item of this.owned.splice(0).reverse()) item.dispose();
  }
}
