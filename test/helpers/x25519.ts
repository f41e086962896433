// Fixed X25519 keys for tests and vectors: WebCrypto cannot import a raw private key, so the
// 32 bytes are wrapped in PKCS #8 (RFC 8410) first.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { KEY_AGREEMENT } from '../../utils/core/request/crypto';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The PKCS #8 DER of an X25519 private key. */
export function pkcs8(privateKey: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat([PKCS8_PREFIX, privateKey]));
}

/** node:crypto's key objects for a raw X25519 private key. */
export function nodeKeys(privateKey: Uint8Array) {
  const key = createPrivateKey({ key: Buffer.from(pkcs8(privateKey)), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key);
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return { privateKey: key, publicKey, raw: new Uint8Array(raw) };
}

/** A WebCrypto key pair from a raw private key: the private key not extractable, as in the extension. */
export async function webKeys(privateKey: Uint8Array): Promise<CryptoKeyPair> {
  const { raw } = nodeKeys(privateKey);
  return {
    privateKey: await crypto.subtle.importKey('pkcs8', pkcs8(privateKey), KEY_AGREEMENT, false, ['deriveBits']),
    publicKey: await crypto.subtle.importKey('raw', raw, KEY_AGREEMENT, true, []),
  };
}
