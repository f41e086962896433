// Files attached to a new link, beside its text: a button that opens the file picker, the list of
// files with their sizes and a Remove button each, and the rules every way of attaching shares
// (picker, drag and drop, paste): no empty file, no file larger than the server takes, no twice
// the same file. Used by the popup, the note server's create page and its answer page.
import { useRef, useState } from 'preact/hooks';
import { MAX_FILES } from '../utils/core/payload';
import type { Translator } from '../utils/i18n/translate';
import { refusedFileText } from '../utils/share/error-text';
import { useT } from './I18n';

export interface AttachedFilesProps {
  files: File[];
  onRemove: (file: File) => void;
  onPick: (files: File[]) => void;
  disabled?: boolean;
}

/** The same file picked twice (same name, size and date) is attached once. */
const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

export interface AddedFiles {
  files: File[];
  /** Sentences about files that were not attached, and why. */
  refused: string[];
}

/**
 * Adds `picked` to `current`: an empty file or one larger than `maxBytes` is refused with a
 * sentence, a file already attached is skipped, and no more than MAX_FILES are kept.
 */
export function addFiles(tr: Translator, current: File[], picked: File[], maxBytes: number | undefined): AddedFiles {
  const files = [...current];
  const refused: string[] = [];
  for (const file of picked) {
    if (files.some((f) => sameFile(f, file))) continue;
    if (file.size === 0) {
      refused.push(refusedFileText(tr, file.name, 'empty'));
    } else if (maxBytes !== undefined && file.size > maxBytes) {
      refused.push(refusedFileText(tr, file.name, 'too_large', maxBytes, file.size));
    } else if (files.length >= MAX_FILES) {
      refused.push(refusedFileText(tr, file.name, 'too_many'));
    } else {
      files.push(file);
    }
  }
  return { files, refused };
}

/** Whether a drag carries files (not text or a link from the page). */
export function dragHasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function AttachedFiles({ files, onRemove, onPick, disabled }: AttachedFilesProps) {
  const { t, bytes } = useT();
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const remove = (file: File, index: number) => {
    onRemove(file);
    // Keep keyboard users in place: the next file's Remove button, else the attach button.
    queueMicrotask(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button');
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      (next ?? button.current)?.focus();
    });
  };

  return (
    <div class="attach">
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          onPick([...(e.currentTarget.files ?? [])]);
          // The same file may be picked again after it was removed.
          e.currentTarget.value = '';
        }}
      />
      <button type="button" ref={button} class="attach-button" disabled={disabled} onClick={() => input.current?.click()}>
        <svg width="15" height="15" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="m21 11-8.6 8.6a5 5 0 0 1-7-7L14 4a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9" />
        </svg>
        {t('share.attachFiles')}
      </button>
      {files.length > 0 ? (
        <ul ref={list} class="files" aria-label={t('share.attachedFiles')}>
          {files.map((file, i) => (
            <li key={`${file.name} ${file.size} ${file.lastModified}`} class="file">
              <span class="file-name">{file.name}</span>
              <span class="file-size muted small">{bytes(file.size)}</span>
              <button type="button" class="quiet file-remove" aria-label={t('share.removeFile', { name: file.name })} title={t('share.remove')} disabled={disabled} onClick={() => remove(file, i)}>
                <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6 6 18" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Files dropped on the form are attached; while they hover, the form says so. */
export function useFileDrop(busy: boolean, attach: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  const handlers = {
    onDragOver: (e: DragEvent) => { if (dragHasFiles(e) && !busy) { e.preventDefault(); setDragging(true); } },
    onDragLeave: (e: DragEvent & { currentTarget: HTMLFormElement }) => {
      const to = e.relatedTarget;
      if (!(to instanceof Node) || !e.currentTarget.contains(to)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!dragHasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      if (!busy) attach([...(e.dataTransfer?.files ?? [])]);
    },
  };
  return { dragging, handlers };
}

/** Files copied in a file manager paste as files: attach them rather than their names. */
export function pastedFiles(event: ClipboardEvent, attach: (files: File[]) => void): void {
  const pasted = [...(event.clipboardData?.files ?? [])];
  if (pasted.length === 0) return;
  event.preventDefault();
  attach(pasted);
}
