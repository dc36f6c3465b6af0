// The summary card of the chosen flow: what happened to the customer, as the core answered it
// (first and last agent, transfers, wait, hold, talk, outcome, CSAT, links). It shows the answers and
// computes none. Payload text (names, URLs, notes) is written as text; a URL becomes a link only when
// it is a plain https: URL (src/shared/links.ts), and in VS Code only the host opens it.
import { httpsLink } from '../src/shared/links';
import type { AnswersView, FlowView } from '../src/shared/viewModel';
import { add } from './dom';
import { agentById, agentName, answerDuration, outcomeName, plural, roleName } from './format';

/** How the card opens a link: asks the host (VS Code), or, absent, a plain link opens it in a new tab (the report). */
export type OpenLink = ((url: string) => void) | null;

/** The card above the graph. */
export class FlowCard {
  private readonly section: HTMLElement;
  private detailsOpen = false;

  constructor(parent: HTMLElement, private readonly openLink: OpenLink) {
    this.section = add(parent, 'section', 'flow-card');
    this.section.setAttribute('aria-label', 'Answers');
    this.section.hidden = true;
  }

  /** Shows the answers of one flow; several or none: a line saying so (or nothing). */
  show(flows: readonly FlowView[]): void {
    const previous = this.section.querySelector('.fc-toggle');
    if (previous) this.detailsOpen = previous.getAttribute('aria-expanded') === 'true';
    this.section.replaceChildren();
    this.section.hidden = flows.length === 0;
    if (flows.length === 0) return;
    if (flows.length > 1) {
      this.section.classList.add('fc-several');
      add(this.section, 'p', 'fc-hint', `${plural(flows.length, 'flow')} drawn: choose one flow for its answers (the report's table lists all).`);
      return;
    }
    this.section.classList.remove('fc-several');
    const flow = flows[0]!;
    this.section.setAttribute('aria-label', `Answers for flow ${flow.id}`);
    fillCard(this.section, flow, this.openLink, this.detailsOpen);
  }
}

/** Writes a flow's card into `parent` (the panel's card, and each card the report shows). */
export function fillCard(parent: HTMLElement, flow: FlowView, openLink: OpenLink, detailsOpen = false): void {
  const answers = flow.answers;
  const head = add(parent, 'div', 'fc-head');
  const outcome = add(head, 'span', `fc-outcome outcome-${answers.outcome}`, outcomeName(answers.outcome));
  outcome.dataset.outcome = answers.outcome;
  add(head, 'span', 'fc-who', headline(answers));
  if (!answers.complete) {
    const flag = add(head, 'span', 'fc-partial', 'Not final');
    flag.title = 'Something is missing from the capture: see the notes in the details';
  }
  // The details open in place (a disclosure button, in the head row so the closed card stays two lines high).
  const toggle = add(head, 'button', 'link-button fc-toggle');
  toggle.type = 'button';
  toggle.setAttribute('aria-controls', 'flow-card-details');

  const figures = add(parent, 'dl', 'fc-figures');
  const figure = (name: string, value: string, key: string, title?: string) => {
    const item = add(figures, 'div', 'fc-figure');
    item.dataset.answer = key;
    add(item, 'dt', undefined, name);
    const dd = add(item, 'dd', undefined, value);
    if (title) dd.title = title;
  };
  figure('First agent', agentName(agentById(answers, answers.firstAgent)), 'first-agent');
  figure('Last agent', agentName(agentById(answers, answers.lastAgent)), 'last-agent',
    answers.lastAgent === null && answers.agents.length > 0 ? 'Unknown until every agent\'s call has ended' : undefined);
  figure('Transfers', String(answers.transfers), 'transfers');
  figure('Wait', answerDuration(answers.waitMs), 'wait', 'From the start of the flow until the customer first spoke with an agent');
  figure('Hold', answerDuration(answers.holdMs), 'hold', 'The customer\'s total time on hold');
  figure('Talk', answerDuration(answers.talkMs), 'talk', 'Total agent talk time, less hold');
  figure('CSAT', answers.csatScore === null ? '—' : String(answers.csatScore), 'csat',
    answers.pcsatScore === null ? 'No CSAT score in the events' : `Predicted CSAT: ${answers.pcsatScore}`);

  const details = add(parent, 'div', 'fc-details');
  details.id = 'flow-card-details';
  const links = answers.recordings.length + (answers.voicemailLink === null ? 0 : 1);
  const parts = [plural(answers.agents.length, 'agent')];
  if (links > 0) parts.push(plural(links, 'link'));
  if (answers.notes.length > 0) parts.push(plural(answers.notes.length, 'note'));
  const setOpen = (open: boolean) => {
    details.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = `${open ? '▾' : '▸'} ${parts.join(', ')}`;
    toggle.title = open ? 'Hide the details' : 'Show each agent\'s talk and hold, the ring time, links and notes';
  };
  setOpen(detailsOpen);
  toggle.addEventListener('click', () => setOpen(details.hidden));
  if (answers.agents.length > 0) {
    const table = add(details, 'table', 'fc-agents');
    table.setAttribute('aria-label', 'Agents in the order they joined');
    const headRow = add(add(table, 'thead'), 'tr');
    for (const name of ['Agent', 'Role', 'Talk', 'Hold']) add(headRow, 'th', undefined, name).scope = 'col';
    const body = add(table, 'tbody');
    for (const agent of answers.agents) {
      const row = add(body, 'tr');
      row.dataset.callId = agent.callId;
      add(row, 'th', undefined, agentName(agent)).scope = 'row';
      add(row, 'td', undefined, roleName(agent.role, agent.monitorKind));
      // Dialpad's own figure beside ours when it sent one (RULES.md: answer.talk-time-mismatch flags a disagreement).
      const withDialpad = (ours: number | null, dialpad: number | null) =>
        dialpad === null ? answerDuration(ours) : `${answerDuration(ours)} (Dialpad: ${answerDuration(dialpad)})`;
      add(row, 'td', 'num', withDialpad(agent.talkMs, agent.dialpadTalkMs));
      add(row, 'td', 'num', withDialpad(agent.holdMs, agent.dialpadHoldMs));
    }
  }
  const more = add(details, 'dl', 'fc-more');
  const line = (name: string, fill: (dd: HTMLElement) => void) => {
    add(more, 'dt', undefined, name);
    fill(add(more, 'dd'));
  };
  line('Ring', (dd) => (dd.textContent = answerDuration(answers.ringMs)));
  line('Predicted CSAT', (dd) => (dd.textContent = answers.pcsatScore === null ? '—' : String(answers.pcsatScore)));
  answers.recordings.forEach((url, i) => line(answers.recordings.length > 1 ? `Recording ${i + 1}` : 'Recording', (dd) => linkOrText(dd, url, openLink)));
  if (answers.voicemailLink !== null) line('Voicemail', (dd) => linkOrText(dd, answers.voicemailLink!, openLink));
  if (answers.notes.length > 0) {
    const notes = add(details, 'ul', 'fc-notes');
    notes.setAttribute('aria-label', 'Why the answers are not final');
    for (const note of answers.notes) add(notes, 'li', undefined, note);
  }
}

/** "Marcus Reed → Aiko Tanaka", "Marcus Reed", or the customer when nobody answered. */
function headline(answers: AnswersView): string {
  const first = agentById(answers, answers.firstAgent);
  const last = agentById(answers, answers.lastAgent);
  if (first && last && last.callId !== first.callId) return `${agentName(first)} → ${agentName(last)}`;
  if (first) return agentName(first);
  const customer = answers.customer.name ?? answers.customer.number;
  return customer === null ? '' : `Customer ${customer}`;
}

/**
 * A URL from the payload: always its full text (selectable, so it can be copied); an https: one also
 * gets an "Open" control. In VS Code that is a button whose click asks the host, which validates the
 * message and opens the URL through the editor (with its own prompt for unknown sites); in the report, a
 * link to a new tab without referrer.
 */
function linkOrText(parent: HTMLElement, url: string, openLink: OpenLink): void {
  add(parent, 'code', 'fc-url', url);
  const href = httpsLink(url);
  if (href === null) return;
  if (openLink) {
    const button = add(parent, 'button', 'link-button fc-open', 'Open');
    button.type = 'button';
    button.setAttribute('aria-label', `Open ${url} in the browser`);
    button.addEventListener('click', () => openLink(href));
  } else {
    const link = add(parent, 'a', 'fc-open', 'Open');
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.setAttribute('aria-label', `Open ${url} in a new tab`);
  }
}
