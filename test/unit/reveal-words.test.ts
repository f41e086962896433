// The readers' sentences in the catalogues: the English catalogue says word for word what each
// reader says in English, and the other languages have their own words for it, with the reader's
// values (hosts, counts) filled in and lists joined as each language joins them.
import { describe, expect, it } from 'vitest';
import englishCatalogue from '../../locales/en.json';
import germanCatalogue from '../../locales/de.json';
import russianCatalogue from '../../locales/ru.json';
import arabicCatalogue from '../../locales/ar.json';
import { catalogueTranslator } from '../../utils/i18n/translate';
import { say, sentenceOf } from '../../utils/reveal/flow';
import { recogniseLink } from '../../utils/reveal/readers';
import { badResponse, send } from '../../utils/reveal/readers/shared';
import type { Words } from '../../utils/reveal/readers/types';
import { REAL_LINKS } from './readers/links';

const english = catalogueTranslator('en', englishCatalogue);
const german = catalogueTranslator('de', germanCatalogue);
const russian = catalogueTranslator('ru', russianCatalogue);
const arabic = catalogueTranslator('ar', arabicCatalogue);

describe('what a reader says before the click, and why it needs access', () => {
  it.each(REAL_LINKS.filter(([tool]) => tool !== 'burnlink'))('%s: the same in the English catalogue, other words in German', (_tool, href) => {
    const recognised = recogniseLink(href);
    if (!recognised?.ok) throw new Error(`not recognised: ${href}`);
    const { beforeClick, beforeClickWords, access } = recognised.value;
    if (!beforeClickWords || !access.whyWords) throw new Error('no catalogue words');
    expect(say(english, beforeClickWords)).toBe(beforeClick);
    expect(say(english, access.whyWords)).toBe(access.why);
    expect(say(german, beforeClickWords)).not.toBe(beforeClick);
    expect(say(german, beforeClickWords)).not.toMatch(/^readers\./);
    expect(say(german, access.whyWords)).not.toBe(access.why);
  });

  it('joins the hosts of a list as the language does', () => {
    const words: Words = { key: 'readers.bitwarden.why', params: { hosts: ['api.bitwarden.com', 'identity.bitwarden.com'] } };
    expect(say(english, words)).toBe('Bitwarden answers only its own web vault, so Burnlink needs access to api.bitwarden.com and identity.bitwarden.com to read the Send.');
    expect(say(german, words)).toContain('api.bitwarden.com und identity.bitwarden.com');
  });
});

describe('what a reader says when it fails', () => {
  it('an unreachable server: the same English, the host in every language', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('offline'));
    const result = await send({ fetch: offline }, 'Yopass', 'https://yopass.example.org/secret/x');
    if (result.ok) throw new Error('reached');
    const sentence = sentenceOf(result.error);
    expect(say(english, sentence)).toBe(result.error.message);
    expect(say(german, sentence)).toMatch(/^Der Yopass-Server unter yopass\.example\.org war nicht erreichbar/);
    expect(say(arabic, sentence)).toContain('yopass.example.org');
  });

  it('an answer not from the tool: the same English', () => {
    const error = badResponse('cryptgeon', 'notes.example.org');
    expect(say(english, sentenceOf(error))).toBe(error.message);
    expect(say(russian, sentenceOf(error))).toBe('notes.example.org ответил не так, как отвечает сервер cryptgeon. Откройте ссылку на её собственном сайте.');
  });

  it('a sentence the catalogues do not have stays the reader\'s own', () => {
    expect(say(german, sentenceOf({ message: 'Something only this reader says.' }))).toBe('Something only this reader says.');
  });
});

describe('notes after a reveal, with plurals', () => {
  it.each([
    [1, 'Не удалось расшифровать 1 комментарий.'],
    [3, 'Не удалось расшифровать 3 комментария.'],
    [5, 'Не удалось расшифровать 5 комментариев.'],
  ])('%i comments in Russian', (count, expected) => {
    expect(say(russian, { plural: 'readers.privatebin.commentsUnread', count })).toBe(expected);
  });

  it('in English, as the reader wrote it', () => {
    expect(say(english, { plural: 'readers.hemmelig.readsLeft', count: 1 })).toBe('Hemmelig allows 1 more read.');
    expect(say(english, { plural: 'readers.hemmelig.readsLeft', count: 4 })).toBe('Hemmelig allows 4 more reads.');
    expect(say(arabic, { plural: 'readers.hemmelig.readsLeft', count: 2 })).toBe('يسمح Hemmelig بقراءتين أخريين.');
  });
});
