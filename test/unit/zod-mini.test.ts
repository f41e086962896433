// The extension validates with zod/mini: classic zod puts every method on its prototypes, so none
// of it is tree-shaken, and it once made up half of the background script (bench/README.md).
// zod/mini brings no messages of its own; these check that people still read zod's English ones.
// This file must not import classic zod: loading it would set the English messages by itself.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreateNoteRequest } from '../../utils/core/protocol';
import { parsePolicy } from '../../utils/settings/managed';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTENSION_DIRS = ['utils', 'components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe('zod in the extension', () => {
  it('is zod/mini everywhere: no file of the extension imports classic zod', () => {
    const classic = EXTENSION_DIRS.flatMap(sourceFiles)
      .filter((file) => /\bfrom\s+['"]zod(?:\/v4)?['"]|import\(\s*['"]zod(?:\/v4)?['"]\s*\)/.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(classic).toEqual([]);
  });

  it.each([
    [{ defaultReads: 11 }, 'Your organisation\'s setting "defaultReads" is not valid (Too big: expected number to be <=10), so it is ignored.'],
    [{ defaultExpiry: 90.5 }, 'Your organisation\'s setting "defaultExpiry" is not valid (Invalid input: expected int, received number), so it is ignored.'],
    [{ server: 42 }, 'Your organisation\'s setting "server" is not valid (Invalid input: expected string, received number), so it is ignored.'],
  ])('names what is wrong with an organisation setting %j in English', (raw, problem) => {
    expect(parsePolicy(raw).problems).toEqual([problem]);
  });

  it('gives the server\'s 400 answers zod\'s English messages', () => {
    const parsed = CreateNoteRequest.safeParse({ expiresIn: '3600' });
    expect(parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'envelope: Invalid input: expected object, received undefined',
      'expiresIn: Invalid input: expected number, received string',
      'keyProof: Invalid input: expected string, received undefined',
      'readToken: Invalid input: expected string, received undefined',
    ]);
  });
});
