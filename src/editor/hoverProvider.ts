import * as vscode from 'vscode';
import { hoverAt, type HoverContent } from '../core/hover';
import type { CaptureDocuments } from './captureDocuments';

/**
 * Renders the core's hover data as Markdown that is never trusted: payload text goes in through
 * appendText / appendCodeblock (escaped), no HTML, no command links; a call-id link is a plain
 * file link to a line of this very document, built from our own data.
 */
export function renderHover(content: HoverContent, lineOfEvent: (event: number) => number | undefined, uri: vscode.Uri): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**');
  md.appendText(content.title);
  md.appendMarkdown('**\n\n');
  for (const line of content.lines) {
    if (line.kind === 'code') {
      // A fence longer than any backtick run in the (untrusted) text keeps it inside the block.
      const text = line.text ?? '';
      const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
      md.appendMarkdown(`${fence}json\n${text}\n${fence}\n\n`);
      continue;
    }
    if (line.kind === 'kv') {
      md.appendMarkdown('*');
      md.appendText(line.key ?? '');
      md.appendMarkdown('*: ');
      md.appendText(line.value ?? '');
    } else {
      md.appendText(line.text ?? '');
    }
    const target = line.link ? lineOfEvent(line.link.event) : undefined;
    if (target !== undefined) md.appendMarkdown(` — [go to line ${target + 1}](${uri.with({ fragment: `L${target + 1}` }).toString()})`);
    md.appendMarkdown('\n\n');
  }
  return md;
}

/** Hovers on keys, values and JWTs of capture files. */
export class CaptureHoverProvider implements vscode.HoverProvider {
  constructor(private readonly captures: CaptureDocuments) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = await this.captures.current(doc);
    if (!state) return undefined;
    const offset = state.inspection.lines.offsetAt(position);
    const content = hoverAt(state.text, state.inspection, offset);
    if (!content) return undefined;
    const { lines, events } = state.inspection;
    const lineOfEvent = (event: number) => (events[event] ? lines.positionAt(events[event]!.start).line : undefined);
    const start = lines.positionAt(content.range.start), end = lines.positionAt(content.range.end);
    return new vscode.Hover(renderHover(content, lineOfEvent, doc.uri), new vscode.Range(start.line, start.character, end.line, end.character));
  }
}
