// The decisions behind showing multi-value captures as JSON Lines, kept free of the `vscode` API so
// that they are tested in plain Node; src/editor/languageMode.ts wires them to the editor.
import type { CaptureFormat } from '../core/reader';

/** Capture shapes that hold several JSON values, which VS Code's JSON mode reports as "End of file expected". */
const SEVERAL_VALUES: ReadonlySet<CaptureFormat> = new Set<CaptureFormat>(['json-stream', 'json-lines', 'jwt-lines', 'capture', 'mixed']);

/** A document's language moved from one mode to another while it stayed open. */
export interface LanguageChange {
  from: string;
  to: string;
}

/**
 * True when a capture should be switched to JSON Lines now: it holds several JSON values, VS Code
 * shows it as JSON, and the user has not put this file back into another mode by hand. Reopening a
 * file is not such a choice: VS Code picks JSON again from the file name.
 */
export function shouldUseJsonLines(format: CaptureFormat, languageId: string, userChoseOtherMode: boolean): boolean {
  return SEVERAL_VALUES.has(format) && languageId === 'json' && !userChoseOtherMode;
}

/**
 * What a language change says about the user's wish for a file: leaving JSON Lines is the user's
 * doing (this extension only ever switches to it), so it is remembered; coming back to JSON Lines
 * forgets it. Anything else says nothing.
 */
export function choiceAfterChange(change: LanguageChange): 'remember' | 'forget' | undefined {
  if (change.from === 'jsonl' && change.to !== 'jsonl') return 'remember';
  if (change.to === 'jsonl' && change.from !== 'jsonl') return 'forget';
  return undefined;
}

/**
 * Tells a language change from a real close and reopen. VS Code reports a change of language as a
 * close followed, synchronously, by an open of the same document object; a file closed and opened
 * again arrives in separate turns, as a new object.
 */
export class LanguageChanges {
  private readonly known = new Map<string, string>();
  private readonly closing = new Map<string, object>();

  /** A document that is open with this language (an open that is not part of a change, or one found at start). */
  seen(key: string, languageId: string): void {
    this.known.set(key, languageId);
  }

  /** VS Code closed a document, for good or because its language is changing. */
  closed(key: string, doc: object): void {
    this.closing.set(key, doc);
    // No open of the same document in this turn: it was really closed.
    queueMicrotask(() => {
      if (this.closing.get(key) !== doc) return;
      this.closing.delete(key);
      this.known.delete(key);
    });
  }

  /** VS Code opened a document: returns the change of language when the open completes one. */
  opened(key: string, doc: object, languageId: string): LanguageChange | undefined {
    const changing = this.closing.get(key) === doc;
    this.closing.delete(key);
    const from = this.known.get(key);
    this.known.set(key, languageId);
    return changing && from !== undefined && from !== languageId ? { from, to: languageId } : undefined;
  }
}

/** The part of VS Code's Memento this needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const KEPT_KEY = 'callEvents.keptLanguage';
/** A bound on what the workspace state keeps: the most recent choices win. */
const MAX_KEPT = 500;

/** The files whose user took them out of JSON Lines by hand, kept in the workspace state. */
export class KeptLanguages {
  constructor(private readonly store: KeyValueStore) {}

  has(key: string): boolean {
    return this.list().includes(key);
  }

  async remember(key: string): Promise<void> {
    await this.store.update(KEPT_KEY, [...this.list().filter((k) => k !== key), key].slice(-MAX_KEPT));
  }

  async forget(key: string): Promise<void> {
    if (this.has(key)) await this.store.update(KEPT_KEY, this.list().filter((k) => k !== key));
  }

  private list(): string[] {
    const value = this.store.get<unknown>(KEPT_KEY);
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  }
}
