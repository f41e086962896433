// Page objects of the requester's side, shared by both browsers: the popup's Request tab
// (components/RequestPanel.tsx) and the window where an answer is revealed
// (entrypoints/reveal-answer, components/AnswerReveal.tsx).
import type { Driver } from './driver';

export const REQUEST_TAB = {
  tab: '#tab-request',
  note: '#request-note',
  expiry: '#request-expiry',
  createButton: '.request-form button[type="submit"]',
  createdHeading: '#request-created-heading',
  copyStatus: '.request-created [role="status"]',
  link: '#request-link',
  doneButton: '.request-created button.primary',
  list: '.requests',
} as const;

/** The list item of a request (its id is in the link). */
const item = (id: string) => `li[aria-labelledby="request-${id}-title"]`;

export class RequestTabUi {
  constructor(readonly ui: Driver) {}

  async show(): Promise<void> {
    await this.ui.click(REQUEST_TAB.tab);
    await this.ui.waitFor(REQUEST_TAB.list);
  }

  /** Types the note, picks the expiry, creates the request; resolves once the link or an error shows. */
  async create(note: string, expiry?: string): Promise<void> {
    if (await this.ui.isVisible(REQUEST_TAB.doneButton)) await this.ui.click(REQUEST_TAB.doneButton);
    await this.ui.fill(REQUEST_TAB.note, note);
    if (expiry !== undefined) await this.ui.selectByLabel(REQUEST_TAB.expiry, expiry);
    await this.ui.click(REQUEST_TAB.createButton);
    await this.ui.until(() => document.querySelector('#request-created-heading, .request-form [role="alert"]') !== null, null);
  }

  link(): Promise<string> {
    return this.ui.value(REQUEST_TAB.link);
  }

  /** The state line of a request in the list, once it says `expected` (a regular expression source). */
  async stateOf(id: string, expected = '.'): Promise<string> {
    const selector = `${item(id)} .sent-state`;
    await this.ui.until(([s, pattern]) => new RegExp(pattern).test(document.querySelector(s)?.textContent ?? ''), [selector, expected] as [string, string]);
    return this.ui.text(selector);
  }

  /** Clicks one of a request's buttons in the list. */
  async clickOn(id: string, action: 'reveal' | 'copy' | 'withdraw' | 'confirm-withdraw' | 'forget'): Promise<void> {
    await this.ui.click(`${item(id)} button[data-action="${action}"]`);
  }
}

export const ANSWER_REVEAL = {
  heading: 'h1',
  revealButton: '.answer-reveal button.wide',
  answer: '[data-testid="answer"]',
  alert: '[role="alert"]',
  check: '#check-with-sender',
} as const;

export class AnswerRevealUi {
  constructor(readonly ui: Driver) {}

  async settledHeading(): Promise<string> {
    await this.ui.waitFor(ANSWER_REVEAL.heading);
    return this.ui.text(ANSWER_REVEAL.heading);
  }

  /** Clicks "Reveal answer"; resolves to the answer's text, or throws with the page's alert. */
  async reveal(): Promise<string> {
    await this.ui.click(ANSWER_REVEAL.revealButton);
    await this.ui.until(() => document.querySelector('[data-testid="answer"], [role="alert"]') !== null, null);
    if (await this.ui.isVisible(ANSWER_REVEAL.alert)) throw new Error(await this.ui.text(ANSWER_REVEAL.alert));
    return this.ui.text(ANSWER_REVEAL.answer);
  }
}

/** Runs in an extension page: the request key pairs in IndexedDB, as `<server> <id>` with what WebCrypto says of them. */
export function storedRequestKeys(): Promise<Array<{ key: string; extractable: boolean; exportRefused: boolean }>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('burnlink-request-keys', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction('keys').objectStore('keys');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = async () => {
        const pairs = values.result as CryptoKeyPair[];
        resolve(await Promise.all(pairs.map(async (pair, i) => ({
          key: String(keys.result[i]),
          extractable: pair.privateKey.extractable,
          exportRefused: await crypto.subtle.exportKey('pkcs8', pair.privateKey).then(() => false, () => true),
        }))));
      };
    };
  });
}
