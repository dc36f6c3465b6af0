// The application: flow list, graph, timeline (and, in the report, the event list), kept in step.
// It talks to the host only through the typed protocol; without a host (the report) reveal scrolls
// to the event's row and export downloads the file.
import type { EventRef, HostMessage } from '../src/shared/protocol';
import { rememberedFlows, rememberFlows, type PaneView } from '../src/shared/webviewProtocol';
import { dispatchMessage } from '../src/shared/dispatch';
import { AnswersTable } from './answersTable';
import { VIEW_MODEL_VERSION, type FlowView, type LegView, type ReportInfo, type ViewModel } from '../src/shared/viewModel';
import { catalog, type Catalog } from './catalog';
import { eventLabel } from './describe';
import { add, el } from './dom';
import { EventTable } from './eventTable';
import { FlowCard } from './flowCard';
import { download, exportView, toPng } from './exporter';
import { FlowList } from './flowList';
import { formatDateTime, plural } from './format';
import { GraphView } from './graph';
import type { Host } from './host';
import { LadderView } from './ladder';
import { graphLegend, ladderLegend, timelineLegend } from './legend';
import { watchTheme } from './theme';
import { TimelineView } from './timeline';
import { Tooltip } from './tooltip';

/** Above this many legs the graph asks for a smaller selection (the timeline still draws). */
const MAX_GRAPH_LEGS = 20_000;

/** The whole page. */
export class App {
  private catalog: Catalog | null = null;
  private selected: string[] = [];
  private focusedLeg: string | null = null;
  private readonly list: FlowList;
  readonly graph: GraphView;
  readonly timeline: TimelineView;
  readonly ladder: LadderView;
  /** What the upper pane shows: the graph or the ladder (kept in the saved state). */
  private view: PaneView = 'graph';
  private readonly viewTabs: Record<PaneView, HTMLButtonElement>;
  /** The flows last chosen in each document (the saved state's `flowsByDocument`), so that switching back restores them. */
  private flowsByDocument: Record<string, string[]> = {};
  private readonly table: EventTable | null;
  private readonly card: FlowCard;
  private readonly answers: AnswersTable | null;
  private readonly status: HTMLElement;
  private readonly live: HTMLElement;
  private readonly tooltip: Tooltip;
  private readonly title: HTMLElement;
  private readonly alignButton: HTMLButtonElement;
  /** The document the host shows, kept in the saved state. */
  private document: string | undefined;
  /** The Pin button (inside VS Code only): keeps the panel on this capture when the user switches editors. */
  private readonly pinButton: HTMLButtonElement | null;
  private pinned = false;
  /** Timings of the last draw, for the browser tests' figures. */
  readonly timings = { graph: 0, timeline: 0, model: 0 };

  constructor(root: HTMLElement, private readonly host: Host, report: ReportInfo | undefined) {
    document.body.classList.add(host.embedded ? 'embedded' : 'standalone');
    if (report) document.body.classList.add('report');
    this.tooltip = new Tooltip(document.body);
    const app = add(root, 'div', 'app');

    const toolbar = add(app, 'header', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Call graph');
    const heading = add(toolbar, 'div', 'heading');
    add(heading, 'h1', undefined, report ? report.title : 'Call flows');
    this.title = add(heading, 'span', 'subtitle');
    if (report) {
      const when = Date.parse(report.generatedAt);
      add(heading, 'span', 'report-meta', `${Number.isFinite(when) ? `Written ${formatDateTime(when)}` : ''} · ${report.generator}`);
    }
    const actions = add(toolbar, 'div', 'actions');
    this.button(actions, 'Fit', 'Fit the graph and timeline to their panes (0)', () => {
      this.graph.fit();
      this.timeline.fit();
    });
    const legendToggle = this.button(actions, 'Legend', 'Show the full legends (a one-line key is always shown)', () => {
      const open = document.body.classList.toggle('legend-open');
      legendToggle.setAttribute('aria-expanded', String(open));
    });
    legendToggle.classList.add('legend-toggle');
    legendToggle.setAttribute('aria-expanded', 'false');
    this.pinButton = host.embedded ? this.pinToggle(actions) : null;
    this.button(actions, 'Export SVG', 'Save the current view (the call graph or the ladder, with the timeline) as an SVG image', () => void this.export('svg'));
    this.button(actions, 'Export PNG', 'Save the current view (the call graph or the ladder, with the timeline) as a PNG image', () => void this.export('png'));

    const body = add(app, 'div', 'body');
    const sidebar = add(body, 'nav', 'sidebar');
    sidebar.setAttribute('aria-label', 'Flows');
    this.list = new FlowList(sidebar, {
      choose: (ids) => this.choose(ids, null),
      query: () => this.save(),
      sorted: () => this.save(),
    });

    // The chosen flow's answers above its graph; in VS Code the host opens a link (after validating the message).
    const column = add(body, 'div', 'main-column');
    this.card = new FlowCard(column, host.embedded ? (url) => host.post({ type: 'openLink', url }) : null);
    const main = add(column, 'main', 'panes');
    const graphPane = add(main, 'section', 'pane graph-pane');
    graphPane.setAttribute('aria-label', 'Call graph');
    const graphHead = add(graphPane, 'div', 'pane-head');
    this.viewTabs = this.paneTabs(graphHead);
    graphLegend(graphHead);
    const redrawLadderLegend = ladderLegend(graphHead);
    const graphBody = add(graphPane, 'div', 'pane-body graph-body');
    graphBody.id = 'graph-body';
    this.graph = new GraphView(graphBody, {
      activate: (_flow, leg) => this.activate(leg, 0),
      focusLeg: (callId) => {
        this.focusedLeg = callId;
        this.timeline.setFocusLeg(callId, null, true);
        this.ladder.setFocus(callId, null, false);
      },
    }, this.tooltip);
    this.zoomButtons(graphHead, (factor) => this.graph.zoomBy(factor), () => this.graph.fit());
    const ladderBody = add(graphPane, 'div', 'pane-body ladder-body');
    ladderBody.id = 'ladder-body';
    this.ladder = new LadderView(ladderBody, {
      activate: (_flow, leg, index) => this.activate(leg, index),
      focusEvent: (_flow, leg, index) => {
        this.focusedLeg = leg.callId;
        this.graph.setFocus(leg.callId, false);
        this.timeline.setFocusLeg(leg.callId, index, true);
        this.announce(eventLabel(leg, leg.events[index]!, index));
      },
    }, this.tooltip);

    this.splitter(main);

    const timelinePane = add(main, 'section', 'pane timeline-pane');
    timelinePane.setAttribute('aria-label', 'Timeline');
    const timelineHead = add(timelinePane, 'div', 'pane-head');
    add(timelineHead, 'h2', undefined, 'Timeline');
    const redrawLegend = timelineLegend(timelineHead);
    const timelineBody = add(timelinePane, 'div', 'pane-body timeline-body');
    this.timeline = new TimelineView(timelineBody, {
      activate: (_flow, leg, index) => this.activate(leg, index),
      focusEvent: (_flow, leg, index) => {
        this.focusedLeg = leg.callId;
        this.graph.setFocus(leg.callId, true);
        this.ladder.setFocus(leg.callId, index, false);
        this.announce(eventLabel(leg, leg.events[index]!, index));
      },
    }, this.tooltip);
    this.timeline.actionText = () => (this.host.embedded ? 'Click: show this event in the editor' : this.table ? 'Click: show this event in the list below' : 'Click: select this event');
    this.alignButton = this.button(timelineHead, 'Align starts', 'Start every drawn flow at 0 on the time axis, to compare flows', () => {
      const on = this.alignButton.getAttribute('aria-pressed') !== 'true';
      this.alignButton.setAttribute('aria-pressed', String(on));
      this.timeline.setAligned(on);
    });
    this.alignButton.classList.add('toggle');
    this.alignButton.setAttribute('aria-pressed', 'false');
    this.zoomButtons(timelineHead, (factor) => this.timeline.zoomBy(factor), () => this.timeline.fit());

    const footer = add(app, 'footer', 'status');
    this.status = add(footer, 'span', 'status-text');
    add(footer, 'span', 'hint', 'Wheel: zoom · Drag: pan · ⇧ Wheel: scroll lanes · Arrows: move · Enter: show · /: search');
    this.live = add(app, 'div', 'sr-only');
    this.live.setAttribute('aria-live', 'polite');
    this.answers = report ? new AnswersTable(root, (id) => this.showFlow(id, app)) : null;
    this.table = report ? new EventTable(root, (ref) => this.highlight(ref, true)) : null;

    watchTheme(() => {
      redrawLegend();
      redrawLadderLegend();
      this.timeline.draw();
      this.ladder.render(this.catalog?.model ?? null, this.drawnFlows(), '');
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === '/' && !(event.target instanceof HTMLInputElement)) {
        this.list.focus();
        event.preventDefault();
      }
    });
  }

  /** Handles a message from the host. */
  onHostMessage(message: HostMessage): void {
    void dispatchMessage<HostMessage>({
      update: (m) => {
        // Another capture: its flows are not the ones chosen here; the ones last chosen in it come back.
        const switched = m.document !== undefined && this.document !== undefined && m.document !== this.document;
        if (m.document !== undefined) this.document = m.document;
        if (switched) this.selected = [];
        this.setModel(m.model, m.focus ?? null);
      },
      highlight: (m) => (m.target ? this.highlight(m.target, false) : this.clearHighlight()),
      exported: (m) => this.setStatus(m.ok ? `Saved: ${m.message}` : `Export failed: ${m.message}`),
      pinned: (m) => this.setPinned(m.pinned),
    }, message);
  }

  /** Shows a new model, keeping the chosen flows and the view when they still exist. */
  setModel(model: ViewModel, focus: EventRef | null): void {
    const started = performance.now();
    if (model.version !== VIEW_MODEL_VERSION) {
      this.setStatus('This view model has an unknown version; reload the view.');
      return;
    }
    const previous = this.selected;
    this.catalog = catalog(model);
    // A narrow panel hides the list of a capture with a single flow (the toolbar names it), for the graph's sake.
    document.body.classList.toggle('single-flow', model.flows.length <= 1);
    const saved = previous.length === 0 ? this.host.loadState() : undefined;
    if (saved) this.restore(saved);
    const remembered = previous.length === 0 && this.document !== undefined ? rememberedFlows(this.flowsByDocument, this.document) : undefined;
    let selected = (remembered ?? (saved && saved.document === this.document ? saved.selected : undefined) ?? previous).filter((id) => this.catalog!.flowById.has(id));
    if (selected.length === 0 && model.flows.length > 0) selected = [model.flows[0]!.id];
    const place = focus ? this.catalog.place(focus) : undefined;
    if (place && !selected.includes(place.flow.id)) selected = [place.flow.id];
    const keepView = selected.length === previous.length && selected.every((id, i) => id === previous[i]);
    this.list.set(this.catalog, saved?.query ?? this.list.query, selected, saved?.sort);
    this.answers?.set(model);
    this.table?.set(model);
    this.draw(selected, keepView);
    if (focus) this.highlight(focus, false);
    const problems = model.sources.reduce((sum, s) => ({ error: sum.error + s.counts.error, warning: sum.warning + s.counts.warning }), { error: 0, warning: 0 });
    this.setStatus(`${model.sources.map((s) => s.name).join(', ')} · ${plural(model.flows.length, 'flow')} · ${plural(model.eventCount, 'call event')}`
      + ` · ${plural(problems.error, 'error')}, ${plural(problems.warning, 'warning')}`);
    this.timings.model = performance.now() - started;
  }

  /** Draws the chosen flows. */
  choose(ids: string[], focus: { callId: string; index: number | null } | null): void {
    if (!this.catalog) return;
    this.draw(ids, false);
    this.list.mark(ids);
    if (focus) {
      this.focusedLeg = focus.callId;
      this.graph.setFocus(focus.callId, true);
      this.timeline.setFocusLeg(focus.callId, focus.index, true);
    }
  }

  /** Draws one flow from the report's table and brings the page up to it and its card. */
  private showFlow(id: string, app: HTMLElement): void {
    this.choose([id], null);
    app.scrollIntoView({ block: 'start' });
    this.announce(`Flow ${id} drawn, with its answers above the graph`);
  }

  /** Highlights an event (the editor's cursor, or a row of the report's list); draws its flow if it is not drawn. */
  highlight(ref: EventRef, fromList: boolean): void {
    const place = this.catalog?.place(ref);
    if (!place) return;
    if (!this.selected.includes(place.flow.id)) {
      this.draw([place.flow.id], false);
      this.list.mark(this.selected);
    }
    this.focusedLeg = place.leg.callId;
    this.graph.setFocus(place.leg.callId, true);
    this.timeline.setFocusLeg(place.leg.callId, place.index, true);
    this.ladder.setFocus(place.leg.callId, place.index, true);
    if (fromList) this.announce(eventLabel(place.leg, place.event, place.index));
  }

  private clearHighlight(): void {
    this.focusedLeg = null;
    this.graph.setFocus(null, false);
    this.timeline.setFocusLeg(null, null, false);
    this.ladder.setFocus(null, null, false);
  }

  private draw(ids: string[], keepView: boolean): void {
    const catalog = this.catalog!;
    this.selected = ids;
    const flows = ids.map((id) => catalog.flowById.get(id)).filter((flow): flow is FlowView => flow !== undefined);
    const legs = flows.reduce((sum, flow) => sum + flow.legs.length, 0);
    const tooMany = legs > MAX_GRAPH_LEGS;
    const empty = catalog.model.flows.length === 0 ? 'No call events to draw: this capture has no call event with a call id and a state.'
      : flows.length === 0 ? 'Choose a flow in the list to draw it.' : `${plural(legs, 'leg')}: too many to draw at once. Narrow the search and draw fewer flows.`;
    let started = performance.now();
    this.graph.render(tooMany ? [] : flows, keepView, empty);
    this.timings.graph = performance.now() - started;
    started = performance.now();
    this.timeline.render(catalog.model, flows, keepView, empty);
    this.timings.timeline = performance.now() - started;
    this.ladder.render(catalog.model, tooMany ? [] : flows, empty);
    this.card.show(flows);
    this.alignButton.hidden = flows.length < 2;
    this.title.textContent = flows.length === 1 ? `Flow ${flows[0]!.id}` : `${plural(flows.length, 'flow')} · ${plural(legs, 'leg')}`;
    if (this.focusedLeg !== null) {
      this.graph.setFocus(this.focusedLeg, false);
      this.timeline.setFocusLeg(this.focusedLeg, null, false);
      this.ladder.setFocus(this.focusedLeg, null, false);
    }
    this.save();
  }

  /** The flows drawn now. */
  private drawnFlows(): FlowView[] {
    const catalog = this.catalog;
    return catalog ? this.selected.map((id) => catalog.flowById.get(id)).filter((flow): flow is FlowView => flow !== undefined) : [];
  }

  /** Takes back what the saved state keeps beyond the selection: the pane's view and the flows of other documents. */
  private restore(saved: NonNullable<ReturnType<Host['loadState']>>): void {
    if (saved.flowsByDocument) this.flowsByDocument = { ...saved.flowsByDocument, ...this.flowsByDocument };
    if (saved.view && saved.view !== this.view) this.setView(saved.view, false);
  }

  /** The tabs of the upper pane: the call graph or the ladder. */
  private paneTabs(parent: HTMLElement): Record<PaneView, HTMLButtonElement> {
    const list = add(parent, 'div', 'view-tabs');
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-label', 'Upper pane');
    const make = (view: PaneView, label: string, title: string) => {
      const tab = add(list, 'button', 'view-tab', label);
      tab.type = 'button';
      tab.title = title;
      tab.dataset.view = view;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', view === 'ladder' ? 'ladder-body' : 'graph-body');
      tab.addEventListener('click', () => this.setView(view, true));
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        const other = view === 'graph' ? 'ladder' : 'graph';
        this.setView(other, true);
        this.viewTabs[other].focus();
        event.preventDefault();
      });
      return tab;
    };
    const tabs = {
      graph: make('graph', 'Call graph', 'The legs and how they name each other'),
      ladder: make('ladder', 'Ladder', 'The customer and each leg as columns, time downward: who they spoke with, in what order, for how long, where they waited and were held, where the flow was transferred'),
    };
    tabs.graph.setAttribute('aria-selected', 'true');
    tabs.ladder.setAttribute('aria-selected', 'false');
    tabs.ladder.tabIndex = -1;
    return tabs;
  }

  /** Shows the graph or the ladder in the upper pane. */
  setView(view: PaneView, save: boolean): void {
    this.view = view;
    document.body.classList.toggle('view-ladder', view === 'ladder');
    for (const [name, tab] of Object.entries(this.viewTabs) as [PaneView, HTMLButtonElement][]) {
      tab.setAttribute('aria-selected', String(name === view));
      tab.tabIndex = name === view ? 0 : -1;
    }
    this.ladder.setVisible(view === 'ladder');
    if (save && this.catalog) this.save();
  }

  /** Shows an event: its line in the editor (VS Code) or its row in the list (the report). */
  private activate(leg: LegView, index: number): void {
    const event = leg.events[index];
    if (!event) return;
    this.focusedLeg = leg.callId;
    this.graph.setFocus(leg.callId, false);
    this.timeline.setFocusLeg(leg.callId, index, false);
    this.ladder.setFocus(leg.callId, index, false);
    if (this.host.embedded) {
      this.host.post({ type: 'reveal', source: event.source, event: event.event, line: event.line, callId: leg.callId });
    } else if (this.table) {
      this.table.reveal({ source: event.source, event: event.event });
    }
    this.announce(eventLabel(leg, event, index));
  }

  private async export(format: 'svg' | 'png'): Promise<void> {
    // What the user sees: the ladder (of the first chosen flow) or the graph, with the timeline below.
    const ladder = this.view === 'ladder' && this.ladder.drawn !== null;
    const flows = ladder ? this.selected.slice(0, 1) : this.selected;
    const title = `${flows.length === 1 ? `Call flow ${flows[0]}` : `${plural(flows.length, 'call flow')}`}${ladder ? ' · ladder' : ''}`;
    const name = `${flows.length === 1 ? `call-flow-${flows[0]}` : 'call-flows'}${ladder ? '-ladder' : ''}.${format}`;
    try {
      const upper = ladder ? { kind: 'ladder' as const, ladder: this.ladder } : { kind: 'graph' as const, graph: this.graph };
      const exported = exportView(upper, this.timeline, `${title}${this.catalog ? ` · ${this.catalog.model.sources.map((s) => s.name).join(', ')}` : ''}`);
      if (format === 'svg') {
        if (this.host.embedded) this.host.post({ type: 'export', format: 'svg', name, data: exported.svg });
        else download(name, new Blob([exported.svg], { type: 'image/svg+xml' }));
      } else {
        const png = await toPng(exported);
        if (this.host.embedded) this.host.post({ type: 'export', format: 'png', name, data: png });
        else download(name, await fetchDataUrl(png));
      }
      if (!this.host.embedded) this.setStatus(`Downloaded ${name}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.setStatus(`Export failed: ${message}`);
      this.host.post({ type: 'log', level: 'error', message: `export ${format}: ${message}`.slice(0, 4000) });
    }
  }

  /** A toggle that asks the host to pin the panel; it shows the state the host confirms (see setPinned). */
  private pinToggle(parent: HTMLElement): HTMLButtonElement {
    const button = this.button(parent, 'Pin', 'Keep showing this capture when you switch to another capture editor', () => {
      this.host.post({ type: 'pin', pinned: !this.pinned });
    });
    button.classList.add('toggle', 'pin-button');
    button.setAttribute('aria-pressed', 'false');
    return button;
  }

  private setPinned(pinned: boolean): void {
    this.pinned = pinned;
    if (this.pinButton) {
      this.pinButton.setAttribute('aria-pressed', String(pinned));
      this.pinButton.textContent = pinned ? 'Pinned' : 'Pin';
      this.pinButton.title = pinned ? 'Pinned to this capture: press to follow the active editor again' : 'Keep showing this capture when you switch to another capture editor';
    }
    // Before the first model, saving would overwrite the saved flow selection (the next draw saves the pin).
    if (this.catalog) this.save();
  }

  private button(parent: HTMLElement, label: string, title: string, action: () => void): HTMLButtonElement {
    const button = add(parent, 'button', 'button', label);
    button.type = 'button';
    button.title = title;
    button.addEventListener('click', action);
    return button;
  }

  private zoomButtons(parent: HTMLElement, zoomBy: (factor: number) => void, fit: () => void): void {
    const group = add(parent, 'div', 'zoom-buttons');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Zoom');
    const make = (text: string, label: string, action: () => void) => {
      const button = add(group, 'button', 'icon-button', text);
      button.type = 'button';
      button.title = label;
      button.setAttribute('aria-label', label);
      button.addEventListener('click', action);
    };
    make('−', 'Zoom out (-)', () => zoomBy(1 / 1.4));
    make('+', 'Zoom in (+)', () => zoomBy(1.4));
    const fitButton = add(parent, 'button', 'button fit-button', 'Fit');
    fitButton.type = 'button';
    fitButton.title = 'Fit to the pane (0); after you zoom or pan, the view stays until you fit';
    fitButton.addEventListener('click', fit);
  }

  /** A handle between the graph and the timeline: drag it, or focus it and use the arrow keys. */
  private splitter(main: HTMLElement): void {
    const handle = add(main, 'div', 'splitter');
    handle.tabIndex = 0;
    handle.setAttribute('role', 'separator');
    handle.setAttribute('aria-orientation', 'horizontal');
    handle.setAttribute('aria-label', 'Resize the graph and the timeline');
    const set = (graphHeight: number) => {
      const total = main.getBoundingClientRect().height;
      const clamped = Math.max(100, Math.min(total - 120, graphHeight));
      main.style.gridTemplateRows = `${Math.round(clamped)}px 5px minmax(100px, 1fr)`;
      handle.setAttribute('aria-valuenow', String(Math.round((clamped / Math.max(1, total)) * 100)));
    };
    const current = () => (main.firstElementChild as HTMLElement).getBoundingClientRect().height;
    handle.addEventListener('pointerdown', (event) => {
      const start = event.clientY, height = current();
      handle.setPointerCapture(event.pointerId);
      const move = (e: PointerEvent) => set(height + e.clientY - start);
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    handle.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      set(current() + (event.key === 'ArrowDown' ? 32 : -32));
      event.preventDefault();
    });
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }

  private announce(text: string): void {
    this.live.textContent = text;
  }

  private save(): void {
    if (this.document !== undefined) this.flowsByDocument = rememberFlows(this.flowsByDocument, this.document, this.selected);
    this.host.saveState({
      selected: this.selected, query: this.list.query, sort: this.list.sort, ...(this.document !== undefined ? { document: this.document } : {}),
      ...(this.pinned ? { pinned: true } : {}), ...(this.view !== 'graph' ? { view: this.view } : {}),
      ...(Object.keys(this.flowsByDocument).length > 0 ? { flowsByDocument: this.flowsByDocument } : {}),
    });
  }
}

/** Turns a data URL into a Blob without the network (decodes the base64 in the page). */
async function fetchDataUrl(dataUrl: string): Promise<Blob> {
  const [head, data] = dataUrl.split(',', 2) as [string, string];
  const type = /^data:([^;]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Creates the element the app lives in, if the page has none. */
export function appRoot(): HTMLElement {
  return document.getElementById('app') ?? document.body.appendChild(el('div'));
}
