import * as vscode from 'vscode';
import { DisposableBase, Emitter } from '../shared/lifecycle';
import { answerDetails, answerLine, answersOf } from '../core/answers';
import { roleLabel } from '../core/roles';
import type { CaptureDocuments } from './captureDocuments';
import { compareLenses } from './compareEvents';
import { count } from './describe';
import { ReplayLens, replayLenses, resolveReplayLens } from './replayEvent';

/** On each listener capture event, first, its forward result, Dialpad's verdict and Replay; on each leg's first event its role and flow, and a way into the call graph; on its later events, Compare with previous. */
export class LegCodeLensProvider extends DisposableBase implements vscode.CodeLensProvider {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly captures: CaptureDocuments) {
    super();
    this._register(captures.onDidUpdate(() => this.changed.fire()));
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const state = await this.captures.current(doc);
    if (!state) return [];
    const { inspection } = state;
    // A listener record's delivery (the handler's answer, Dialpad's verdict, Replay) leads its line: on a leg's first
    // event the leg's lenses follow it, and a line cut at the editor's edge then cuts those, not the verdict.
    const lenses: vscode.CodeLens[] = replayLenses(doc.uri, inspection);
    for (const flow of inspection.graph.flows) {
      // On the flow's first event: what happened to the customer, in one line (ANSWERS.md).
      const firstEvent = inspection.events[flow.legs[0]!.events[0]!.event]!;
      const firstAt = inspection.lines.positionAt(firstEvent.start);
      const answers = answersOf(flow, inspection.graph);
      lenses.push(new vscode.CodeLens(new vscode.Range(firstAt.line, firstAt.character, firstAt.line, firstAt.character), {
        title: answerLine(answers),
        tooltip: answerDetails(answers).join('\n'),
        command: 'callEvents.showCallGraph',
        arguments: [doc.uri, flow.legs[0]!.callId],
      }));
      for (const leg of flow.legs) {
        const first = inspection.events[leg.events[0]!.event]!;
        const at = inspection.lines.positionAt(first.start);
        const range = new vscode.Range(at.line, at.character, at.line, at.character);
        const transfer = leg.transferIndex > 0 ? ` · after transfer ${leg.transferIndex}` : '';
        // The lens marks where a leg starts, not a section: its other events may come after other legs' events.
        const call = leg.callId !== flow.id ? ` · call ${leg.callId}` : '';
        const position = leg.events.length === 1 ? 'its only event' : `first of ${count(leg.events.length, 'event')}`;
        lenses.push(new vscode.CodeLens(range, {
          title: `${roleLabel(leg)} leg of flow ${flow.id}${call} · ${position}${transfer}`,
          tooltip: 'List every event of this call',
          command: 'callEvents.showLegEvents',
          arguments: [doc.uri, leg.callId],
        }));
        lenses.push(new vscode.CodeLens(range, {
          title: 'Show call graph',
          command: 'callEvents.showCallGraph',
          arguments: [doc.uri, leg.callId],
        }));
      }
    }
    lenses.push(...compareLenses(doc.uri, inspection));
    return lenses;
  }

  resolveCodeLens(lens: vscode.CodeLens): vscode.CodeLens {
    return lens instanceof ReplayLens ? resolveReplayLens(lens) : lens;
  }
}
