// Files in an answer on the answer page (/r/:id): the sender's file list (AttachedFiles: picker,
// list, Remove), taken by the picker, by drag and drop and by paste, with the answer page's
// sentences in the person's language: no empty file, none larger than the server takes, no more
// than a note carries. The files travel in the answer's payload exactly as in a note's
// (utils/core/payload.ts), encrypted to the requester's key with the text.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { MAX_FILES, MAX_FILE_NAME, type ContentError, type ContentInfo, type NoteFile } from '../utils/core/payload';
import { err, ok, type Result } from '../utils/core/result';
import type { Translator } from '../utils/i18n/translate';
import { AttachedFiles } from './AttachedFiles';
import { useT } from './I18n';
import './AnswerFiles.css';

/** The same file picked twice (same name, size and date) is attached once. */
const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

export const contentOf = (text: string, files: readonly File[]): ContentInfo => ({
  text,
  files: files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
});

/** Why a picked file was not attached, in a sentence; undefined when it may be attached. */
function refusal({ t, bytes }: Translator, file: File, attached: number, maxBytes: number | undefined): string | undefined {
  if (file.size === 0) return t('answerFiles.emptyFile', { name: file.name });
  if (maxBytes !== undefined && file.size > maxBytes) {
    return t('answerFiles.fileTooLarge', { name: file.name, excess: bytes(file.size - maxBytes), limit: bytes(maxBytes) });
  }
  if (attached >= MAX_FILES) return t('answerFiles.tooManyFiles', { name: file.name, max: MAX_FILES });
  return undefined;
}

/** The sentence for content that cannot be sent as it is (utils/core/payload's checkContent). */
export function contentErrorText(i18n: Translator, error: ContentError, content: ContentInfo, size: number, maxBytes: number): string {
  const { t, bytes } = i18n;
  const file = content.files.find((f) => f.name === error.file);
  switch (error.code) {
    case 'empty':
      return t('answer.empty');
    case 'empty_file':
      return t('answerFiles.emptyFile', { name: error.file ?? '' });
    case 'too_many_files':
      return t('answerFiles.tooMany', { count: content.files.length, max: MAX_FILES });
    case 'name_too_long':
      return t('answerFiles.nameTooLong', { max: MAX_FILE_NAME, name: `${(error.file ?? '').slice(0, 40)}…` });
    case 'too_large':
      if (file) return t('answerFiles.fileTooLarge', { name: file.name, excess: bytes(file.size - maxBytes), limit: bytes(maxBytes) });
      if (content.files.length === 0) return t('answer.tooLarge', { excess: bytes(size - maxBytes), limit: bytes(maxBytes) });
      return t('answerFiles.totalTooLarge', { size: bytes(size), excess: bytes(size - maxBytes), limit: bytes(maxBytes) });
  }
}

/** The files attached so far, what was just refused, and what a screen reader is told. */
export function useAnswerFiles(maxBytes: number | undefined, onChange: () => void) {
  const i18n = useT();
  const [files, setFiles] = useState<File[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const attach = (picked: File[]) => {
    if (picked.length === 0) return;
    const next = [...files];
    const sentences: string[] = [];
    for (const file of picked) {
      if (next.some((f) => sameFile(f, file))) continue;
      const why = refusal(i18n, file, next.length, maxBytes);
      if (why) sentences.push(why);
      else next.push(file);
    }
    const added = next.filter((f) => !files.includes(f)).map((f) => f.name);
    setFiles(next);
    setRefused(sentences);
    setAnnouncement(added.length > 0 ? i18n.t('answerFiles.attached', { names: added.join(', ') }) : '');
    onChange();
  };
  const remove = (file: File) => {
    setFiles(files.filter((f) => f !== file));
    setRefused([]);
    setAnnouncement(i18n.t('answerFiles.removed', { name: file.name }));
    onChange();
  };
  const clear = () => {
    setFiles([]);
    setRefused([]);
  };
  return { files, attach, remove, clear, refused, clearRefused: () => setRefused([]), announcement };
}

export type AnswerFilesState = ReturnType<typeof useAnswerFiles>;

/** The bytes of every attached file; a sentence when one could not be read (moved, deleted). */
export async function readFiles({ t }: Translator, files: readonly File[]): Promise<Result<NoteFile[], string>> {
  const read: NoteFile[] = [];
  for (const file of files) {
    try {
      read.push({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch {
      return err(t('answerFiles.unreadable', { name: file.name }));
    }
  }
  return ok(read);
}

/** The list with its picker, the refusals beside it, and the announcement for screen readers. */
export function AnswerAttachments({ state, busy }: { state: AnswerFilesState; busy: boolean }) {
  return (
    <>
      <AttachedFiles files={state.files} disabled={busy} onPick={state.attach} onRemove={state.remove} />
      {state.refused.length > 0 ? (
        <div class="notice error small attach-refused" role="alert">{state.refused.map((r) => <p key={r}>{r}</p>)}</div>
      ) : null}
      <p class="visually-hidden" role="status" id="answer-files-status">{state.announcement}</p>
    </>
  );
}

/** Over the form while files are dragged over it. */
export function DropHint({ children }: { children: ComponentChildren }) {
  return <div class="drop-hint" aria-hidden="true">{children}</div>;
}
