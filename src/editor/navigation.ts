import * as vscode from 'vscode';
import type { Inspection } from '../core/inspect';
import { callIdAtOffset } from '../core/tokenAt';
import type { CaptureDocuments } from './captureDocuments';

function locationOfEvent(uri: vscode.Uri, inspection: Inspection, index: number): vscode.Location {
  const event = inspection.events[index]!;
  const start = inspection.lines.positionAt(event.start), end = inspection.lines.positionAt(event.end);
  return new vscode.Location(uri, new vscode.Range(start.line, start.character, end.line, end.character));
}

/** Go to Definition on a call id or a reference to one: the first event (in time) of that leg. */
export class CallIdDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly captures: CaptureDocuments) {}

  async provideDefinition(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const state = await this.captures.current(doc);
    if (!state) return undefined;
    const found = callIdAtOffset(state.text, state.inspection, state.inspection.lines.offsetAt(position));
    const leg = found && state.inspection.graph.legs.get(found.callId);
    return leg ? locationOfEvent(doc.uri, state.inspection, leg.events[0]!.event) : undefined;
  }
}

/** Find All References on a call id: every event of that call. */
export class CallIdReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly captures: CaptureDocuments) {}

  async provideReferences(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const state = await this.captures.current(doc);
    if (!state) return undefined;
    const found = callIdAtOffset(state.text, state.inspection, state.inspection.lines.offsetAt(position));
    const leg = found && state.inspection.graph.legs.get(found.callId);
    return leg ? leg.events.map((e) => locationOfEvent(doc.uri, state.inspection, e.event)) : undefined;
  }
}
