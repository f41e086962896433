// A string written straight into a translated surface fails the lint (npm run check) and this
// test: the rule is on for every converted file, and those files hold no such string.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { TRANSLATED_DOM, TRANSLATED_UI } from '../../eslint.config.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RULE = 'i18next/no-literal-string';
const eslint = new ESLint({ cwd: ROOT });

async function literalsIn(code: string, file: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).map((message) => message.line);
}

// Type-aware linting starts a TypeScript program first: seconds on a busy machine.
describe('no hard-coded words on translated surfaces', { timeout: 120_000 }, () => {
  it('the converted files themselves hold none', async () => {
    // First, before any probe: a probe stands in for its file in the type information the linter
    // keeps, and a file whose props come from a probed file would be judged on the probe.
    const results = await eslint.lintFiles([...TRANSLATED_UI, ...TRANSLATED_DOM]);
    const found = results.flatMap((result) => result.messages.filter((m) => m.ruleId === RULE)
      .map((m) => `${path.relative(ROOT, result.filePath)}:${m.line} ${m.message}`));
    expect(found).toEqual([]);
  });

  it.each(TRANSLATED_UI)('%s: JSX text and words in JSX are refused', async (file) => {
    const probe = [
      'export const first = () => <p>Reveal secret</p>;',
      'export const second = (busy: boolean) => <button>{busy ? \'Revealing…\' : \'Reveal\'}</button>;',
      'export const third = () => <input placeholder="Your passphrase" class="grow" />;',
      'export const fourth = (t: (key: string) => string) => <p class="muted">{t(\'web.language\')}</p>;',
    ].join('\n');
    expect(await literalsIn(probe, file)).toEqual([1, 2, 2, 3]);
  });

  it.each(TRANSLATED_DOM)('%s: every string literal is refused, keys and element ids are not', async (file) => {
    const probe = [
      "document.getElementById('status');",
      "status.textContent = 'This paste is no longer waiting.';",
      "status.textContent = t('guardPassphrase.gone');",
    ].join('\n');
    expect(await literalsIn(probe, file)).toEqual([2]);
  });

});
