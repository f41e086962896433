// Real links of every tool (from the fixtures) and look-alikes that are not one-time links,
// shared by the readers' and the content script's tests.
import { bitwardenFixtures, cryptgeonFixtures, privatebinFixtures, yopassFixtures } from '../../helpers/interop-fixtures';

const BURNLINK = `https://burn.example.com/n/Ab-_EfGhIjKlMnOpQrStUw#1.${'A'.repeat(43)}`;
const HEMMELIG = 'https://hemmelig.app/secret/0f8fad5b-d9cb-469f-a165-70867728950e#decryptionKey=GPwsu2Xvy0VDM6qzlHI8lhVo0EhmkNFd';

export const REAL_LINKS: Array<[string, string]> = [
  ['burnlink', BURNLINK],
  ...privatebinFixtures.map((r) => ['privatebin', r.link] as [string, string]),
  ...yopassFixtures.flatMap((r) => (r.link ? [['yopass', r.link] as [string, string]] : [])),
  ...cryptgeonFixtures.map((r) => ['cryptgeon', r.link] as [string, string]),
  ['hemmelig', HEMMELIG],
  ...bitwardenFixtures.map((r) => ['bitwarden-send', r.link] as [string, string]),
];

/** Links that look a little like one-time links and are not. */
export const LOOK_ALIKES: string[] = [
  'https://example.org/?q=search#results',
  'https://example.org/?9c6bd093be2e7248',
  'https://example.org/?9c6bd093be2e7248#section-2',
  'https://example.org/?9c6bd093be2e724#-5PxchiMcUYdn9kCpkMCuUBPkXHwhQLsLn7AtVHMejMte',
  'https://example.org/?9c6bd093be2e7248#-5PxchiMcUYdn9kCpkMCuUBPkXHwhQLsLn7AtVHMej0Ol',
  'https://docs.example.org/#/s/intro',
  'https://app.example.org/#/s/settings/profile',
  'https://yopass.se/#/r/0A1b2C3d4E5f6G7h8I9j0K/0123456789abcdef',
  'https://yopass.se/#/z/7a43c54c-6dad-4f98-b422-589021d1ac87',
  'https://blog.example.org/note/hello-world',
  'https://notes.example.org/note/4a4b4c4d#not-a-key',
  'https://hemmelig.app/request/0f8fad5b-d9cb-469f-a165-70867728950e#token=abc',
  'https://hemmelig.app/secrets/0f8fad5b-d9cb-469f-a165-70867728950e',
  'https://send.bitwarden.com/',
  'https://vault.bitwarden.com/#/vault',
  'https://burn.example.com/n/short#1.key',
  'ftp://example.org/?9c6bd093be2e7248#-5PxchiMcUYdn9kCpkMCuUBPkXHwhQLsLn7AtVHMejMte',
  'javascript:alert(1)//?9c6bd093be2e7248#-5PxchiMcUYdn9kCpkMCuUBPkXHwhQLsLn7AtVHMejMte',
];

