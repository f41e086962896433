// The security phrase: a few emoji or words this browser's Burnlink shows in every one of its own
// surfaces that asks for a passphrase. A web page cannot read it, so a look-alike drawn by a page
// cannot show it: no phrase, no passphrase. Set on first run, changeable in the options.
import { err, ok, type Result } from '../core/result';
import type { Translator } from '../i18n/translate';

/** Easy to tell apart and to name; each with its name, so it reads even where emoji do not draw. */
export const PHRASE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['🦊', 'fox'], ['🐢', 'turtle'], ['🦉', 'owl'], ['🐙', 'octopus'], ['🦋', 'butterfly'], ['🐝', 'bee'],
  ['🦀', 'crab'], ['🐳', 'whale'], ['🦒', 'giraffe'], ['🐧', 'penguin'], ['🦔', 'hedgehog'], ['🐌', 'snail'],
  ['🌵', 'cactus'], ['🌻', 'sunflower'], ['🍄', 'mushroom'], ['🌙', 'moon'], ['⭐', 'star'], ['🔥', 'fire'],
  ['🌈', 'rainbow'], ['❄️', 'snowflake'], ['🍋', 'lemon'], ['🍒', 'cherries'], ['🥕', 'carrot'], ['🍩', 'doughnut'],
  ['🎻', 'violin'], ['🎲', 'dice'], ['🪁', 'kite'], ['🧭', 'compass'], ['⚓', 'anchor'], ['🔔', 'bell'],
  ['🎈', 'balloon'], ['🧩', 'puzzle'], ['🪴', 'plant'], ['🛶', 'canoe'], ['🚲', 'bicycle'], ['⛺', 'tent'],
  ['🗝️', 'key'], ['🕯️', 'candle'], ['📎', 'paperclip'], ['🧲', 'magnet'], ['🪶', 'feather'], ['🐚', 'shell'],
  ['🌶️', 'pepper'], ['🥥', 'coconut'], ['🫐', 'blueberries'], ['🦜', 'parrot'], ['🐞', 'ladybird'], ['🪐', 'planet'],
];

/** How many emoji a generated phrase has: 48 × 47 × 46 ≈ 100,000 phrases. */
export const PHRASE_LENGTH = 3;
/** Longest phrase a person may type, in characters as people count them. */
export const MAX_PHRASE_CHARS = 48;

/** A random phrase of PHRASE_LENGTH different named emoji, e.g. "🦊 fox · 🌵 cactus · 🎻 violin". */
export function generatePhrase(random: (n: number) => Uint32Array = (n) => crypto.getRandomValues(new Uint32Array(n))): string {
  const picked: number[] = [];
  const limit = Math.floor(0x1_0000_0000 / PHRASE_WORDS.length) * PHRASE_WORDS.length;
  while (picked.length < PHRASE_LENGTH) {
    for (const value of random(PHRASE_LENGTH)) {
      // Rejection sampling keeps every emoji equally likely.
      const index = value % PHRASE_WORDS.length;
      if (value < limit && !picked.includes(index) && picked.length < PHRASE_LENGTH) picked.push(index);
    }
  }
  return picked.map((i) => (PHRASE_WORDS[i] ?? ['', '']).join(' ')).join(' · ');
}

const graphemes = (text: string): number => [...new Intl.Segmenter().segment(text)].length;

/** Why a typed phrase cannot be kept: nothing typed, too long, or characters that do not show. */
export type PhraseProblem = 'empty' | 'too_long' | 'invisible';

/** The phrase as it will be stored, or what to change (worded by phraseProblemText). */
export function checkPhrase(input: string): Result<string, PhraseProblem> {
  const phrase = input.trim().replace(/\s+/g, ' ');
  if (phrase.length === 0) return err('empty');
  if (graphemes(phrase) > MAX_PHRASE_CHARS) return err('too_long');
  if (/[\p{Cc}\p{Cf}]/u.test(phrase.replace(/\u200d|\ufe0f/g, ''))) return err('invisible');
  return ok(phrase);
}

/** What to change in a typed phrase, in the page's language. */
export function phraseProblemText({ t, plural }: Pick<Translator, 't' | 'plural'>, problem: PhraseProblem): string {
  switch (problem) {
    case 'empty': return t('fail.phrase.empty', { button: t('options.phrase.random') });
    case 'too_long': return plural('fail.phrase.tooLong', MAX_PHRASE_CHARS);
    case 'invisible': return t('fail.phrase.invisible');
  }
}
