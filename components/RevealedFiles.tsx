// The files of a revealed note, each offered as a download under the sender's name for it. A file
// is never opened or shown here: its bytes go to the browser's download as
// application/octet-stream whatever type the sender gave, so an HTML or SVG file cannot run.
import { useEffect, useMemo } from 'preact/hooks';
import { formatBytes } from '../utils/core/format';
import type { NoteFile } from '../utils/core/payload';
import './RevealedFiles.css';

/** A name the file system takes: no folders, no control characters, never empty. */
export function downloadName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const safe = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '').trim();
  return safe === '' ? 'file' : safe;
}

export function RevealedFiles({ files }: { files: NoteFile[] }) {
  // One object URL per file for as long as the view shows them; revoked when it goes.
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(new Blob([new Uint8Array(f.bytes)], { type: 'application/octet-stream' }))), [files]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  if (files.length === 0) return null;
  return (
    <section class="revealed-files" aria-labelledby="revealed-files-heading">
      <h2 id="revealed-files-heading" class="small">{files.length === 1 ? 'File' : `${files.length} files`}</h2>
      <ul class="files">
        {files.map((file, i) => (
          <li class="file" key={`${i}-${file.name}`}>
            <span class="file-name" title={file.name}>{file.name}</span>
            <span class="file-size muted small">{formatBytes(file.bytes.byteLength)}</span>
            <a class="btn download" href={urls[i]} download={downloadName(file.name)} aria-label={`Download ${file.name}`}>Download</a>
          </li>
        ))}
      </ul>
      <p class="muted small">Saved where your browser keeps downloads. Delete the copies once you no longer need them.</p>
    </section>
  );
}
