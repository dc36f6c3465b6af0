import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventAt } from '../core/eventAt';
import { eventJson } from '../core/eventSource';
import type { Inspection } from '../core/inspect';
import { normalizedEvent } from '../core/normalizedEvent';
import { forLabel } from '../shared/untrustedText';
import { openCapture } from '../panel/openCapture';
import type { CaptureDocuments, CaptureState } from './captureDocuments';
import { shortTime } from './describe';
import type { Prompts } from './prompts';
import type { ReadOnlyDocuments } from './readOnlyDocuments';

export const COMPARE_PREVIOUS_COMMAND = 'callEvents.compareWithPreviousEvent';
export const COMPARE_TWO_COMMAND = 'callEvents.compareTwoEvents';

/** What the compare commands need. */
export interface CompareContext {
  captures: CaptureDocuments;
  prompts: Prompts;
  documents: ReadOnlyDocuments;
}

/** One event of an inspected capture. */
interface EventRef {
  state: CaptureState;
  index: number;
}

/** A "Compare with previous event" lens on each event of a leg after its first. */
export function compareLenses(uri: vscode.Uri, inspection: Inspection): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  for (const leg of inspection.graph.legs.values()) {
    for (let i = 1; i < leg.events.length; i++) {
      const at = inspection.lines.positionAt(inspection.events[leg.events[i]!.event]!.start);
      lenses.push(new vscode.CodeLens(new vscode.Range(at.line, at.character, at.line, at.character), {
        title: 'Compare with previous event',
        tooltip: `Diff against the leg's previous event (${forLabel(leg.events[i - 1]!.state, 40) ?? 'no state'}): keys sorted, times in UTC`,
        command: COMPARE_PREVIOUS_COMMAND,
        arguments: [uri, leg.events[i]!.event],
      }));
    }
  }
  return lenses;
}

/**
 * Compare with Previous Event: from a lens (its document and event) or, from the palette, the event under
 * the cursor; opens the diff editor on the previous event of the same leg and this one.
 */
export async function compareWithPrevious(ctx: CompareContext, uri?: unknown, index?: unknown): Promise<void> {
  let ref: EventRef | undefined;
  if (uri instanceof vscode.Uri && typeof index === 'number') {
    const state = await openCapture(ctx.captures, uri, 'compare an event');
    if (state) ref = { state, index };
  } else {
    const editor = vscode.window.activeTextEditor;
    const state = await openCapture(ctx.captures, editor?.document.uri, 'put the cursor on an event to compare');
    if (!state || !editor) return;
    const event = eventAt(state.inspection.events, editor.document.offsetAt(editor.selection.active));
    if (!event) {
      void vscode.window.showInformationMessage('Call Events: put the cursor on a call event to compare it with the previous event of its leg.');
      return;
    }
    ref = { state, index: event.index };
  }
  if (!ref) return;
  const summary = ref.state.inspection.events[ref.index]?.summary;
  const leg = summary && ref.state.inspection.graph.legs.get(summary.callId);
  const position = leg ? leg.events.findIndex((e) => e.event === ref.index) : -1;
  if (!leg || position < 0) {
    void vscode.window.showInformationMessage('Call Events: this event is not part of a call leg (no usable call_id and state, or its JWT failed verification).');
    return;
  }
  if (position === 0) {
    void vscode.window.showInformationMessage(`Call Events: this is the first event of call ${leg.callId}: there is no previous event to compare with.`);
    return;
  }
  await showEventDiff(ctx, { state: ref.state, index: leg.events[position - 1]!.event }, ref);
}

/** Compare Two Events…: picks two events of the open captures (any files), the older first in the diff. */
export async function compareTwoEvents(ctx: CompareContext): Promise<void> {
  const first = await pickEvent(ctx, 'Compare two events: the first', undefined);
  if (!first) return;
  const second = await pickEvent(ctx, 'Compare two events: the second', first);
  if (!second) return;
  const time = (ref: EventRef) => ref.state.inspection.events[ref.index]?.summary?.time ?? null;
  const [t1, t2] = [time(first), time(second)];
  if (t1 !== null && t2 !== null && t2 < t1) await showEventDiff(ctx, second, first);
  else await showEventDiff(ctx, first, second);
}

type EventItem = vscode.QuickPickItem & { ref?: EventRef; another?: true };

async function pickEvent(ctx: CompareContext, title: string, except: EventRef | undefined): Promise<EventRef | undefined> {
  for (;;) {
    const items: EventItem[] = [];
    for (const state of ctx.captures.all()) {
      const file = vscode.workspace.asRelativePath(state.uri);
      for (const event of state.inspection.events) {
        const summary = event.summary;
        if (!summary || (except && except.state === state && except.index === event.index)) continue;
        items.push({
          label: forLabel(summary.state, 60) ?? '(no state)',
          description: `call ${summary.callId} · ${shortTime(summary.time)}`,
          detail: `${forLabel(file, 120) ?? ''} · line ${state.inspection.lines.positionAt(event.start).line + 1}`,
          ref: { state, index: event.index },
        });
      }
    }
    items.push({ label: '$(folder-opened) Another capture file…', description: 'open a capture and list its events too', another: true, alwaysShow: true });
    const picked = await ctx.prompts.pick(items, { title, placeHolder: 'state, call id or file', matchOnDescription: true, matchOnDetail: true });
    if (!picked) return undefined;
    if (picked.ref) return picked.ref;
    const files = await ctx.prompts.openDialog({ canSelectMany: false, openLabel: 'List its events', title: 'A capture to pick an event from' });
    if (files?.[0]) await openCapture(ctx.captures, files[0], 'compare its events');
  }
}

/** The diff editor on two events, each normalised into a read-only document. */
async function showEventDiff(ctx: CompareContext, left: EventRef, right: EventRef): Promise<void> {
  const side = (ref: EventRef) => {
    const event = ref.state.inspection.events[ref.index]!;
    const text = (() => {
      const json = eventJson(ref.state.text, event, event.claimsText)?.json;
      return json === undefined ? undefined : normalizedEvent(json);
    })();
    if (text === undefined) throw new Error(`event ${ref.index + 1} of ${vscode.workspace.asRelativePath(ref.state.uri)} could not be read as JSON`);
    const label = `${path.basename(ref.state.uri.path)} event ${ref.index + 1} ${event.summary?.state ?? ''}`;
    return { uri: ctx.documents.add(label, 'jsonc', text), summary: event.summary };
  };
  const a = side(left), b = side(right);
  const name = (s: typeof a.summary) => (s ? `${forLabel(s.state, 40) ?? '?'} (call ${s.callId})` : '?');
  const sameCall = a.summary && b.summary && a.summary.callId === b.summary.callId;
  const title = sameCall ? `Call ${a.summary!.callId}: ${forLabel(a.summary!.state, 40) ?? '?'} ↔ ${forLabel(b.summary!.state, 40) ?? '?'}` : `${name(a.summary)} ↔ ${name(b.summary)}`;
  await vscode.commands.executeCommand('vscode.diff', a.uri, b.uri, title, { preview: true });
}
