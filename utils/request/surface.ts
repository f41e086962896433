// Where the requester reveals an answer: a small extension window (browser UI that no page can
// draw over, read or take the keyboard from), one at a time. The page it shows,
// reveal-answer.html, names the request in its address (server and id: nothing secret).
import { browser } from 'wxt/browser';
import type { RequestRef } from './entry';

export const ANSWER_PAGE = '/reveal-answer.html';
const WIDTH = 460;
const HEIGHT = 620;

/** The reveal page's address for a request. */
export const answerPageUrl = (ref: RequestRef) =>
  `${browser.runtime.getURL(ANSWER_PAGE)}?server=${encodeURIComponent(ref.server)}&id=${encodeURIComponent(ref.id)}`;

/** The request a reveal page is about, from its own address. */
export function refFromAddress(search: string): RequestRef | undefined {
  const params = new URLSearchParams(search);
  const server = params.get('server');
  const id = params.get('id');
  return server && id && /^[A-Za-z0-9_-]{22}$/.test(id) ? { server, id } : undefined;
}

/** Opens the reveal window on a request's answer, or brings the open one to it. */
export async function openAnswerWindow(ref: RequestRef): Promise<void> {
  const url = answerPageUrl(ref);
  const pageUrl = browser.runtime.getURL(ANSWER_PAGE);
  const open = (await browser.windows.getAll({ populate: true, windowTypes: ['popup'] }))
    .find((w) => w.tabs?.some((t) => t.url?.startsWith(pageUrl)));
  const tab = open?.tabs?.[0];
  if (open?.id !== undefined && tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { url });
    await browser.windows.update(open.id, { focused: true });
    return;
  }
  await browser.windows.create({ url, type: 'popup', width: WIDTH, height: HEIGHT, focused: true });
}
