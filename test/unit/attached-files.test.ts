// The rules every way of attaching files shares (picker, drag and drop, paste).
import { describe, expect, it } from 'vitest';
import { addFiles } from '../../components/AttachedFiles';
import { MAX_FILES } from '../../utils/core/payload';
import { readCatalogue } from '../../utils/i18n/catalogues';
import { catalogueTranslator } from '../../utils/i18n/translate';

/** The English catalogue, with British dates as these tests expect. */
const english = catalogueTranslator('en-GB', readCatalogue('en'));

const file = (name: string, size: number, lastModified = 1) => new File([new Uint8Array(size)], name, { lastModified });

describe('addFiles', () => {
  it('adds files in order and skips one attached twice', () => {
    const a = file('kubeconfig', 5000);
    const b = file('client.p12', 3000);
    const first = addFiles(english, [], [a, b], 1024 * 1024);
    expect(first).toEqual({ files: [a, b], refused: [] });
    expect(addFiles(english, first.files, [file('kubeconfig', 5000)], 1024 * 1024)).toEqual({ files: [a, b], refused: [] });
  });

  it('refuses an empty file and one larger than the server takes, each with a sentence, and keeps the rest', () => {
    const ok = file('id_ed25519', 400);
    const added = addFiles(english, [], [file('empty.txt', 0), ok, file('backup.tar', 2 * 1024 * 1024)], 1024 * 1024);
    expect(added.files).toEqual([ok]);
    expect(added.refused).toEqual([
      '"empty.txt" is empty (0 bytes): there is nothing in it to share. Attach the file you meant.',
      '"backup.tar" is 1.0 MB too large: this note server accepts up to 1.0 MB per link.',
    ]);
  });

  it('stops at the most files a link can carry', () => {
    const many = Array.from({ length: MAX_FILES + 2 }, (_, i) => file(`f${i}`, 1, i));
    const added = addFiles(english, [], many, undefined);
    expect(added.files).toHaveLength(MAX_FILES);
    expect(added.refused).toHaveLength(2);
    expect(added.refused[0]).toMatch(/at most 100 files\. Put them in one zip file\.$/);
  });
});
