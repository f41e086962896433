// Reading the catalogues from disk, for the extension's build and the catalogue test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language } from './languages';
import type { Catalogue } from './translate';

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales');

export function readCatalogue(language: Language): Catalogue {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, `${language}.json`), 'utf8')) as Catalogue;
}

export function readCatalogues(): Array<[Language, Catalogue]> {
  return LANGUAGES.map((language) => [language, readCatalogue(language)]);
}
