// Page object of the first-run page (welcome.html), shared by both browsers: it opens on install,
// asks for the note server (checked before it is saved) and offers link detection.
import type { Driver } from './driver';

export const FIRST_RUN = {
  heading: 'h1',
  intro: '.intro li',
  server: '#server',
  createToken: '#createToken',
  saveButton: 'form.card button[type="submit"]',
  saved: '.notice.ok',
  alert: 'form.card [role="alert"]',
} as const;

export class FirstRunUi {
  constructor(readonly ui: Driver) {}

  /** Waits for the page to show its form; returns its heading. */
  async ready(): Promise<string> {
    await this.ui.waitFor(FIRST_RUN.server);
    return this.ui.text(FIRST_RUN.heading);
  }

  serverField(): Promise<string> {
    return this.ui.value(FIRST_RUN.server);
  }

  /** Types the server address and clicks "Check and save"; resolves to the sentence shown. */
  async save(server: string): Promise<{ ok: boolean; message: string }> {
    await this.ui.fill(FIRST_RUN.server, server);
    await this.ui.click(FIRST_RUN.saveButton);
    await this.ui.until(({ saved, alert }) => document.querySelector(`${saved}, ${alert}`) !== null, FIRST_RUN);
    const ok = await this.ui.isVisible(FIRST_RUN.saved);
    return { ok, message: await this.ui.text(ok ? FIRST_RUN.saved : FIRST_RUN.alert) };
  }
}
