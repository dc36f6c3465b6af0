import type { ViewModel } from './viewModel';

// Links found in payloads (recording and voicemail URLs) are untrusted. The one test of whether such a
// text may become a link, used by the webview (to draw it) and by the host (to open it, after zod).

/** The longest URL the view treats as a link (longer ones are shown as text only). */
export const MAX_LINK_LENGTH = 2048;

/**
 * The text as an https: URL when it is one, whole and plain: printable ASCII without spaces (no
 * control, bidi or look-alike character, no "…" of a shortened text), no user name or password in it
 * (`https://bank.example@evil.test/`), and already in the URL's normal form, so that what opens is exactly
 * what the user reads (`https:///x` would open `https://x/`). Null for anything else, which is shown as text.
 */
export function httpsLink(text: string): string | null {
  if (text.length > MAX_LINK_LENGTH || !/^https:\/\/[\x21-\x7e]+$/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hostname === '' || url.href !== text) return null;
  return text;
}

/** Every link of a model's answers (recordings and voicemails), as `httpsLink` gives it: the only URLs the host opens. */
export function answerLinks(model: ViewModel): Set<string> {
  const links = new Set<string>();
  for (const flow of model.flows) {
    for (const text of [...flow.answers.recordings, flow.answers.voicemailLink]) {
      const href = text === null ? null : httpsLink(text);
      if (href !== null) links.add(href);
    }
  }
  return links;
}
