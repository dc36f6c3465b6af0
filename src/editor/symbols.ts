import * as vscode from 'vscode';
import { forwardBrief, forwardResultOf } from '../core/forwardResult';
import type { InspectedEvent, Inspection } from '../core/inspect';
import { roleLabel } from '../core/roles';
import type { CaptureDocuments } from './captureDocuments';
import { count, flowSummary, shortTime } from './describe';

function rangeOf(inspection: Inspection, start: number, end: number): vscode.Range {
  const a = inspection.lines.positionAt(start), b = inspection.lines.positionAt(end);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

/** The outline: flows, then their legs, then each leg's events in time order; other payloads after. */
export function captureSymbols(inspection: Inspection): vscode.DocumentSymbol[] {
  const { events } = inspection;
  const symbols: vscode.DocumentSymbol[] = [];
  for (const flow of inspection.graph.flows) {
    const legSymbols = flow.legs.map((leg) => {
      const eventSymbols = leg.events.map((e) => {
        const event = events[e.event]!;
        const range = rangeOf(inspection, event.start, event.end);
        // Its state is the name and its leg's detail gives the direction: the time is what tells events apart.
        return new vscode.DocumentSymbol(e.state, `${shortTime(e.time)}${forwardNote(event)}`, vscode.SymbolKind.Event, range, range.with(range.start, range.start));
      });
      const range = spanOf(eventSymbols.map((s) => s.range));
      // Events have the Event icon: a monitor leg must not look like one of them.
      const symbol = new vscode.DocumentSymbol(`${roleLabel(leg)} ${leg.callId}`, `${count(leg.states.length, 'event')} · ${leg.direction ?? 'no direction'}`,
        leg.role === 'entry_point' ? vscode.SymbolKind.Interface : leg.role === 'monitor' ? vscode.SymbolKind.Field : vscode.SymbolKind.Object,
        range, eventSymbols[0]!.selectionRange);
      symbol.children = eventSymbols;
      return symbol;
    });
    const range = spanOf(legSymbols.map((s) => s.range));
    const symbol = new vscode.DocumentSymbol(`flow ${flow.id}`, flowSummary(flow), vscode.SymbolKind.Namespace, range, legSymbols[0]!.selectionRange);
    symbol.children = legSymbols;
    symbols.push(symbol);
  }
  const others = events.filter((e) => !e.summary || !e.trusted);
  if (others.length > 0) {
    const children = others.map((event) => {
      const range = rangeOf(inspection, event.start, event.end);
      const what = event.kind === 'other' ? `${event.family} event` : !event.trusted ? `JWT ${event.jwt?.verdict ?? 'not trusted'}` : 'not a readable call event';
      return new vscode.DocumentSymbol(`event ${event.index + 1}`, `${what}${forwardNote(event)}`, vscode.SymbolKind.Null, range, range.with(range.start, range.start));
    });
    const symbol = new vscode.DocumentSymbol('not in the call graph', `${others.length} payload${others.length > 1 ? 's' : ''}`, vscode.SymbolKind.Package,
      spanOf(children.map((c) => c.range)), children[0]!.selectionRange);
    symbol.children = children;
    symbols.push(symbol);
  }
  return symbols;
}

/** " · forwarded 200" when the listener forwarded (or the user replayed) the request. */
function forwardNote(event: InspectedEvent): string {
  const forward = forwardResultOf(event);
  return forward ? ` · ${forwardBrief(forward)}` : '';
}

function spanOf(ranges: vscode.Range[]): vscode.Range {
  return ranges.reduce((all, range) => all.union(range));
}

/** Document symbols of capture files. */
export class CaptureSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly captures: CaptureDocuments) {}

  async provideDocumentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[] | undefined> {
    const state = await this.captures.current(doc);
    return state ? captureSymbols(state.inspection) : undefined;
  }
}
