// Page object of the files on the answer page (components/AnswerFiles.tsx inside AnswerView), in
// either browser: files dropped or pasted as a person's desktop hands them over (a DataTransfer
// holding File objects), the list, the refusals, the size line, and sending.
import type { Driver } from './driver';

export interface DroppedFile {
  name: string;
  type: string;
  bytes: number[];
}

export const ANSWER_FILES = {
  form: '.answer-form',
  attachButton: '.answer-form .attach-button',
  names: '.answer-form .attach .file-name',
  refused: '.answer-form .attach-refused p',
  size: '#answer-size',
  secret: '#answer',
  sendButton: '.answer-form button[type="submit"]',
  /** The form's own error after Send (refusals of picked files are said beside the files). */
  error: '.answer-form > p.notice.error',
} as const;

export class AnswerFilesUi {
  constructor(readonly ui: Driver) {}

  /** Drops files on the form, as a drag from the desktop does. */
  async drop(files: DroppedFile[]): Promise<void> {
    await this.ui.evaluate((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      const form = document.querySelector('.answer-form');
      if (!form) throw new Error('no answer form');
      form.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, files);
  }

  /** Pastes files into the text box, as after "Copy" in a file manager. */
  async paste(files: DroppedFile[]): Promise<void> {
    await this.ui.click(ANSWER_FILES.secret);
    await this.ui.evaluate((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      document.querySelector('#answer')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, files);
  }

  /** Names of the attached files, in order. */
  names(): Promise<string[]> {
    return this.ui.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), ANSWER_FILES.names);
  }

  /** The sentences about files just refused, one a file. */
  refusals(): Promise<string[]> {
    return this.ui.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), ANSWER_FILES.refused);
  }

  size(): Promise<string> {
    return this.ui.text(ANSWER_FILES.size);
  }

  /** Clicks a file's Remove button (its accessible name is "Remove <name>"). */
  async remove(name: string): Promise<void> {
    await this.ui.click(`${ANSWER_FILES.form} button.file-remove[aria-label="Remove ${name}"]`);
  }

  /** Clicks Send; resolves to the page's heading once sent, or to the form's error. */
  async send(): Promise<{ heading: string; error?: string }> {
    await this.ui.click(ANSWER_FILES.sendButton);
    await this.ui.until((s) => document.querySelector('#answer-heading') === null || document.querySelector(s) !== null, ANSWER_FILES.error);
    if (await this.ui.isVisible(ANSWER_FILES.error)) return { heading: await this.ui.text('h1'), error: await this.ui.text(ANSWER_FILES.error) };
    return { heading: await this.ui.text('h1') };
  }
}
