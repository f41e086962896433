// The interop fixtures (test/fixtures/interop/, provenance in its README), typed for the tests.
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../fixtures/interop');
const load = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as T;

export interface PrivateBinRecord {
  name: string;
  link: string;
  id: string;
  response: string;
  decrypted_paste: string;
  password?: string;
  burn: boolean;
  formatter: string;
  attachments?: Array<{ name: string; content_base64: string; data_uri_mime: string }>;
  comment?: { nickname: string; comment: string };
}

export interface YopassRecord {
  name: string;
  link: string | null;
  id?: string;
  message: string | null;
  message_base64?: string;
  key: string;
  plaintext: string;
  decrypted_utf8?: string;
  plaintext_base64?: string;
  filename?: string;
  custom_password?: boolean;
  expected_error?: string;
}

export interface YopassLinkCases {
  TestSecretURL: { cases: Array<{ id: string; key: string; fOpt: boolean; kOpt: boolean; name: string; url: string; want: string }> };
  TestParseURL: { cases: Array<{ id: string; key: string; fileOpt: boolean; keyOpt: boolean; fail: boolean; name: string; url: string }> };
}

export interface CryptgeonRecord {
  name: string;
  link: string;
  id: string;
  key_hex?: string;
  password?: string;
  plaintext?: string;
  files?: Array<{ name: string; size: number; type: string; content_base64: string }>;
  preview_response: string;
  delete_response: string;
}

export interface HemmeligVector { key: string; salt: string; plaintext?: string; plaintextHex?: string; ciphertextHex: string }
export interface HemmeligVectors {
  text: HemmeligVector[];
  files: HemmeligVector[];
  verifiers?: Array<{ password: string; salt: string; verifier: string }>;
}

export interface BitwardenRecord {
  name: string;
  link: string;
  access_id: string;
  key: string;
  encrypted: { name: string; text: string };
  plaintext: { name: string; text: string; hidden: boolean };
  password: string | null;
  password_hash_b64?: string;
  v1_access_response_like?: string;
}

export const privatebinFixtures = load<{ records: PrivateBinRecord[] }>('privatebin-2.0.6.json').records;
const yopassFile = load<{ records: YopassRecord[]; link_cases: YopassLinkCases }>('yopass.json');
export const yopassFixtures = yopassFile.records;
export const yopassLinkCases = yopassFile.link_cases;
export const cryptgeonFixtures = load<{ records: CryptgeonRecord[] }>('cryptgeon.json').records;
const hemmeligFile = load<{ vectors: HemmeligVectors; vectors_600k: HemmeligVectors }>('hemmelig-v7.json');
export const hemmeligVectors = hemmeligFile.vectors;
export const hemmelig600kVectors = hemmeligFile.vectors_600k;
export interface BitwardenVectors {
  shareable_key: { cases: Array<{ secret_ascii: string; name: string; info: string | null; expected_key_b64: string }> };
  send_rs_tests: {
    test_decrypt: { send: { access_id: string; name: string; text: { text: string; hidden: boolean } }; expected_view: { name: string; text: string; hidden: boolean; key: string } };
    test_create_password: { key: string; password: string; expected_password_b64: string };
  };
}
const bitwardenFile = load<{ vectors: BitwardenVectors; reader_records: BitwardenRecord[] }>('bitwarden-send.json');
export const bitwardenVectors = bitwardenFile.vectors;
export const bitwardenFixtures = bitwardenFile.reader_records;

/** The same link on another server: the fixtures' hosts are placeholders. */
export function onServer(link: string, origin: string): string {
  const url = new URL(link);
  return `${origin}${url.pathname}${url.search}${url.hash}`;
}

/** A fetch that records what it was asked, passed to readers in place of the global one. */
export function recordingFetch(): { fetch: typeof fetch; calls: Array<{ method: string; url: string }> } {
  const calls: Array<{ method: string; url: string }> = [];
  const recorder: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ method: init?.method ?? 'GET', url });
    return fetch(input, init);
  };
  return { fetch: recorder, calls };
}
