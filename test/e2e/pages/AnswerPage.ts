// Page object of the answer page (components/AnswerView.tsx), served by the note server at /r/:id,
// in either browser.
import type { Driver } from './driver';

export const ANSWER_PAGE = {
  heading: 'h1',
  note: '#request-note',
  warning: '#identity-warning',
  secret: '#answer',
  sendButton: '.answer button[type="submit"]',
  alert: '[role="alert"]',
  status: '[role="status"]',
} as const;

export class AnswerPage {
  constructor(readonly ui: Driver) {}

  async open(link: string): Promise<void> {
    await this.ui.goto(link);
  }

  /** Waits until the page has checked the request (in any language) and settled on a heading. */
  async settledHeading(): Promise<string> {
    await this.ui.until(() => document.querySelector('h1') !== null && document.querySelector('[aria-busy="true"]') === null, null);
    return this.ui.text(ANSWER_PAGE.heading);
  }

  /** The requester's note as shown (textContent: every space and newline). */
  note(): Promise<string> {
    return this.ui.text(ANSWER_PAGE.note);
  }

  /** Types the secret and sends it; resolves once the page says it was sent, or shows an error. */
  async answer(secret: string, { keyboard = false } = {}): Promise<string> {
    await this.ui.fill(ANSWER_PAGE.secret, secret);
    if (keyboard) await this.ui.press('Control+Enter');
    else await this.ui.click(ANSWER_PAGE.sendButton);
    // The form's heading (#answer-heading) goes once the answer is sent; an error shows an alert.
    await this.ui.until(() => document.querySelector('#answer-heading') === null
      || document.querySelector('[role="alert"]') !== null, null);
    return this.ui.text(ANSWER_PAGE.heading);
  }
}
