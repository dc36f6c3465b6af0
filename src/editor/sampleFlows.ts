import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { verdictText } from '../core/deliveryVerdict';
import { SCENARIOS } from '../core/scenarios';
import { CaptureWriter } from '../listener/captureWriter';
import { prepareEvents, runSimulation, runSummary, scenarioEvents, writeRun, writeSample } from '../listener/simulation';
import { forTerminal } from '../shared/untrustedText';
import type { ListenerController } from './listenerController';
import type { WebhookSecret } from './secrets';
import { besideColumn } from '../panel/panelColumn';

/** The commands' ids. */
export const SEND_SAMPLE_FLOW_COMMAND = 'callEvents.sendSampleFlow';
export const NEW_SAMPLE_CAPTURE_COMMAND = 'callEvents.newSampleCapture';

/** What the commands need from the extension. */
export interface SampleFlowContext {
  secret: WebhookSecret;
  listener: ListenerController;
  log: vscode.LogOutputChannel;
}

/**
 * Answers to Send Sample Flow's questions, for scripts and tests (each one given skips its
 * question): the scenarios, the target ('forwardTo', 'listener' or an http(s) URL), whether to
 * sign with the stored webhook secret, and the time scale (1: the pace of the calls).
 */
export interface SendSampleFlowArgs {
  scenarios?: string[];
  target?: string;
  sign?: boolean;
  timeScale?: number;
  /** The delivery order: as the calls happened, shuffled as Dialpad's retries can, or shuffled with redeliveries. */
  order?: DeliveryOrder;
  /** The seed of the shuffle, the redeliveries and the scenarios' ids, names and times (1 unless given). */
  seed?: number;
}

/** How Send Sample Flow orders its deliveries (`call-events simulate`'s --shuffle and --duplicate). */
export type DeliveryOrder = 'in-order' | 'shuffled' | 'redelivered';

const ORDERS: Record<DeliveryOrder, { shuffle: boolean; duplicate: number }> = {
  'in-order': { shuffle: false, duplicate: 0 },
  shuffled: { shuffle: true, duplicate: 0 },
  // One delivered event in five sent again, as at-least-once delivery allows.
  redelivered: { shuffle: true, duplicate: 0.2 },
};

/** What Send Sample Flow returns (for scripts and tests). */
export interface SendSampleFlowResult {
  /** The record of the run, in the capture format. */
  record: string;
  /** Each event's verdict, in the order of the run. */
  verdicts: string[];
  /** How many events were sent again after their delivery (the 'redelivered' order). */
  redelivered: number;
  cancelled: boolean;
}

const FORWARD_TO = 'callEvents.listener.forwardTo';

/**
 * Send Sample Flow…: sends scenarios to a handler as Dialpad delivers them (the same run as
 * `call-events simulate`), with progress and cancel, and opens the record beside, where each
 * event's CodeLens and hover give its verdict.
 */
export async function sendSampleFlowCommand(ctx: SampleFlowContext, args?: SendSampleFlowArgs): Promise<SendSampleFlowResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Call Events: sending sample flows sends requests and uses the webhook secret, which Restricted Mode does not allow. Trust this workspace first.');
    return undefined;
  }
  const names = args?.scenarios ?? (await pickScenarios(true));
  if (!names?.length) return undefined;
  const target = await resolveTarget(ctx, args?.target);
  if (!target) return undefined;
  const secret = await askSecret(ctx, args?.sign);
  if (secret === null) return undefined;
  const timeScale = args?.timeScale ?? (await askPace());
  if (timeScale === undefined) return undefined;
  if (!(timeScale > 0 && timeScale <= 100)) throw new Error(`the time scale must be above 0 (at most 100), not ${timeScale}`);
  const order = args?.order ?? (await askOrder());
  if (order === undefined) return undefined;
  if (!Object.hasOwn(ORDERS, order)) throw new Error(`the order must be one of ${Object.keys(ORDERS).join(', ')}, not ${String(order)}`);
  const seed = args?.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`the seed must be a whole number, not ${seed}`);

  const events = scenarioEvents(names, seed, false);
  if (typeof events === 'string') throw new Error(events);
  const outgoing = await prepareEvents(events, secret);
  const url = new URL(target);
  const displayUrl = `${url.origin}${url.pathname}`;
  const record = path.join(ctx.listener.captureFolder(), `simulated-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  ctx.log.info(`Send Sample Flow: ${names.join(', ')} (${outgoing.length} events${secret ? ', signed' : ''}, ${order}, seed ${seed}, time scale ${timeScale}) to ${forTerminal(displayUrl)}`);

  const abort = new AbortController();
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Call Events: sending ${names.join(', ')} to ${displayUrl}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => abort.abort('cancelled'));
      const step = 100 / outgoing.length;
      return runSimulation({
        url, outgoing, timeScale, ...ORDERS[order], seed, signal: abort.signal,
        onAttempt: ({ index, attempt, result }) => {
          const o = outgoing[index]!;
          // The handler's answer is untrusted: escaped for the log, never shown as markup.
          const answer = result.status !== null ? `${result.status} in ${Math.round(result.latencyMs ?? 0)} ms` : forTerminal(result.failure?.message ?? 'no answer', 80);
          ctx.log.info(`Send Sample Flow: ${o.event.scenario} #${index + 1} ${o.event.state} attempt ${attempt}: ${answer}`);
          progress.report({ message: `#${index + 1} ${o.event.state}, attempt ${attempt}: ${result.status ?? 'no answer'}`, ...(attempt === 1 ? { increment: step } : {}) });
        },
      });
    });

  const writer = await CaptureWriter.open(record);
  try {
    await writeRun(writer, url, outgoing, run);
  } finally {
    await writer.close().catch(() => undefined);
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(record));
  await vscode.window.showTextDocument(doc, { viewColumn: besideColumn(vscode.window.activeTextEditor?.viewColumn), preview: false });

  const counts = runSummary(run.deliveries);
  const cancelled = abort.signal.aborted;
  const summary = `${counts.events} events: ${counts.delivered} delivered, ${counts.lost} lost, ${counts.retried} retried, ${counts.timed_out} timed out${counts.redelivered > 0 ? `, ${counts.redelivered} sent again` : ''}${cancelled ? ' (cancelled: the record keeps what was sent)' : ''}.`;
  ctx.log.info(`Send Sample Flow: ${summary}`);
  if (counts.lost > 0) void vscode.window.showWarningMessage(`Call Events: ${summary} Dialpad would have lost ${counts.lost === 1 ? 'an event' : 'events'}: see the record's CodeLens.`);
  else void vscode.window.showInformationMessage(`Call Events: ${summary}`);
  return { record, verdicts: run.deliveries.map((d) => verdictText(d.verdict)), redelivered: counts.redelivered, cancelled };
}

/** Answers to New Sample Capture's questions, for scripts and tests. */
export interface NewSampleCaptureArgs {
  scenario?: string;
  seed?: number;
  bigIds?: boolean;
  /** The file to write (skips the save dialog: an existing file is replaced). */
  file?: string;
}

/** New Sample Capture…: writes a scenario's events as a capture (the same as `call-events sample`) and opens it. */
export async function newSampleCaptureCommand(ctx: SampleFlowContext, args?: NewSampleCaptureArgs): Promise<string | undefined> {
  const name = args?.scenario ?? (await pickScenarios(false))?.[0];
  if (!name) return undefined;
  const seed = args?.seed ?? (await askSeed());
  if (seed === undefined) return undefined;
  const bigIds = args?.bigIds ?? (await askBigIds());
  if (bigIds === undefined) return undefined;
  const events = scenarioEvents([name], seed, bigIds);
  if (typeof events === 'string') throw new Error(events);
  let file = args?.file;
  if (!file) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    // The save dialog asks before replacing an existing file.
    const target = await vscode.window.showSaveDialog({
      title: `Write the ${name} scenario as a capture`,
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${name}-${seed}.jsonl`) } : {}),
      filters: { 'Call event captures': ['jsonl'] },
    });
    if (!target) return undefined;
    file = target.fsPath;
  }
  // The writer appends; a file the user chose to replace starts empty.
  await fs.promises.rm(file, { force: true });
  await writeSample(file, await prepareEvents(events, undefined));
  ctx.log.info(`New Sample Capture: ${events.length} events of ${name} (seed ${seed}${bigIds ? ', big ids' : ''}) written to ${forTerminal(file)}`);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return file;
}

/** The scenario library as a quick pick, with each one's description. */
async function pickScenarios(many: boolean): Promise<string[] | undefined> {
  const items = SCENARIOS.map((s) => ({ label: s.name, description: s.description }));
  if (many) {
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Send Sample Flow: scenarios to send (each is one call)', matchOnDescription: true });
    return picked?.map((p) => p.label);
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'New Sample Capture: the scenario', matchOnDescription: true });
  return picked ? [picked.label] : undefined;
}

/** The target URL: the forward-to setting, the running listener, or one typed in (http or https only). */
async function resolveTarget(ctx: SampleFlowContext, given: string | undefined): Promise<string | undefined> {
  const forwardTo = vscode.workspace.getConfiguration('callEvents.listener').get<string>('forwardTo', '').trim();
  const listening = ctx.listener.webhookUrl;
  if (given === 'forwardTo') {
    if (checkUrl(forwardTo) !== undefined) throw new Error(`"${FORWARD_TO}" must be set to an http:// or https:// URL first.`);
    return forwardTo;
  }
  if (given === 'listener') {
    if (!listening) throw new Error('the capture listener is not running.');
    return listening;
  }
  if (given !== undefined) {
    const problem = checkUrl(given);
    if (problem) throw new Error(problem);
    return given;
  }
  const items: (vscode.QuickPickItem & { url?: string })[] = [];
  if (checkUrl(forwardTo) === undefined) items.push({ label: 'Your handler', description: forwardTo, detail: `The "${FORWARD_TO}" setting`, url: forwardTo });
  if (listening) items.push({ label: 'The running listener', description: listening, detail: 'Captures and checks what it receives', url: listening });
  items.push({ label: 'Another URL…' });
  const picked = await vscode.window.showQuickPick(items, { title: 'Send Sample Flow: send to' });
  if (!picked) return undefined;
  if (picked.url) return picked.url;
  return vscode.window.showInputBox({ title: 'Send Sample Flow: your handler\'s URL', placeHolder: 'http://127.0.0.1:3000/webhook', ignoreFocusOut: true, validateInput: (value) => checkUrl(value.trim()) })
    .then((value) => value?.trim() || undefined);
}

/** Undefined for an http(s) URL, else what is wrong with it. */
function checkUrl(value: string): string | undefined {
  if (value === '') return 'Enter an http:// or https:// URL.';
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? undefined : `Only http:// and https:// URLs, not ${protocol}`;
  } catch {
    return 'Not a valid URL.';
  }
}

/** The secret to sign with (the stored one), undefined for unsigned JSON, null when the user gave up. */
async function askSecret(ctx: SampleFlowContext, sign: boolean | undefined): Promise<string | undefined | null> {
  const stored = await ctx.secret.get();
  if (sign === false) return undefined;
  if (sign === true) {
    if (!stored) throw new Error('no webhook secret is set (Call Events: Set Webhook Secret).');
    return stored;
  }
  const items = [
    { label: 'Unsigned JSON', description: 'as a webhook without a secret sends', signed: false },
    ...(stored ? [{ label: 'Signed JWT', description: 'HS256 with the stored webhook secret', signed: true }] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Send Sample Flow: bodies', placeHolder: stored ? undefined : 'No webhook secret is set: Set Webhook Secret to send signed bodies' });
  if (!picked) return null;
  return picked.signed ? stored : undefined;
}

/** The pace: the calls' own, or faster. */
async function askPace(): Promise<number | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'At the pace of the calls', description: 'gaps, retry waits and the 5 s timeout as Dialpad has them', scale: 1 },
    { label: '10 times faster', description: 'every gap, wait and the timeout divided by 10', scale: 0.1 },
  ], { title: 'Send Sample Flow: pace' });
  return picked?.scale;
}

/** The delivery order: what a handler must survive besides retries. */
async function askOrder(): Promise<DeliveryOrder | undefined> {
  const items: (vscode.QuickPickItem & { order: DeliveryOrder })[] = [
    { label: 'In order', description: 'each event when its call reaches that state', order: 'in-order' },
    { label: 'Out of order', description: 'in an order Dialpad\'s retries can produce', order: 'shuffled' },
    { label: 'Out of order, with redeliveries', description: 'and some delivered events sent again, as at-least-once delivery allows', order: 'redelivered' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Send Sample Flow: delivery order' });
  return picked?.order;
}

async function askSeed(): Promise<number | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'New Sample Capture: seed (the same seed gives the same ids, names and times)', value: '1',
    validateInput: (v) => (/^\d{1,9}$/.test(v.trim()) ? undefined : 'A whole number'),
  });
  return value === undefined ? undefined : Number(value.trim());
}

async function askBigIds(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'Ordinary ids', big: false },
    { label: 'Ids above 2^53', description: 'to catch a handler that parses ids as floating-point numbers', big: true },
  ], { title: 'New Sample Capture: ids' });
  return picked?.big;
}
