import * as vscode from 'vscode';
import { DisposableBase } from '../shared/lifecycle';
import { forLabel } from '../shared/untrustedText';

/** The scheme of the compare views' documents: read-only, their text held in memory. */
export const COMPARE_SCHEME = 'call-events-compare';

// Texts kept for documents not yet closed; the oldest go first past this many.
const MAX_KEPT = 64;

/**
 * Read-only virtual documents for the compare views (two events, two payload shapes): each text is
 * fixed when the comparison is made, so the diff shows what was compared, and is dropped when its
 * document closes.
 */
export class ReadOnlyDocuments extends DisposableBase implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this));
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === COMPARE_SCHEME) this.texts.delete(doc.uri.toString());
    }));
  }

  /** A new document holding `text`, named after `label` (payload text allowed: made inert); the extension picks the language. */
  add(label: string, extension: 'jsonc' | 'diff', text: string): vscode.Uri {
    const name = (forLabel(label, 100) ?? 'document').replace(/[/\\?#%]/g, '_');
    // A number per document: two comparisons of the same events are two documents.
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${this.next++}/${name}.${extension}` });
    this.texts.set(uri.toString(), text);
    while (this.texts.size > MAX_KEPT) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This comparison is no longer held: run the compare command again.\n';
  }
}
