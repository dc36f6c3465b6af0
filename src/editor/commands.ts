import * as vscode from 'vscode';
import type { CaptureDocuments } from './captureDocuments';
import type { CaptureDiagnostics } from './diagnostics';
import { ROLE_NAMES } from '../core/roles';
import { eventSummary } from './describe';
import type { FlowFilter, FlowsTree } from './flowsTree';
import { inspectFromDisk } from './largeFiles';
import type { ListenerController } from './listenerController';
import { REPLAY_COMMAND, replayEventCommand } from './replayEvent';
import { NEW_SAMPLE_CAPTURE_COMMAND, newSampleCaptureCommand, SEND_SAMPLE_FLOW_COMMAND, sendSampleFlowCommand, type NewSampleCaptureArgs, type SendSampleFlowArgs } from './sampleFlows';
import type { WebhookSecret } from './secrets';
import { SHOW_REQUEST_COMMAND, type RequestsView } from './requestsView';
import { CALL_STATES } from '../core/states';
import { OUTCOMES } from '../core/answers';
import { MAX_PRETTY_JSON, prettyJson } from '../core/jsonText';
import { COMPARE_PREVIOUS_COMMAND, COMPARE_TWO_COMMAND, compareTwoEvents, compareWithPrevious } from './compareEvents';
import { COMPARE_SHAPES_COMMAND, comparePayloadShapes } from './comparePayloadShapes';
import type { Prompts } from './prompts';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import { SAVE_REDACTED_COMMAND, saveRedactedCopy } from './saveRedactedCopy';
import { besideColumn } from '../panel/panelColumn';

/** What the command handlers need. */
export interface CommandContext {
  captures: CaptureDocuments;
  secret: WebhookSecret;
  tree: FlowsTree;
  diagnostics: CaptureDiagnostics;
  rulesUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  listener: ListenerController;
  requests: RequestsView;
  showCallGraph: (uri?: vscode.Uri, callId?: string) => Promise<void>;
  writeReport: (uri?: vscode.Uri) => Promise<unknown>;
  /** Keeps the call graph on its capture (true) or lets it follow the active editor (false). */
  pinCallGraph: (pinned: boolean) => void;
  /** The dialogs of the share and compare commands (answered by the integration tests). */
  prompts: Prompts;
  /** The compare views' read-only documents. */
  documents: ReadOnlyDocuments;
}

/** Registers every command; each handler catches, logs and tells the user, never throws into VS Code. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const register = (id: string, handler: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.log.error(`${id} failed: ${error instanceof Error ? error.stack ?? message : message}`);
        void vscode.window.showErrorMessage(`Call Events: ${message}`);
        return undefined;
      }
    });
  return [
    register('callEvents.showOutput', () => ctx.log.show()),
    register('callEvents.inspectFile', () => inspectActiveFile(ctx)),
    register('callEvents.inspectFileOnDisk', (uri?: vscode.Uri) => inspectOnDisk(ctx, uri)),
    register('callEvents.setWebhookSecret', () => setSecret(ctx)),
    register('callEvents.clearWebhookSecret', () => clearSecret(ctx)),
    register('callEvents.revealEvent', (uri: vscode.Uri, index: number) => revealEvent(ctx, uri, index)),
    register('callEvents.showLegEvents', (uri: vscode.Uri, callId: string) => showLegEvents(ctx, uri, callId)),
    register('callEvents.openDecodedJwt', (uri: vscode.Uri, index: number) => openDecodedJwt(ctx, uri, index)),
    register(REPLAY_COMMAND, (target: unknown, index?: unknown, mode?: unknown) => replayEventCommand(ctx, target, index, mode)),
    register(SEND_SAMPLE_FLOW_COMMAND, (args?: SendSampleFlowArgs) => sendSampleFlowCommand(ctx, args)),
    register(NEW_SAMPLE_CAPTURE_COMMAND, (args?: NewSampleCaptureArgs) => newSampleCaptureCommand(ctx, args)),
    register('callEvents.filterFlows', () => filterFlows(ctx)),
    register('callEvents.clearFlowFilters', () => ctx.tree.setFilter({ states: [], directions: [], roles: [], outcomes: [] })),
    register('callEvents.startListener', () => ctx.listener.start()),
    register('callEvents.stopListener', () => ctx.listener.stop()),
    register('callEvents.listenerMenu', () => ctx.listener.menu()),
    register('callEvents.copyListenerUrl', () => ctx.listener.copyUrl()),
    register(SHOW_REQUEST_COMMAND, (target: unknown) => ctx.requests.show(target)),
    register('callEvents.replayRequest', (target: unknown) => ctx.requests.replay(target)),
    register('callEvents.showCallGraph', (uri?: vscode.Uri, callId?: string) => ctx.showCallGraph(uri instanceof vscode.Uri ? uri : undefined, typeof callId === 'string' ? callId : undefined)),
    register('callEvents.writeReport', (uri?: vscode.Uri) => ctx.writeReport(uri instanceof vscode.Uri ? uri : undefined)),
    register(SAVE_REDACTED_COMMAND, (uri?: vscode.Uri) => saveRedactedCopy(ctx, uri instanceof vscode.Uri ? uri : undefined)),
    register(COMPARE_PREVIOUS_COMMAND, (uri?: unknown, index?: unknown) => compareWithPrevious(ctx, uri, index)),
    register(COMPARE_TWO_COMMAND, () => compareTwoEvents(ctx)),
    register(COMPARE_SHAPES_COMMAND, () => comparePayloadShapes(ctx)),
    register('callEvents.pinCallGraph', () => ctx.pinCallGraph(true)),
    register('callEvents.unpinCallGraph', () => ctx.pinCallGraph(false)),
  ];
}

async function inspectActiveFile(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    await inspectOnDisk(ctx, undefined);
    return;
  }
  const state = await ctx.captures.force(editor.document);
  if (state) {
    const errors = state.inspection.problems.filter((p) => p.severity === 'error').length;
    void vscode.window.setStatusBarMessage(`Call Events: ${state.inspection.events.length} events, ${errors} errors`, 5000);
  }
}

async function inspectOnDisk(ctx: CommandContext, uri: vscode.Uri | undefined): Promise<void> {
  const target = uri ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Inspect capture' }))?.[0];
  if (target) await inspectFromDisk(target, ctx.secret, ctx.diagnostics, ctx.rulesUri, ctx.log);
}

async function setSecret(ctx: CommandContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Call Events: webhook secrets are not used in Restricted Mode. Trust this workspace to verify JWT signatures.');
    return;
  }
  const secret = await vscode.window.showInputBox({
    title: 'Webhook secret (HS256)',
    prompt: 'The secret of your Dialpad webhook. It is kept in VS Code\'s secret storage, never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.length === 0 ? 'The secret cannot be empty.' : undefined),
  });
  if (!secret) return;
  await ctx.secret.set(secret);
  ctx.log.info('Webhook secret set; re-verifying the open captures.');
  void vscode.window.showInformationMessage('Call Events: webhook secret saved. JWT payloads are now verified.');
}

async function clearSecret(ctx: CommandContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Call Events: webhook secrets are not used in Restricted Mode.');
    return;
  }
  await ctx.secret.clear();
  ctx.log.info('Webhook secret cleared.');
  void vscode.window.showInformationMessage('Call Events: webhook secret cleared. JWT payloads are decoded but not verified.');
}

async function revealEvent(ctx: CommandContext, uri: vscode.Uri, index: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const state = await ctx.captures.current(doc);
  const event = state?.inspection.events[index];
  if (!state || !event) return;
  const start = doc.positionAt(event.start), end = doc.positionAt(event.end);
  const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false });
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function showLegEvents(ctx: CommandContext, uri: vscode.Uri, callId: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const state = await ctx.captures.current(doc);
  const leg = state?.inspection.graph.legs.get(callId);
  if (!state || !leg) return;
  const picked = await vscode.window.showQuickPick(leg.events.map((e) => ({
    label: e.state,
    description: eventSummary(e),
    detail: `line ${state.inspection.lines.positionAt(state.inspection.events[e.event]!.start).line + 1}`,
    index: e.event,
  })), { title: `Events of call ${callId}`, matchOnDescription: true });
  if (picked) await revealEvent(ctx, uri, picked.index);
}

async function openDecodedJwt(ctx: CommandContext, uri: vscode.Uri, index: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const state = await ctx.captures.current(doc);
  const event = state?.inspection.events[index];
  if (!event?.jwt) return;
  const claims = event.claimsText ?? '{}';
  // Past the indenting limit the whole claims are shown as written rather than only their head.
  const pretty = claims.length > MAX_PRETTY_JSON ? `// claims longer than ${MAX_PRETTY_JSON / 1024} KiB: shown as written\n${claims}` : prettyJson(claims).text;
  const header = JSON.stringify(event.jwt.header ?? {});
  const content = `// JWT ${event.jwt.verdict}: ${event.jwt.message}\n// header: ${header.replace(/\n/g, ' ')}\n${pretty}\n`;
  const decoded = await vscode.workspace.openTextDocument({ language: 'jsonc', content });
  await vscode.window.showTextDocument(decoded, { viewColumn: besideColumn(vscode.window.activeTextEditor?.viewColumn), preview: true });
}

async function filterFlows(ctx: CommandContext): Promise<void> {
  const current = ctx.tree.filter;
  type Pick = vscode.QuickPickItem & { apply: (f: FlowFilter) => void };
  const items: Pick[] = [
    { label: 'Outcomes', kind: vscode.QuickPickItemKind.Separator, apply: () => undefined },
    ...OUTCOMES.map((outcome) => ({ label: outcome.replace('_', ' '), description: 'outcome', picked: (current.outcomes ?? []).includes(outcome), apply: (f: FlowFilter) => f.outcomes!.push(outcome) })),
    { label: 'Roles', kind: vscode.QuickPickItemKind.Separator, apply: () => undefined },
    ...(['entry_point', 'operator', 'monitor', 'direct'] as const).map((role) => ({ label: ROLE_NAMES[role], description: 'role', picked: current.roles.includes(role), apply: (f: FlowFilter) => f.roles.push(role) })),
    { label: 'Directions', kind: vscode.QuickPickItemKind.Separator, apply: () => undefined },
    ...(['inbound', 'outbound'] as const).map((direction) => ({ label: direction, description: 'direction', picked: current.directions.includes(direction), apply: (f: FlowFilter) => f.directions.push(direction) })),
    { label: 'States', kind: vscode.QuickPickItemKind.Separator, apply: () => undefined },
    ...CALL_STATES.map((state) => ({ label: state, description: 'state', picked: current.states.includes(state), apply: (f: FlowFilter) => f.states.push(state) })),
  ];
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Show flows with these outcomes and legs that match (nothing picked: all)', matchOnDescription: true });
  if (!picked) return;
  const filter: FlowFilter = { states: [], directions: [], roles: [], outcomes: [] };
  for (const item of picked) item.apply(filter);
  await ctx.tree.setFilter(filter);
}
