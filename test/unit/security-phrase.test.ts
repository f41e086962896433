import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../utils/i18n/catalogues';
import { catalogueTranslator } from '../../utils/i18n/translate';
import { checkPhrase, generatePhrase, MAX_PHRASE_CHARS, PHRASE_LENGTH, PHRASE_WORDS, phraseProblemText } from '../../utils/reveal/security-phrase';

describe('security phrase', () => {
  it('makes phrases of distinct named emoji, differently each time', () => {
    const phrases = Array.from({ length: 200 }, () => generatePhrase());
    expect(new Set(phrases).size).toBeGreaterThan(190);
    for (const phrase of phrases) {
      const parts = phrase.split(' · ');
      expect(parts).toHaveLength(PHRASE_LENGTH);
      expect(new Set(parts).size).toBe(PHRASE_LENGTH);
      for (const part of parts) expect(PHRASE_WORDS.map((w) => w.join(' '))).toContain(part);
      expect(checkPhrase(phrase)).toEqual({ ok: true, value: phrase });
    }
  });

  it('accepts the longest phrase it can generate (the three longest names)', () => {
    const longest = [...PHRASE_WORDS].sort((a, b) => b[1].length - a[1].length).slice(0, PHRASE_LENGTH);
    expect(checkPhrase(longest.map((w) => w.join(' ')).join(' · ')).ok).toBe(true);
  });

  it('never uses the biased top of the random range, and skips repeats', () => {
    // 0xFFFFFFFF is above the last whole multiple of 48: it must be drawn again, not folded in.
    const draws = [[0xffffffff, 0, 0], [0, 1, 2]];
    const phrase = generatePhrase(() => Uint32Array.from(draws.shift() ?? [3, 4, 5]));
    expect(phrase).toBe(`${PHRASE_WORDS[0]?.join(' ')} · ${PHRASE_WORDS[1]?.join(' ')} · ${PHRASE_WORDS[2]?.join(' ')}`);
  });

  it('uses every emoji', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) for (const part of generatePhrase().split(' · ')) seen.add(part);
    expect(seen.size).toBe(PHRASE_WORDS.length);
  });

  it.each([
    ['  purple   otter  ', { ok: true, value: 'purple otter' }],
    ['🦊🦊🦊 mine', { ok: true, value: '🦊🦊🦊 mine' }],
    ['👩‍🚀 astronaut', { ok: true, value: '👩‍🚀 astronaut' }],
    ['', { ok: false, error: 'empty' }],
    ['   ', { ok: false, error: 'empty' }],
    ['x'.repeat(MAX_PHRASE_CHARS + 1), { ok: false, error: 'too_long' }],
    ['bell\u0007', { ok: false, error: 'invisible' }],
    ['right\u202eleft', { ok: false, error: 'invisible' }],
  ])('checks a typed phrase: %j', (input, expected) => {
    expect(checkPhrase(input)).toMatchObject(expected);
  });

  it.each([
    ['empty', 'Type a few emoji or words, or press "New random phrase".', 'Введите несколько эмодзи или слов или нажмите «Новая случайная фраза».'],
    ['too_long', 'Keep it short: at most 48 characters.', 'Покороче: не больше 48 символов.'],
    ['invisible', 'Use only letters, digits, spaces and emoji.', 'Используйте только буквы, цифры, пробелы и эмодзи.'],
  ] as const)('says what to change (%s) in English and Russian', (problem, inEnglish, inRussian) => {
    expect(phraseProblemText(catalogueTranslator('en', readCatalogue('en')), problem)).toBe(inEnglish);
    expect(phraseProblemText(catalogueTranslator('ru', readCatalogue('ru')), problem)).toBe(inRussian);
  });

  it('counts emoji as people do when limiting the length', () => {
    expect(checkPhrase('🦊'.repeat(MAX_PHRASE_CHARS)).ok).toBe(true);
  });
});
