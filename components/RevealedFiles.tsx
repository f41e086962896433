// The files of a revealed note, each offered as a download under the sender's name for it. A file
// is never opened or shown here: its bytes go to the browser's download as
// application/octet-stream whatever type the sender gave, so an HTML or SVG file cannot run.
import { useEffect, useMemo } from 'preact/hooks';
import { safeFileName } from '../utils/core/payload-read';
import type { NoteFile } from '../utils/core/payload';
import { useT } from './I18n';
import './RevealedFiles.css';

export function RevealedFiles({ files }: { files: NoteFile[] }) {
  const { t, plural, bytes } = useT();
  // One object URL per file for as long as the view shows them; revoked when it goes.
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(new Blob([new Uint8Array(f.bytes)], { type: 'application/octet-stream' }))), [files]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  if (files.length === 0) return null;
  return (
    <section class="revealed-files" aria-labelledby="revealed-files-heading">
      <h2 id="revealed-files-heading" class="small">{plural('reveal.files', files.length)}</h2>
      <ul class="files">
        {files.map((file, i) => {
          // Shown and saved under the cleaned name: no folders, no text-direction tricks.
          const shown = file.name ? safeFileName(file.name) : t('reveal.fileNumber', { number: i + 1 });
          return (
            <li class="file" key={`${i}-${file.name}`}>
              <span class="file-name" title={shown} dir="auto">{shown}</span>
              <span class="file-size muted small">{bytes(file.bytes.byteLength)}</span>
              <a class="btn download" href={urls[i]} download={shown} aria-label={t('reveal.downloadFile', { name: shown })}>{t('reveal.download')}</a>
            </li>
          );
        })}
      </ul>
      <p class="muted small">{t('reveal.downloadsNote')}</p>
    </section>
  );
}
