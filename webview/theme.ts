// Colours and fonts come from CSS custom properties: VS Code's theme variables inside the editor,
// the stylesheet's light or dark fallbacks in the report. The canvas reads them here.
import type { StateToken } from './states';

/** The tokens the canvas and the exporter need, as resolved CSS values. */
export interface Theme {
  fg: string;
  muted: string;
  bg: string;
  panel: string;
  widget: string;
  border: string;
  grid: string;
  focus: string;
  highlight: string;
  font: string;
  mono: string;
  fontSize: number;
  error: string;
  warning: string;
  info: string;
  highContrast: boolean;
  state: Record<StateToken, string>;
  role: Record<'entry' | 'operator' | 'monitor' | 'direct' | 'missing', string>;
}

export type { StateToken } from './states';

let cached: Theme | undefined;

/** The current theme (cached until the theme changes). */
export function theme(): Theme {
  if (cached) return cached;
  const style = getComputedStyle(document.body);
  const get = (name: string, fallback: string) => style.getPropertyValue(`--ce-${name}`).trim() || fallback;
  const size = parseFloat(get('font-size', '13px'));
  cached = {
    fg: get('fg', '#1f2328'),
    muted: get('muted', '#656d76'),
    bg: get('bg', '#ffffff'),
    panel: get('panel', '#f6f8fa'),
    widget: get('widget', '#ffffff'),
    border: get('border', '#d0d7de'),
    grid: get('grid', 'rgba(128,128,128,0.18)'),
    focus: get('focus', '#0969da'),
    highlight: get('lane-highlight', 'rgba(9,105,218,0.10)'),
    font: get('font', 'system-ui, sans-serif'),
    mono: get('mono', 'monospace'),
    fontSize: Number.isFinite(size) ? size : 13,
    error: get('error', '#d1242f'),
    warning: get('warning', '#9a6700'),
    info: get('info', '#0969da'),
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
    state: {
      alerting: get('state-alerting', '#d4a72c'),
      queued: get('state-queued', '#e16f24'),
      talking: get('state-talking', '#1a7f37'),
      held: get('state-held', '#0969da'),
      monitoring: get('state-monitoring', '#8250df'),
      barging: get('state-barging', '#bf3989'),
      voicemail: get('state-voicemail', '#1b7c83'),
      other: get('state-other', '#6e7781'),
    },
    role: {
      entry: get('role-entry', '#0969da'),
      operator: get('role-operator', '#1a7f37'),
      monitor: get('role-monitor', '#8250df'),
      direct: get('role-direct', '#57606a'),
      missing: get('muted', '#656d76'),
    },
  };
  return cached;
}

/** Calls `onChange` after VS Code switches theme (body class or the variables on <html>) or the OS scheme changes. */
export function watchTheme(onChange: () => void): void {
  const changed = () => {
    cached = undefined;
    onChange();
  };
  const observer = new MutationObserver(changed);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', changed);
}
