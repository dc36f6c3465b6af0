// The report's table of every flow, one row per flow with its scalar answers (as the core computed
// them), sortable by any column in the page (no network). A row's flow id shows that flow above, with
// its card. All payload text is written as text.
import type { FlowView, ViewModel } from '../src/shared/viewModel';
import { VIEW_OUTCOMES } from '../src/shared/viewModel';
import { add } from './dom';
import { sortIndices, type SortValue } from './flowSort';
import { agentById, agentName, answerDuration, formatStamp, outcomeName, plural } from './format';

/** Rows drawn at first (and per "Show more"): a report of 100,000 flows stays quick to open. */
const PAGE = 500;

interface Column {
  key: string;
  /** Payload text (a name): cut to the column's width, whole in the tooltip. */
  name?: boolean;
  title: string;
  numeric: boolean;
  value: SortValue;
  text(flow: FlowView): string;
}

const name = (flow: FlowView, callId: string | null) => (callId === null ? '—' : agentName(agentById(flow.answers, callId)));
const optional = (value: number | null) => (value === null ? '—' : String(value));

const COLUMNS: readonly Column[] = [
  { key: 'start', title: 'Start (UTC)', numeric: false, value: (f) => f.start, text: (f) => formatStamp(f.start) || 'unknown' },
  { key: 'flow', title: 'Flow', numeric: false, value: (f) => f.id, text: (f) => f.id },
  { key: 'customer', title: 'Customer', numeric: false, name: true, value: (f) => f.answers.customer.name ?? f.answers.customer.number,
    text: (f) => f.answers.customer.name ?? f.answers.customer.number ?? '—' },
  { key: 'outcome', title: 'Outcome', numeric: false, value: (f) => VIEW_OUTCOMES.indexOf(f.answers.outcome), text: (f) => outcomeName(f.answers.outcome) },
  { key: 'first-agent', title: 'First agent', numeric: false, name: true, value: (f) => (f.answers.firstAgent === null ? null : name(f, f.answers.firstAgent)), text: (f) => name(f, f.answers.firstAgent) },
  { key: 'last-agent', title: 'Last agent', numeric: false, name: true, value: (f) => (f.answers.lastAgent === null ? null : name(f, f.answers.lastAgent)), text: (f) => name(f, f.answers.lastAgent) },
  { key: 'transfers', title: 'Transfers', numeric: true, value: (f) => f.answers.transfers, text: (f) => String(f.answers.transfers) },
  { key: 'wait', title: 'Wait', numeric: true, value: (f) => f.answers.waitMs, text: (f) => answerDuration(f.answers.waitMs) },
  { key: 'hold', title: 'Hold', numeric: true, value: (f) => f.answers.holdMs, text: (f) => answerDuration(f.answers.holdMs) },
  { key: 'talk', title: 'Talk', numeric: true, value: (f) => f.answers.talkMs, text: (f) => answerDuration(f.answers.talkMs) },
  { key: 'ring', title: 'Ring', numeric: true, value: (f) => f.answers.ringMs, text: (f) => answerDuration(f.answers.ringMs) },
  { key: 'csat', title: 'CSAT', numeric: true, value: (f) => f.answers.csatScore, text: (f) => optional(f.answers.csatScore) },
  { key: 'final', title: 'Final', numeric: false, value: (f) => (f.answers.complete ? 1 : 0), text: (f) => (f.answers.complete ? 'yes' : 'no') },
];

/** The table of all flows in the report. */
export class AnswersTable {
  private readonly section: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly more: HTMLButtonElement;
  private readonly headers = new Map<string, HTMLTableCellElement>();
  private model: ViewModel | null = null;
  private order: number[] = [];
  private shown = PAGE;
  private sort: { key: string; descending: boolean } = { key: 'start', descending: false };

  constructor(parent: HTMLElement, private readonly show: (flowId: string) => void) {
    this.section = add(parent, 'section', 'answers');
    this.section.setAttribute('aria-labelledby', 'answers-title');
    add(this.section, 'h2', undefined, 'Flows and their answers').id = 'answers-title';
    add(this.section, 'p', 'answers-hint', 'One row per flow. Sort by a column with its heading; a flow id draws that flow above, with its card. Durations as ANSWERS.md defines them.');
    const scroll = add(this.section, 'div', 'answers-scroll');
    this.table = add(scroll, 'table', 'answers-table');
    const head = add(add(this.table, 'thead'), 'tr');
    for (const column of COLUMNS) {
      const th = add(head, 'th', column.numeric ? 'num' : undefined);
      th.scope = 'col';
      th.dataset.column = column.key;
      const button = add(th, 'button', 'sort-button', column.title);
      button.type = 'button';
      button.addEventListener('click', () => this.sortBy(column.key));
      this.headers.set(column.key, th);
    }
    this.body = add(this.table, 'tbody');
    this.more = add(this.section, 'button', 'show-more');
    this.more.type = 'button';
    this.more.addEventListener('click', () => {
      this.shown += PAGE;
      this.render();
    });
    this.body.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-flow-id]');
      if (button) this.show(button.dataset.flowId!);
    });
  }

  /** Shows a model's flows. */
  set(model: ViewModel): void {
    this.model = model;
    this.shown = PAGE;
    this.reorder();
  }

  private sortBy(key: string): void {
    // A first click sorts ascending (time, names A–Z, shortest first); a second reverses.
    this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : false };
    this.reorder();
  }

  private reorder(): void {
    const flows = this.model?.flows ?? [];
    const column = COLUMNS.find((c) => c.key === this.sort.key)!;
    this.order = sortIndices(flows, flows.map((_, i) => i), column.value, this.sort.descending);
    for (const [key, th] of this.headers) {
      th.setAttribute('aria-sort', key === this.sort.key ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
    }
    this.render();
  }

  private render(): void {
    const flows = this.model?.flows ?? [];
    const rows = this.order.slice(0, this.shown).map((index) => this.row(flows[index]!));
    if (rows.length === 0) {
      const empty = document.createElement('tr');
      const cell = add(empty, 'td', 'empty', 'No flows: this capture has no call event with a call id and a state.');
      cell.colSpan = COLUMNS.length;
      rows.push(empty);
    }
    this.body.replaceChildren(...rows);
    this.more.hidden = this.order.length <= this.shown;
    this.more.textContent = `Show ${Math.min(PAGE, this.order.length - this.shown).toLocaleString('en-US')} more of ${plural(this.order.length, 'flow')}`;
  }

  private row(flow: FlowView): HTMLTableRowElement {
    const row = document.createElement('tr');
    row.dataset.flowId = flow.id;
    if (!flow.answers.complete) row.classList.add('partial');
    for (const column of COLUMNS) {
      const cell = add(row, column.key === 'flow' ? 'th' : 'td', column.numeric ? 'num' : column.name ? 'name' : undefined);
      cell.dataset.column = column.key;
      if (column.key === 'flow') {
        cell.scope = 'row';
        const button = add(cell, 'button', 'link-button mono', flow.id);
        button.type = 'button';
        button.dataset.flowId = flow.id;
        button.setAttribute('aria-label', `Show flow ${flow.id} and its card`);
      } else {
        cell.textContent = column.text(flow);
        if (column.name) cell.title = cell.textContent;
      }
    }
    return row;
  }
}
