import * as assert from 'node:assert/strict';
import { choiceAfterChange, KeptLanguages, LanguageChanges, shouldUseJsonLines, type KeyValueStore } from '../../src/editor/languageChoice';

/** A workspace state in memory, as VS Code's Memento behaves: a value read back at once after update. */
function memoryStore(): KeyValueStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: (key: string, value: unknown) => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('showing multi-value captures as JSON Lines', () => {
  it('switches a capture of several values that VS Code shows as JSON, unless its user chose otherwise', () => {
    for (const format of ['json-stream', 'json-lines', 'jwt-lines', 'capture', 'mixed'] as const) assert.equal(shouldUseJsonLines(format, 'json', false), true, format);
    assert.equal(shouldUseJsonLines('json-stream', 'json', true), false);
    // One value (or an array) is valid JSON; another mode than JSON is not ours to change.
    for (const format of ['json-object', 'json-array', 'empty'] as const) assert.equal(shouldUseJsonLines(format, 'json', false), false, format);
    for (const language of ['jsonl', 'plaintext', 'jsonc']) assert.equal(shouldUseJsonLines('json-stream', language, false), false, language);
  });

  it('leaving JSON Lines is remembered as the user\'s choice; coming back to it forgets the choice', () => {
    assert.equal(choiceAfterChange({ from: 'jsonl', to: 'json' }), 'remember');
    assert.equal(choiceAfterChange({ from: 'jsonl', to: 'plaintext' }), 'remember');
    assert.equal(choiceAfterChange({ from: 'json', to: 'jsonl' }), 'forget');
    assert.equal(choiceAfterChange({ from: 'json', to: 'plaintext' }), undefined);
  });

  describe('telling a change of language from a close and reopen', () => {
    it('a close followed in the same turn by an open of the same document is a change of language', () => {
      const changes = new LanguageChanges();
      const doc = {};
      changes.seen('file:///a.json', 'jsonl');
      changes.closed('file:///a.json', doc);
      assert.deepEqual(changes.opened('file:///a.json', doc, 'json'), { from: 'jsonl', to: 'json' });
    });

    it('a file closed, then opened again in a later turn, is no change: VS Code chose JSON, not the user', async () => {
      const changes = new LanguageChanges();
      const first = {};
      assert.equal(changes.opened('file:///a.json', first, 'json'), undefined);
      changes.closed('file:///a.json', first);
      assert.deepEqual(changes.opened('file:///a.json', first, 'jsonl'), { from: 'json', to: 'jsonl' });
      changes.closed('file:///a.json', first);
      await turn();
      assert.equal(changes.opened('file:///a.json', {}, 'json'), undefined);
    });

    it('a new document of the same file in the same turn is a reopen, not a change', () => {
      const changes = new LanguageChanges();
      changes.seen('file:///a.json', 'jsonl');
      changes.closed('file:///a.json', {});
      assert.equal(changes.opened('file:///a.json', {}, 'json'), undefined);
    });

    it('other files do not interfere', () => {
      const changes = new LanguageChanges();
      const a = {}, b = {};
      changes.seen('file:///a.json', 'jsonl');
      changes.seen('file:///b.json', 'json');
      changes.closed('file:///a.json', a);
      assert.equal(changes.opened('file:///b.json', b, 'json'), undefined);
      assert.deepEqual(changes.opened('file:///a.json', a, 'json'), { from: 'jsonl', to: 'json' });
    });
  });

  describe('the user\'s choice, per file, in the workspace state', () => {
    it('is remembered and forgotten per file, and read back by a new instance (as after a restart)', async () => {
      const store = memoryStore();
      const kept = new KeptLanguages(store);
      await kept.remember('file:///a.json');
      await kept.remember('file:///b.json');
      assert.equal(new KeptLanguages(store).has('file:///a.json'), true);
      await kept.forget('file:///a.json');
      assert.equal(new KeptLanguages(store).has('file:///a.json'), false);
      assert.equal(new KeptLanguages(store).has('file:///b.json'), true);
    });

    it('ignores a stored value of another shape, and keeps at most 500 files, the latest', async () => {
      const store = memoryStore();
      store.values.set('callEvents.keptLanguage', { 'file:///a.json': true });
      const kept = new KeptLanguages(store);
      assert.equal(kept.has('file:///a.json'), false);
      for (let i = 0; i < 501; i++) await kept.remember(`file:///${i}.json`);
      assert.equal(kept.has('file:///0.json'), false);
      assert.equal(kept.has('file:///1.json'), true);
      assert.equal(kept.has('file:///500.json'), true);
      assert.equal((store.values.get('callEvents.keptLanguage') as string[]).length, 500);
    });
  });
});
