// A tiny typed event emitter and disposable base, shaped like VS Code's (`onX(listener)` returns
// something with `dispose()`), so the editor can push listeners straight into context.subscriptions
// while this folder stays free of the `vscode` module.

/** Anything that holds a resource and releases it on `dispose()`. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; the returned disposable unsubscribes it. */
export type Event<T> = (listener: (event: T) => void) => Disposable;

/** A typed event source: `fire` calls every listener, a throwing listener never stops the others. */
export class Emitter<T> implements Disposable {
  private listeners: ((event: T) => void)[] = [];
  private disposed = false;

  /** The public side: give this to subscribers, keep `fire` private. */
  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };

  /** Calls every listener with the event. */
  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A subscriber's bug must not break the server that fires the event.
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}

/** Base class for owners of resources: everything `_register`ed is disposed with it, last first. */
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
