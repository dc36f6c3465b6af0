// The one lifecycle base (src/shared/lifecycle.ts) of the editor, the panel and the listener.
import * as assert from 'node:assert/strict';
import { DisposableBase, Emitter, type Disposable } from '../../src/shared/lifecycle';

class Owner extends DisposableBase {
  own<D extends Disposable>(item: D): D {
    return this._register(item);
  }
}

describe('lifecycle', () => {
  it('disposes what an owner registered, last first, once; what comes after disposal is disposed at once', () => {
    const order: string[] = [];
    const owner = new Owner();
    owner.own({ dispose: () => order.push('first') });
    owner.own({ dispose: () => order.push('second') });
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, ['second', 'first']);
    owner.own({ dispose: () => order.push('late') });
    assert.deepEqual(order, ['second', 'first', 'late']);
  });

  it('an emitter calls each listener, goes on past a throwing one, and stops calling an unsubscribed one', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event(() => { throw new Error('a subscriber\'s bug'); });
    const subscription = emitter.event((n) => seen.push(n));
    emitter.fire(1);
    subscription.dispose();
    emitter.fire(2);
    assert.deepEqual(seen, [1]);
  });

  it('takes vscode.Event\'s thisArgs and disposables, and subscribes nothing once disposed', () => {
    const emitter = new Emitter<string>();
    const target = { seen: [] as string[] };
    const disposables: Disposable[] = [];
    emitter.event(function (this: typeof target, value: string) { this.seen.push(value); }, target, disposables);
    emitter.fire('a');
    assert.deepEqual(target.seen, ['a']);
    assert.equal(disposables.length, 1);
    disposables[0]!.dispose();
    emitter.fire('b');
    assert.deepEqual(target.seen, ['a']);
    emitter.dispose();
    const after: string[] = [];
    emitter.event((value) => after.push(value));
    emitter.fire('c');
    assert.deepEqual(after, []);
  });
});
