import * as vscode from 'vscode';
import { forwardVerdict, verdictLine } from '../core/deliveryVerdict';
import { eventAt } from '../core/eventAt';
import { formatLatency, forwardResultOf, plainText, replayLabel, type ForwardResult } from '../core/forwardResult';
import { hoverAt, type HoverContent } from '../core/hover';
import type { CaptureDocuments } from './captureDocuments';

/**
 * Renders the core's hover data as Markdown that is never trusted: payload text goes in through
 * appendText / appendCodeblock (escaped), no HTML, no command links; a call-id link is a plain
 * file link to a line of this very document, built from our own data.
 */
export function renderHover(content: HoverContent, lineOfEvent: (event: number) => number | undefined, uri: vscode.Uri): vscode.MarkdownString {
  const md = untrustedMarkdown();
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

/**
 * Adds the handler's answer to a forwarded (or replayed) request. Its URL, error and answer come
 * from the capture file and the user's handler: plain text only (appendText escapes them).
 */
function appendForward(md: vscode.MarkdownString, forward: ForwardResult): vscode.MarkdownString {
  md.appendMarkdown('**');
  md.appendText(forward.replay ? `Replayed ${replayLabel(forward.replay)}` : 'Forwarded');
  md.appendMarkdown('**: ');
  md.appendText(forward.status !== null
    ? `${forward.status}${forward.latencyMs !== null ? ` in ${formatLatency(forward.latencyMs)}` : ''}`
    : `failed (${plainText(forward.error ?? 'no answer')})`);
  if (forward.url) md.appendText(` · ${plainText(forward.url)}`);
  if (forward.forwardedAt) md.appendText(` · ${plainText(forward.forwardedAt, 40)}`);
  if (forward.responseStart) {
    md.appendMarkdown('\n\n*');
    md.appendText('Handler answered');
    md.appendMarkdown('*: ');
    md.appendText(plainText(forward.responseStart));
  }
  const verdict = forwardVerdict(forward);
  if (verdict !== undefined) {
    md.appendMarkdown('\n\n');
    md.appendText(verdictLine(verdict));
  }
  md.appendMarkdown('\n\n');
  return md;
}

function untrustedMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** Hovers on keys, values and JWTs of capture files; anywhere on a listener capture line, the forward result. */
export class CaptureHoverProvider implements vscode.HoverProvider {
  constructor(private readonly captures: CaptureDocuments) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = await this.captures.current(doc);
    if (!state) return undefined;
    const offset = state.inspection.lines.offsetAt(position);
    const content = hoverAt(state.text, state.inspection, offset);
    const forward = forwardResultOf(eventAt(state.inspection.events, offset));
    if (!content && !forward) return undefined;
    const { lines, events } = state.inspection;
    const lineOfEvent = (event: number) => (events[event] ? lines.positionAt(events[event]!.start).line : undefined);
    const covered = content?.range ?? eventAt(events, offset)!;
    const start = lines.positionAt(covered.start), end = lines.positionAt(covered.end);
    const md = content ? renderHover(content, lineOfEvent, doc.uri) : untrustedMarkdown();
    if (forward) appendForward(md, forward);
    return new vscode.Hover(md, new vscode.Range(start.line, start.character, end.line, end.character));
  }
}
