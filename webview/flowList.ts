// The list of flows with its search: it picks which flows are drawn. Click picks one flow,
// Ctrl/⌘-click or Space adds or removes one, Shift-click picks a range; arrow keys move. It sorts by
// the answers (start, wait, hold, talk, transfers, outcome); the application keeps the sort in its state.
import type { FlowView } from '../src/shared/viewModel';
import type { Catalog } from './catalog';
import { add, el, glyph } from './dom';
import { DEFAULT_SORT, SORT_KEYS, sortIndices, sortValue, type FlowSort, type SortKey } from './flowSort';
import { answerDuration, clip, formatDateTime, formatDuration, legName, outcomeName, plural } from './format';
import { shapeDash, shapePath } from './shapes';

/** At most this many matches are listed (the rest are reached by refining the search or "Draw all"). */
const LIST_LIMIT = 400;

/** What the list tells the application. */
export interface FlowListCallbacks {
  /** The chosen flows changed (ids in time order). */
  choose(ids: string[]): void;
  /** The search text changed. */
  query(text: string): void;
  /** The sort changed. */
  sorted(sort: FlowSort): void;
}

/** The sidebar's flow list. */
export class FlowList {
  private readonly input: HTMLInputElement;
  private readonly summary: HTMLElement;
  private readonly drawAll: HTMLButtonElement;
  private readonly list: HTMLUListElement;
  private readonly more: HTMLElement;
  private readonly sortKey: HTMLSelectElement;
  private readonly sortOrder: HTMLButtonElement;
  private sortBy: FlowSort = DEFAULT_SORT;
  private catalog: Catalog | null = null;
  private matches: number[] = [];
  private selected = new Set<string>();
  private active = 0;
  private anchor: number | null = null;

  constructor(parent: HTMLElement, private readonly callbacks: FlowListCallbacks) {
    const search = add(parent, 'div', 'search');
    this.input = add(search, 'input', 'search-input');
    this.input.type = 'search';
    this.input.placeholder = 'Search: call id, phone, name, state, time';
    this.input.setAttribute('aria-label', 'Search flows by call id, phone number, name, state or time');
    this.input.spellcheck = false;
    const sorting = add(parent, 'div', 'list-sort');
    const sortLabel = add(sorting, 'label', undefined, 'Sort by ');
    this.sortKey = add(sortLabel, 'select', 'sort-key');
    for (const { key, label } of SORT_KEYS) add(this.sortKey, 'option', undefined, label).value = key;
    this.sortOrder = add(sorting, 'button', 'icon-button sort-order');
    this.sortOrder.type = 'button';
    this.sortKey.addEventListener('change', () => this.setSort({ key: this.sortKey.value as SortKey, descending: this.sortBy.descending }, true));
    this.sortOrder.addEventListener('click', () => this.setSort({ key: this.sortBy.key, descending: !this.sortBy.descending }, true));
    const row = add(parent, 'div', 'list-meta');
    this.summary = add(row, 'span', 'list-count');
    this.summary.setAttribute('aria-live', 'polite');
    this.drawAll = add(row, 'button', 'link-button', 'Draw all');
    this.drawAll.type = 'button';
    this.drawAll.title = 'Draw every flow that matches the search';
    this.list = add(parent, 'ul', 'flow-list');
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-multiselectable', 'true');
    this.list.setAttribute('aria-label', 'Flows');
    this.list.tabIndex = 0;
    this.showSort();
    this.more = add(parent, 'div', 'list-more');
    this.more.hidden = true;

    let timer = 0;
    this.input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        this.callbacks.query(this.input.value);
        this.refresh();
      }, 120);
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        this.list.focus();
        event.preventDefault();
      } else if (event.key === 'Enter' && this.matches.length > 0) {
        this.choose([this.flowAt(0)!.id]);
      }
    });
    this.drawAll.addEventListener('click', () => this.choose(this.matches.map((i) => this.catalog!.model.flows[i]!.id)));
    this.list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLLIElement>('li[data-index]');
      if (!item) return;
      const position = Number(item.dataset.index);
      this.activate(position);
      const id = this.flowAt(position)!.id;
      if (event.shiftKey && this.anchor !== null) {
        const [a, b] = [Math.min(this.anchor, position), Math.max(this.anchor, position)];
        this.choose(this.matches.slice(a, b + 1).map((i) => this.catalog!.model.flows[i]!.id));
        return;
      }
      this.anchor = position;
      if (event.ctrlKey || event.metaKey) this.toggle(id);
      else this.choose([id]);
    });
    this.list.addEventListener('keydown', (event) => this.onKey(event));
    this.list.addEventListener('focus', () => this.activate(this.active));
  }

  /** The search box's text. */
  get query(): string {
    return this.input.value;
  }

  /** The list's sort. */
  get sort(): FlowSort {
    return this.sortBy;
  }

  /** Sets the model, the search text, the chosen flows and (when given) the sort, and redraws. */
  set(catalog: Catalog, query: string, selected: readonly string[], sort?: FlowSort): void {
    this.catalog = catalog;
    this.input.value = query;
    if (sort) {
      this.sortBy = sort;
      this.showSort();
    }
    this.selected = new Set(selected);
    this.refresh();
  }

  /** Marks the chosen flows (after a change made elsewhere). */
  mark(selected: readonly string[]): void {
    this.selected = new Set(selected);
    for (const item of this.list.children) {
      const flow = this.flowAt(Number((item as HTMLElement).dataset.index));
      if (flow) item.setAttribute('aria-selected', String(this.selected.has(flow.id)));
    }
  }

  focus(): void {
    this.input.focus();
  }

  private flowAt(position: number): FlowView | undefined {
    const index = this.matches[position];
    return index === undefined ? undefined : this.catalog?.model.flows[index];
  }

  private choose(ids: string[]): void {
    this.selected = new Set(ids);
    this.mark(ids);
    this.callbacks.choose(this.ordered());
  }

  private toggle(id: string): void {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.mark([...this.selected]);
    this.callbacks.choose(this.ordered());
  }

  private ordered(): string[] {
    return this.catalog ? this.catalog.model.flows.filter((flow) => this.selected.has(flow.id)).map((flow) => flow.id) : [];
  }

  private setSort(sort: FlowSort, tell: boolean): void {
    this.sortBy = sort;
    this.showSort();
    this.refresh();
    if (tell) this.callbacks.sorted(sort);
  }

  private showSort(): void {
    this.sortKey.value = this.sortBy.key;
    const label = SORT_KEYS.find((k) => k.key === this.sortBy.key)!.label.toLowerCase();
    const order = this.sortBy.descending ? 'descending' : 'ascending';
    this.sortOrder.textContent = this.sortBy.descending ? '↓' : '↑';
    this.sortOrder.title = `Sorted by ${label}, ${order} (unknown values last): click to reverse`;
    this.sortOrder.setAttribute('aria-label', `Sort ${order}; click to reverse`);
    this.list.dataset.sort = `${this.sortBy.key} ${order}`;
  }

  private refresh(): void {
    const catalog = this.catalog;
    if (!catalog) return;
    const found = catalog.search(this.input.value);
    const { key, descending } = this.sortBy;
    this.matches = key === 'start' && !descending ? found : sortIndices(catalog.model.flows, found, sortValue(key), descending);
    const total = catalog.model.flows.length;
    this.summary.textContent = this.input.value.trim() ? `${this.matches.length.toLocaleString('en-US')} of ${plural(total, 'flow')}` : plural(total, 'flow');
    this.drawAll.hidden = this.matches.length < 2;
    this.drawAll.textContent = this.matches.length === total ? `Draw all ${total.toLocaleString('en-US')}` : `Draw ${this.matches.length.toLocaleString('en-US')} matches`;
    const shown = this.matches.slice(0, LIST_LIMIT);
    const items = shown.map((index, position) => this.item(catalog.model.flows[index]!, position));
    this.list.replaceChildren(...items);
    this.more.hidden = this.matches.length <= LIST_LIMIT;
    this.more.textContent = `Showing the first ${LIST_LIMIT} of ${this.matches.length.toLocaleString('en-US')} matches: refine the search to see others.`;
    if (shown.length === 0) {
      const empty = add(this.list, 'li', 'list-empty', total === 0 ? 'No call events in this capture.' : 'No flow matches the search.');
      empty.setAttribute('role', 'presentation');
    }
    this.active = Math.min(this.active, Math.max(0, shown.length - 1));
  }

  private item(flow: FlowView, position: number): HTMLLIElement {
    const item = el('li', 'flow-item');
    item.setAttribute('role', 'option');
    item.id = `flow-option-${position}`;
    item.dataset.index = String(position);
    item.dataset.flowId = flow.id;
    item.setAttribute('aria-selected', String(this.selected.has(flow.id)));
    const top = add(item, 'div', 'fi-top');
    add(top, 'span', 'fi-id', flow.id);
    if (flow.errors > 0) add(top, 'span', 'fi-badge fi-error', `✕ ${flow.errors}`).title = plural(flow.errors, 'error');
    if (flow.warnings > 0) add(top, 'span', 'fi-badge fi-warning', `⚠ ${flow.warnings}`).title = plural(flow.warnings, 'warning');
    const contact = flow.legs.find((leg) => leg.contact?.name || leg.contact?.phone)?.contact;
    const anchor = flow.legs.find((leg) => leg.role === 'entry_point' || leg.role === 'direct') ?? flow.legs[0];
    const who = [contact?.name ?? contact?.phone, anchor ? legName(anchor) : null].filter(Boolean).join(' → ');
    add(item, 'div', 'fi-who', clip(who || 'Unknown parties', 60));
    const meta = add(item, 'div', 'fi-meta');
    const shapes = add(meta, 'span', 'fi-shapes');
    for (const leg of flow.legs.slice(0, 8)) shapes.appendChild(glyph(shapePath(leg.role, 14, 9), `glyph-${leg.role}`, 14, 9, shapeDash(leg.role)));
    if (flow.legs.length > 8) add(shapes, 'span', 'fi-more', `+${flow.legs.length - 8}`);
    const parts = [formatDateTime(flow.start).replace(' UTC', ''), plural(flow.legs.length, 'leg')];
    if (flow.transfers > 0) parts.push(`⇄ ${flow.transfers}`);
    if (flow.start !== null && flow.end !== null && flow.end > flow.start) parts.push(formatDuration(flow.end - flow.start));
    add(meta, 'span', 'fi-text', parts.join(' · '));
    const answer = answerText(flow);
    add(item, 'div', `fi-answer outcome-${flow.answers.outcome}`, answer);
    item.setAttribute('aria-label', `Flow ${flow.id}, ${who}, ${parts.join(', ')}, ${answer}${flow.errors ? `, ${plural(flow.errors, 'error')}` : ''}${flow.warnings ? `, ${plural(flow.warnings, 'warning')}` : ''}`);
    return item;
  }

  private activate(position: number): void {
    const items = this.list.querySelectorAll<HTMLLIElement>('li[data-index]');
    if (items.length === 0) return;
    this.active = Math.max(0, Math.min(items.length - 1, position));
    items.forEach((item, i) => item.classList.toggle('active', i === this.active));
    const item = items[this.active]!;
    this.list.setAttribute('aria-activedescendant', item.id);
    item.scrollIntoView({ block: 'nearest' });
  }

  private onKey(event: KeyboardEvent): void {
    const count = Math.min(this.matches.length, LIST_LIMIT);
    if (count === 0) return;
    switch (event.key) {
      case 'ArrowDown': this.activate(this.active + 1); break;
      case 'ArrowUp':
        if (this.active === 0) this.input.focus();
        else this.activate(this.active - 1);
        break;
      case 'Home': this.activate(0); break;
      case 'End': this.activate(count - 1); break;
      case 'PageDown': this.activate(this.active + 10); break;
      case 'PageUp': this.activate(this.active - 10); break;
      case 'Enter': this.choose([this.flowAt(this.active)!.id]); break;
      case ' ': this.toggle(this.flowAt(this.active)!.id); break;
      default: return;
    }
    event.preventDefault();
  }
}

/** "Answered · wait 11.1 s · hold 23.4 s · talk 5 min 08 s": the outcome and the figures the list sorts by. */
function answerText(flow: FlowView): string {
  const { answers } = flow;
  const parts = [outcomeName(answers.outcome), `wait ${answerDuration(answers.waitMs)}`];
  if (answers.holdMs !== 0) parts.push(`hold ${answerDuration(answers.holdMs)}`);
  if (answers.agents.length > 0) parts.push(`talk ${answerDuration(answers.talkMs)}`);
  if (!answers.complete) parts.push('not final');
  return parts.join(' · ');
}
