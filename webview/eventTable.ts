// The report's list of every event with its diagnostics, per document, in pages; clicking a row
// shows its event in the graph and timeline. All payload text is written as text.
import type { EventRef } from '../src/shared/protocol';
import type { DiagnosticView, SourceView, ViewModel } from '../src/shared/viewModel';
import { add, el } from './dom';
import { formatStamp, plural } from './format';

const PAGE = 500;

/** The event list of the report. */
export class EventTable {
  private readonly section: HTMLElement;
  private readonly body: HTMLElement;
  private onlyProblems = false;
  private model: ViewModel | null = null;

  constructor(parent: HTMLElement, private readonly show: (ref: EventRef) => void) {
    this.section = add(parent, 'section', 'events');
    this.section.setAttribute('aria-labelledby', 'events-title');
    const head = add(this.section, 'div', 'events-head');
    add(head, 'h2', undefined, 'Events and diagnostics').id = 'events-title';
    const label = add(head, 'label', 'events-filter');
    const box = add(label, 'input');
    box.type = 'checkbox';
    label.append(' Only events with diagnostics');
    box.addEventListener('change', () => {
      this.onlyProblems = box.checked;
      this.render();
    });
    this.body = add(this.section, 'div', 'events-body');
    this.body.addEventListener('click', (event) => {
      const row = (event.target as Element).closest<HTMLTableRowElement>('tr[data-call]');
      if (row) this.show({ source: Number(row.dataset.source), event: Number(row.dataset.event) });
    });
    this.body.addEventListener('keydown', (event) => {
      const row = (event.target as Element).closest<HTMLTableRowElement>('tr[data-call]');
      if (row && (event.key === 'Enter' || event.key === ' ')) {
        this.show({ source: Number(row.dataset.source), event: Number(row.dataset.event) });
        event.preventDefault();
      }
    });
  }

  set(model: ViewModel): void {
    this.model = model;
    this.render();
  }

  /** Scrolls to an event's row (rendering its page if needed) and flashes it. */
  reveal(ref: EventRef): void {
    let row = document.getElementById(rowId(ref));
    if (!row) {
      const table = this.body.querySelector<HTMLElement>(`[data-source-index="${ref.source}"]`);
      const source = this.model?.sources[ref.source];
      if (!table || !source?.rows) return;
      const position = source.rows.findIndex((r) => r.event === ref.event);
      if (position < 0) return;
      this.fill(table, source, ref.source, position + 1);
      row = document.getElementById(rowId(ref));
    }
    if (!row) return;
    row.scrollIntoView({ block: 'center' });
    row.classList.remove('flash');
    void row.getBoundingClientRect();
    row.classList.add('flash');
    row.focus({ preventScroll: true });
  }

  private render(): void {
    this.body.replaceChildren();
    const model = this.model;
    if (!model) return;
    model.sources.forEach((source, index) => {
      const block = add(this.body, 'div', 'events-source');
      const title = add(block, 'h3');
      add(title, 'span', 'mono', source.name);
      add(title, 'span', 'events-counts', `${plural(source.events, 'event')} · ${countsText(source)}`);
      if (source.unattached && source.unattached.length > 0) {
        const list = add(block, 'ul', 'diagnostics unattached');
        for (const d of source.unattached) list.appendChild(diagnosticItem(d));
      }
      const table = add(block, 'table', 'events-table');
      table.dataset.sourceIndex = String(index);
      const head = add(add(table, 'thead'), 'tr');
      for (const name of ['Line', '#', 'Call id', 'State', 'Time (UTC)', 'Diagnostics']) add(head, 'th', undefined, name).scope = 'col';
      add(table, 'tbody');
      this.fill(table, source, index, PAGE);
    });
  }

  /** (Re)fills a table with its first `count` rows and a "show more" button. */
  private fill(table: HTMLElement, source: SourceView, index: number, count: number): void {
    const tbody = table.querySelector('tbody')!;
    const rows = (source.rows ?? []).filter((row) => !this.onlyProblems || row.diagnostics.length > 0);
    const shown = Math.min(rows.length, Math.max(count, tbody.childElementCount));
    const fragment = document.createDocumentFragment();
    for (const row of rows.slice(tbody.childElementCount, shown)) {
      const tr = el('tr');
      tr.id = rowId({ source: index, event: row.event });
      tr.className = row.diagnostics.length > 0 ? `has-${row.diagnostics[0]!.severity}` : '';
      if (row.callId !== null) {
        tr.dataset.call = row.callId;
        tr.dataset.source = String(index);
        tr.dataset.event = String(row.event);
        tr.tabIndex = 0;
        tr.title = 'Show this event in the graph and timeline';
      } else {
        tr.tabIndex = -1;
      }
      add(tr, 'td', 'num', String(row.line));
      add(tr, 'td', 'num', String(row.event + 1));
      add(tr, 'td', 'mono', row.callId ?? (row.kind === 'other' ? '(other event family)' : row.kind === 'invalid' ? '(unreadable)' : '—'));
      const state = add(tr, 'td', undefined, row.state ?? '');
      if (!row.trusted) add(state, 'span', 'untrusted', ' JWT not verified: kept out of the graph');
      add(tr, 'td', 'mono time', formatStamp(row.time));
      const cell = add(tr, 'td');
      if (row.diagnostics.length > 0) {
        const list = add(cell, 'ul', 'diagnostics');
        for (const d of row.diagnostics) list.appendChild(diagnosticItem(d));
      }
      fragment.appendChild(tr);
    }
    tbody.appendChild(fragment);
    const previousButton = table.nextElementSibling;
    if (previousButton?.classList.contains('show-more')) previousButton.remove();
    if (rows.length > shown) {
      const more = el('button', 'show-more', `Show ${Math.min(PAGE, rows.length - shown)} more of ${rows.length - shown} remaining`);
      more.type = 'button';
      more.addEventListener('click', () => this.fill(table, source, index, shown + PAGE));
      table.after(more);
    }
    if (rows.length === 0) {
      const tr = add(tbody, 'tr');
      add(tr, 'td', 'empty', this.onlyProblems ? 'No event has a diagnostic.' : 'No events.').colSpan = 6;
    }
  }
}

function rowId(ref: EventRef): string {
  return `event-${ref.source}-${ref.event}`;
}

function countsText(source: SourceView): string {
  const { error, warning, information, hint } = source.counts;
  return `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${information.toLocaleString('en-US')} information, ${plural(hint, 'hint')}`;
}

function diagnosticItem(d: DiagnosticView): HTMLLIElement {
  const item = el('li', `diagnostic severity-${d.severity}`);
  add(item, 'span', 'sev', d.severity === 'error' ? '✕' : d.severity === 'warning' ? '⚠' : 'ℹ').setAttribute('aria-label', d.severity);
  add(item, 'span', 'code', d.code);
  add(item, 'span', 'message', d.message);
  add(item, 'span', 'where', `${d.line}:${d.column}`);
  return item;
}
