import { describe, expect, it } from 'vitest';
import { textMatches } from '../../utils/reveal/launcher';

const LINK = 'https://notes.example.com/n/Ab-_EfGhIjKlMnOpQrStUv#1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const OTHER = 'https://notes.example.com/n/ZZZZEfGhIjKlMnOpQrStUv#1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('link text against the address it opens', () => {
  it.each([
    ['the link itself', LINK, true],
    ['the link without its scheme', LINK.replace('https://', ''), true],
    ['the host in capitals', LINK.replace('notes.example.com', 'Notes.Example.COM'), true],
    ['a shortened link', `${LINK.slice(0, 40)}…`, true],
    ['a shortened link with dots', `${LINK.slice(0, 40)}...`, true],
    ['words', 'the staging database password', true],
    ['words with a dot', 'See the key. Thanks', true],
    ['an empty text', '', true],
    ['another note on the same server', OTHER, false],
    ['another note, shortened', `${OTHER.slice(0, 40)}…`, false],
    ['another site', 'https://docs.example.com/setup', false],
    ['a bare host of another site', 'docs.example.com', false],
    ['another port', LINK.replace('example.com', 'example.com:8443'), false],
    ['a localhost address', 'localhost:8787/n/Ab-_EfGh', false],
    ['the link with a different path case', LINK.replace('/n/Ab', '/n/AB'), false],
  ])('%s', (_what, text, agrees) => {
    expect(textMatches(text, LINK)).toBe(agrees);
  });
});
