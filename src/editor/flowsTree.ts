import * as vscode from 'vscode';
import { answerDetails, answerLine, answersOf, type Outcome } from '../core/answers';
import type { CallFlow, CallLeg, GraphEvent, LegRole } from '../core/graph';
import { ROLE_NAMES, roleLabel } from '../core/roles';
import type { CaptureDocuments, CaptureState } from './captureDocuments';
import { count, eventSummary, flowSummary, legParties } from './describe';
import { DisposableBase, Emitter } from '../shared/lifecycle';

/** What the tree shows: empty lists mean "any". Persisted in the workspace state. */
export interface FlowFilter {
  states: string[];
  directions: ('inbound' | 'outbound')[];
  roles: LegRole[];
  /** Flows with one of these outcomes (ANSWERS.md); missing in filters saved before outcomes existed. */
  outcomes?: Outcome[];
}

const FILTER_KEY = 'callEvents.flowFilter';
const EMPTY: FlowFilter = { states: [], directions: [], roles: [], outcomes: [] };

/** True when the leg passes the filter. */
export function legMatches(leg: CallLeg, filter: FlowFilter): boolean {
  return (filter.roles.length === 0 || filter.roles.includes(leg.role)) &&
    (filter.directions.length === 0 || (leg.direction !== null && filter.directions.includes(leg.direction))) &&
    (filter.states.length === 0 || leg.states.some((state) => filter.states.includes(state)));
}

type Node =
  | { kind: 'file'; state: CaptureState }
  | { kind: 'flow'; state: CaptureState; flow: CallFlow }
  | { kind: 'leg'; state: CaptureState; flow: CallFlow; leg: CallLeg }
  | { kind: 'event'; state: CaptureState; event: GraphEvent };

/** The "Flows" view: the flows of every open capture, filtered by state, direction and role. */
export class FlowsTree extends DisposableBase implements vscode.TreeDataProvider<Node> {
  private readonly _onDidChangeTreeData = this._register(new Emitter<Node | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  readonly view: vscode.TreeView<Node>;

  constructor(private readonly captures: CaptureDocuments, private readonly memento: vscode.Memento) {
    super();
    this.view = this._register(vscode.window.createTreeView('callEvents.flows', { treeDataProvider: this, showCollapseAll: true }));
    this._register(captures.onDidUpdate(() => this.refresh()));
    this._register(captures.onDidRemove(() => this.refresh()));
    this.updateMessage();
  }

  get filter(): FlowFilter {
    return { ...EMPTY, ...this.memento.get<FlowFilter>(FILTER_KEY) };
  }

  async setFilter(filter: FlowFilter): Promise<void> {
    await this.memento.update(FILTER_KEY, filter);
    await vscode.commands.executeCommand('setContext', 'callEvents.flowsFiltered', !isEmpty(filter));
    this.refresh();
  }

  private refresh(): void {
    this.updateMessage();
    this._onDidChangeTreeData.fire(undefined);
  }

  private updateMessage(): void {
    const filter = this.filter;
    const parts = [...filter.roles.map((r) => ROLE_NAMES[r]), ...filter.directions, ...filter.states];
    const outcomes = (filter.outcomes ?? []).map((o) => o.replace('_', ' '));
    const shown = [outcomes.length > 0 ? `flows ${outcomes.join(' or ')}` : '', parts.length > 0 ? `legs that match: ${parts.join(', ')}` : ''].filter(Boolean);
    this.view.message = shown.length > 0 ? `Showing ${shown.join('; ')}` : undefined;
  }

  getChildren(node?: Node): Node[] {
    const filter = this.filter;
    if (!node) return this.captures.all().map((state) => ({ kind: 'file', state }));
    switch (node.kind) {
      case 'file': {
        const { graph } = node.state.inspection;
        const outcomes = filter.outcomes ?? [];
        return graph.flows
          .filter((flow) => outcomes.length === 0 || outcomes.includes(answersOf(flow, graph).outcome))
          .filter((flow) => flow.legs.some((leg) => legMatches(leg, filter)))
          .map((flow) => ({ kind: 'flow', state: node.state, flow }));
      }
      case 'flow':
        return node.flow.legs.filter((leg) => legMatches(leg, filter)).map((leg) => ({ kind: 'leg', state: node.state, flow: node.flow, leg }));
      case 'leg':
        return node.leg.events.map((event) => ({ kind: 'event', state: node.state, event }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'file': {
        const item = new vscode.TreeItem(node.state.uri, vscode.TreeItemCollapsibleState.Expanded);
        const { events, graph } = node.state.inspection;
        item.description = `${count(graph.flows.length, 'flow')} · ${count(events.length, 'event')}`;
        item.contextValue = 'captureFile';
        return item;
      }
      case 'flow': {
        const item = new vscode.TreeItem(`flow ${node.flow.id}`, vscode.TreeItemCollapsibleState.Collapsed);
        const answers = answersOf(node.flow, node.state.inspection.graph);
        item.description = answerLine(answers);
        item.tooltip = [...answerDetails(answers), flowSummary(node.flow)].join('\n');
        item.iconPath = new vscode.ThemeIcon('type-hierarchy');
        item.contextValue = 'callFlow';
        return item;
      }
      case 'leg': {
        const item = new vscode.TreeItem(`${roleLabel(node.leg)} ${node.leg.callId}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = legParties(node.leg);
        item.tooltip = `${roleLabel(node.leg)} leg · ${node.leg.states.join(' → ')}`;
        item.iconPath = new vscode.ThemeIcon(ROLE_ICON[node.leg.role]);
        item.contextValue = 'callLeg';
        return item;
      }
      case 'event': {
        const item = new vscode.TreeItem(node.event.state, vscode.TreeItemCollapsibleState.None);
        item.description = eventSummary(node.event);
        item.iconPath = new vscode.ThemeIcon('circle-small-filled');
        item.command = { title: 'Go to event', command: 'callEvents.revealEvent', arguments: [node.state.uri, node.event.event] };
        item.contextValue = 'callEvent';
        return item;
      }
    }
  }
}

const ROLE_ICON: Record<LegRole, string> = { entry_point: 'arrow-right', operator: 'person', monitor: 'eye', direct: 'call-outgoing' };

function isEmpty(filter: FlowFilter): boolean {
  return filter.states.length === 0 && filter.directions.length === 0 && filter.roles.length === 0 && (filter.outcomes ?? []).length === 0;
}
