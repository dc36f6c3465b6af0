import * as vscode from 'vscode';
import { eventJson } from '../core/eventSource';
import { forTerminal } from '../shared/untrustedText';
import { forwardVerdict, verdictLine } from '../core/deliveryVerdict';
import { formatLatency, forwardResultOf, forwardTitle, plainText, replayLabel } from '../core/forwardResult';
import type { InspectedEvent, Inspection } from '../core/inspect';
import { capturedBody, findCaptureRecord, replay, ReplayInputError, type ReplayBody, type ReplayMode, type ReplayResult } from '../listener/replay';
import type { CaptureDocuments, CaptureState } from './captureDocuments';
import type { WebhookSecret } from './secrets';

/** The command: `callEvents.replayEvent(uri, eventIndex, mode?)`, or a Flows tree event node from its context menu. */
export const REPLAY_COMMAND = 'callEvents.replayEvent';

const FORWARD_TO = 'callEvents.listener.forwardTo';

/** What replaying needs from the extension. */
export interface ReplayContext {
  captures: CaptureDocuments;
  secret: WebhookSecret;
  log: vscode.LogOutputChannel;
}

/** What the command returns (for scripts and tests): the handler's answer and whether it was recorded. */
export interface ReplayCommandResult {
  mode: ReplayMode;
  signed: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
  recorded: boolean;
}

/**
 * Sends one event of a capture again to the forward-to target (`callEvents.listener.forwardTo`),
 * as captured or as edited, reports the handler's answer, and appends it to the capture file as a
 * forward record of that request when the document is a listener capture on disk.
 *
 * Arguments: the document's URI and the event's index, from a CodeLens; or the Flows tree's event
 * node, from its context menu. The optional third argument `mode` ('as-captured' | 'as-edited')
 * skips the question: it is meant for scripts and tests.
 */
export async function replayEventCommand(ctx: ReplayContext, target: unknown, index?: unknown, mode?: unknown): Promise<ReplayCommandResult | undefined> {
  const where = resolveTarget(target, index);
  if (!where) throw new Error('Replay Event needs a capture and the index of one of its events.');
  if (mode !== undefined && mode !== 'as-captured' && mode !== 'as-edited') throw new Error(`mode must be "as-captured" or "as-edited", not ${JSON.stringify(mode)}.`);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Call Events: replaying sends requests and uses the webhook secret, which Restricted Mode does not allow. Trust this workspace to replay events.');
    return undefined;
  }
  const forwardTo = vscode.workspace.getConfiguration('callEvents.listener').get<string>('forwardTo', '').trim();
  if (!(await checkForwardTo(forwardTo))) return undefined;

  const doc = await vscode.workspace.openTextDocument(where.uri);
  const state = await ctx.captures.current(doc);
  const event = state?.inspection.events[where.index];
  if (!state || !event) throw new Error(`${vscode.workspace.asRelativePath(where.uri)} has no event ${where.index + 1} (has it changed?).`);

  const sources = await sourcesOf(doc, state, event);
  const secret = await ctx.secret.get();
  const chosen = (mode as ReplayMode | undefined) ?? (await askMode(sources, secret !== undefined, where.index, forwardTo));
  if (!chosen) return undefined;

  const label = `event ${where.index + 1}${sources.of ? ` (seq ${sources.of.seq})` : ''}`;
  let result: ReplayResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Call Events: replaying ${label} ${replayLabel(chosen)}…` },
      () => replay({
        mode: chosen, target: forwardTo,
        ...(sources.captured ? { captured: sources.captured } : {}),
        ...(sources.editedJson !== undefined ? { editedJson: sources.editedJson } : {}),
        ...(secret ? { secret } : {}),
        ...(sources.of ? { of: sources.of } : {}),
        ...(sources.of && doc.uri.scheme === 'file' ? { captureFile: doc.uri.fsPath } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ReplayInputError)) throw error;
    ctx.log.warn(forTerminal(`Replay of ${label} ${replayLabel(chosen)} not sent: ${error.message}`));
    void vscode.window.showWarningMessage(`Call Events: ${label} not replayed: ${error.message}.`);
    return undefined;
  }
  report(ctx, result, label, doc);
  const { delivery } = result;
  return { mode: chosen, signed: result.request.signed, status: delivery.status, latencyMs: delivery.latency_ms, error: delivery.error, recorded: result.recorded };
}

/** Where to replay from: (uri, index) or a Flows tree event node. */
function resolveTarget(target: unknown, index: unknown): { uri: vscode.Uri; index: number } | undefined {
  if (target instanceof vscode.Uri) return Number.isInteger(index) && (index as number) >= 0 ? { uri: target, index: index as number } : undefined;
  const node = target as { kind?: unknown; state?: { uri?: unknown }; event?: { event?: unknown } } | undefined;
  if (node?.kind === 'event' && node.state?.uri instanceof vscode.Uri && Number.isInteger(node.event?.event)) return { uri: node.state.uri, index: node.event!.event as number };
  return undefined;
}

/** True when the forward-to setting holds an http(s) URL; otherwise says so and offers to open the setting. */
async function checkForwardTo(forwardTo: string): Promise<boolean> {
  let problem: string | undefined;
  if (forwardTo === '') {
    problem = `Call Events: replayed events go to your handler. Set "${FORWARD_TO}" to its URL first.`;
  } else {
    let protocol = '';
    try {
      protocol = new URL(forwardTo).protocol;
    } catch {
      // Reported below.
    }
    if (protocol !== 'http:' && protocol !== 'https:') problem = `Call Events: "${FORWARD_TO}" must be an http:// or https:// URL.`;
  }
  if (!problem) return true;
  const open = await vscode.window.showWarningMessage(problem, 'Open Setting');
  if (open) await vscode.commands.executeCommand('workbench.action.openSettings', FORWARD_TO);
  return false;
}

/** What an event can be replayed from. */
interface ReplaySources {
  /** The request as captured: the record on disk (the document may hold unsaved edits), else the document's text. */
  captured: ReplayBody | undefined;
  /** The event's JSON as it is now in the editor (a JWT's claims). */
  editedJson: string | undefined;
  /** True when the document's event differs from the capture on disk. */
  edited: boolean;
  /** The request, when it is a listener capture record with a seq: its result is recorded. */
  of: { seq: number; receivedAt: string } | undefined;
}

async function sourcesOf(doc: vscode.TextDocument, state: CaptureState, event: InspectedEvent): Promise<ReplaySources> {
  const editedJson = eventJson(state.text, event, event.claimsText)?.json;
  const record = event.record;
  if (!record) {
    // Not a listener capture: the payload as it stands in the document is all there is.
    const text = payloadText(state.text, event);
    const captured = text === undefined ? undefined : { body: Buffer.from(text, 'utf8'), contentType: event.payload === 'jwt' ? 'application/jwt' : 'application/json' };
    return { captured, editedJson, edited: doc.isDirty, of: undefined };
  }
  const current = parseRecord(state.text.slice(event.start, event.end));
  const seq = typeof record.seq === 'number' ? record.seq : undefined;
  const receivedAt = typeof record.received_at === 'string' ? record.received_at : undefined;
  let original = current;
  if (doc.isDirty && doc.uri.scheme === 'file' && receivedAt !== undefined) {
    // Unsaved edits: what was captured is the record on disk.
    try {
      const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
      original = findCaptureRecord(disk, seq, receivedAt) ?? current;
    } catch {
      // The file is gone or unreadable: the document is the best there is.
    }
  }
  const captured = original ? capturedBody(original) : undefined;
  const edited = !!current && !!original && (current.body !== original.body || current.body_base64 !== original.body_base64);
  return { captured, editedJson, edited, of: seq !== undefined && receivedAt !== undefined ? { seq, receivedAt } : undefined };
}

function parseRecord(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** The payload's own text (a JSON object or a token), unescaped when it sits in a JSON string. */
function payloadText(document: string, event: InspectedEvent): string | undefined {
  const text = document.slice(event.textStart, event.textEnd);
  if (!event.escaped) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return undefined;
  }
}

/**
 * Asks how to replay. "As edited" is always offered when the event has readable JSON, edited or
 * not: re-signing an unchanged event with the configured secret is itself useful (a handler's
 * signature check, a test event captured unsigned), and once an edit is saved the file no longer
 * tells it from the capture. The description says whether the event differs from the capture.
 */
async function askMode(sources: ReplaySources, signed: boolean, index: number, forwardTo: string): Promise<ReplayMode | undefined> {
  type Item = vscode.QuickPickItem & { mode: ReplayMode };
  const items: Item[] = [];
  if (sources.captured) {
    const { body, contentType } = sources.captured;
    items.push({
      mode: 'as-captured', label: 'As captured',
      description: `${body.length} bytes · ${contentType ? plainText(contentType, 60) : 'no content type'}`,
      detail: 'The original body, byte for byte, with its original content type.',
    });
  }
  if (sources.editedJson !== undefined) {
    items.push({
      mode: 'as-edited', label: 'As edited',
      description: sources.edited ? 'differs from the capture' : 'same event as captured',
      detail: signed
        ? 'The event JSON as it is now in the editor, signed as a fresh HS256 JWT with your webhook secret (application/jwt).'
        : 'The event JSON as it is now in the editor, as application/json (no webhook secret is set, so it is not signed).',
    });
  }
  if (items.length === 0) throw new Error(`event ${index + 1} has no body or JSON that could be sent again.`);
  if (sources.edited) items.reverse();
  const picked = await vscode.window.showQuickPick(items, { title: `Replay event ${index + 1} to ${displayUrl(forwardTo)}`, placeHolder: 'Send the event again…' });
  return picked?.mode;
}

/** The origin and path of a URL (never its credentials or query). */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** Tells the user (a notification) and the log what the handler answered and whether it was recorded. */
function report(ctx: ReplayContext, result: ReplayResult, label: string, doc: vscode.TextDocument): void {
  const { delivery, request } = result;
  const how = `${replayLabel(request.mode)}${request.signed ? ', re-signed' : ''}`;
  const answer = delivery.status !== null
    ? `${delivery.status} in ${formatLatency(delivery.latency_ms ?? 0)}`
    : `no answer (${plainText(delivery.error ?? 'unknown error', 120)})`;
  const recorded = result.recorded
    ? `recorded in ${vscode.workspace.asRelativePath(doc.uri)}${doc.isDirty ? ' (shown once the document is saved or reverted: it has unsaved edits)' : ''}`
    : result.recordError ? `not recorded: ${result.recordError}`
      : 'not recorded (not a listener capture file on disk)';
  // The handler's error and the URL are not ours: escaped for the log (the notification has `plainText`).
  const logged = delivery.status !== null ? answer : `no answer (${forTerminal(delivery.error ?? 'unknown error', 120)})`;
  const line = forTerminal(`Replay of ${label} ${how} → ${delivery.url}: ${logged}; ${recorded}`);
  const ok = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
  if (ok && !result.recordError) ctx.log.info(line);
  else ctx.log.warn(line);
  const message = `Call Events: ${label} replayed ${how}: ${answer}.${result.recordError ? ` It could not be recorded: ${result.recordError}` : ''}`;
  if (ok && !result.recordError) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
}

/** A lens of `replayLenses`: its command is filled in only when VS Code shows it (a capture may have thousands). */
export class ReplayLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly uri: vscode.Uri, readonly event: Pick<InspectedEvent, 'index' | 'record'>, readonly kind: 'forward' | 'verdict' | 'replay') {
    super(range);
  }
}

/**
 * CodeLenses on each event of a listener capture: the handler's answer when the request was
 * forwarded or replayed ("Forwarded: 200 · 12 ms"), and "Replay". Resolve them with `resolveReplayLens`.
 */
export function replayLenses(uri: vscode.Uri, inspection: Inspection): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  for (const event of inspection.events) {
    if (!event.record) continue;
    const at = inspection.lines.positionAt(event.start);
    const range = new vscode.Range(at.line, at.character, at.line, at.character);
    const forward = forwardResultOf(event);
    if (forward) lenses.push(new ReplayLens(range, uri, event, 'forward'));
    if (forward && forwardVerdict(forward) !== undefined) lenses.push(new ReplayLens(range, uri, event, 'verdict'));
    lenses.push(new ReplayLens(range, uri, event, 'replay'));
  }
  return lenses;
}

/** Fills in the title and command of a lens from `replayLenses`. */
export function resolveReplayLens(lens: ReplayLens): ReplayLens {
  const forward = lens.kind !== 'replay' ? forwardResultOf(lens.event) : undefined;
  const verdict = lens.kind === 'verdict' && forward ? forwardVerdict(forward) : undefined;
  if (verdict !== undefined) {
    lens.command = { title: verdictLine(verdict), tooltip: 'What Dialpad\'s webhook delivery policy makes of this answer: only a 2xx within 5 s counts, a 5xx is retried, a 4xx never', command: '' };
  } else if (forward) {
    const answer = forward.responseStart ? `; it answered: ${plainText(forward.responseStart)}` : '';
    const url = forward.url ? ` to ${plainText(forward.url, 120)}` : '';
    lens.command = {
      title: forwardTitle(forward),
      // Plain text only: a tooltip string is never rendered as Markdown.
      tooltip: `${forward.replay ? `Replayed ${replayLabel(forward.replay)}` : 'Forwarded'}${url}${forward.forwardedAt ? ` at ${plainText(forward.forwardedAt, 40)}` : ''}${answer}`,
      command: '',
    };
  } else {
    lens.command = {
      title: 'Replay',
      tooltip: 'Send this event again to your handler (callEvents.listener.forwardTo), as captured or as edited',
      command: REPLAY_COMMAND,
      arguments: [lens.uri, lens.event.index],
    };
  }
  return lens;
}
