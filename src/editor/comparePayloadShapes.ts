import * as vscode from 'vscode';
import { shapeOfCaptures } from '../node/captureShapes';
import { diffLines, diffShapes, hasDifferences, type PayloadShape } from '../core/payloadShape';
import { forTerminal } from '../shared/untrustedText';
import type { Prompts } from './prompts';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import type { WebhookSecret } from './secrets';

export const COMPARE_SHAPES_COMMAND = 'callEvents.comparePayloadShapes';

/** What Compare Payload Shapes needs. */
export interface ShapesContext {
  secret: WebhookSecret;
  prompts: Prompts;
  documents: ReadOnlyDocuments;
}

/**
 * Compare Payload Shapes…: two captures (files or folders) compared as `call-events diff` compares them,
 * the result in a read-only document (plain text, payload-derived names escaped as for a terminal).
 */
export async function comparePayloadShapes(ctx: ShapesContext, old?: vscode.Uri, now?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const ask = async (which: string) => (await ctx.prompts.openDialog({
    canSelectFiles: true, canSelectFolders: true, canSelectMany: false,
    openLabel: `Compare: ${which}`, title: `Compare payload shapes: the ${which} capture (a file or a folder of captures)`,
  }))?.[0];
  const a = old ?? await ask('old');
  if (!a) return undefined;
  const b = now ?? await ask('new');
  if (!b) return undefined;
  const secret = await ctx.secret.get();
  const shapes: PayloadShape[] = [];
  for (const uri of [a, b]) {
    if (uri.scheme !== 'file') throw new Error(`${uri.toString(true)} is not a file on disk`);
    const shape = await shapeOfCaptures(uri.fsPath, secret);
    if ('error' in shape) throw new Error(shape.error);
    shapes.push(shape);
  }
  const diff = diffShapes(shapes[0]!, shapes[1]!);
  const name = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri);
  const text = [
    `# Payload shapes of call events: fields (dotted paths), their JSON types, and states (as call-events diff)`,
    `# old: ${forTerminal(name(a))}`,
    `# new: ${forTerminal(name(b))}`,
    `# ${hasDifferences(diff) ? 'differences found' : 'no differences'}${secret ? '; events whose JWT fails verification left out' : ''}`,
    '',
    ...diffLines(diff).map((line) => forTerminal(line)),
    '',
  ].join('\n');
  const uri = ctx.documents.add(`payload shapes ${name(a)} to ${name(b)}`, 'diff', text);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  return uri;
}
