// The requester's key pairs, one per request, in the extension's IndexedDB. The private key is
// created non-extractable (utils/core/request/crypto.ts): IndexedDB keeps the key object, and
// WebCrypto never hands out its bytes, not to Burnlink either. A pair is deleted when its
// request's answer has been revealed, or the request was withdrawn, expired or forgotten.
import { refKey, type RequestRef } from './entry';

export interface KeyStore {
  put(ref: RequestRef, keys: CryptoKeyPair): Promise<void>;
  get(ref: RequestRef): Promise<CryptoKeyPair | undefined>;
  delete(ref: RequestRef): Promise<void>;
  /** The keys of every stored pair (`<server> <id>`), to delete those without an open request. */
  list(): Promise<string[]>;
}

const DB_NAME = 'burnlink-request-keys';
const STORE = 'keys';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function isKeyPair(value: unknown): value is CryptoKeyPair {
  return typeof value === 'object' && value !== null && 'privateKey' in value && 'publicKey' in value
    && value.privateKey instanceof CryptoKey && value.publicKey instanceof CryptoKey;
}

/** The key store of this extension: one IndexedDB database, opened once. */
export function indexedDbKeyStore(factory: IDBFactory = indexedDB): KeyStore {
  let opened: Promise<IDBDatabase> | undefined;
  const db = () => {
    opened ??= new Promise((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opened = undefined;
        reject(request.error ?? new Error('IndexedDB could not be opened'));
      };
    });
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const transaction = (await db()).transaction(STORE, mode);
    // A write counts once its transaction committed, not when its request succeeded.
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
    const [result] = await Promise.all([promised(action(transaction.objectStore(STORE))), committed]);
    return result;
  };
  return {
    put: async (ref, keys) => { await run('readwrite', (store) => store.put(keys, refKey(ref))); },
    get: async (ref) => {
      const value: unknown = await run('readonly', (store) => store.get(refKey(ref)));
      return isKeyPair(value) ? value : undefined;
    },
    delete: async (ref) => { await run('readwrite', (store) => store.delete(refKey(ref))); },
    list: async () => (await run('readonly', (store) => store.getAllKeys())).map(String),
  };
}

/** Keys in memory, for unit tests (Node has no IndexedDB); the browser tests use the real store. */
export function memoryKeyStore(): KeyStore & { readonly size: number } {
  const pairs = new Map<string, CryptoKeyPair>();
  return {
    put: async (ref, keys) => { pairs.set(refKey(ref), keys); },
    get: async (ref) => pairs.get(refKey(ref)),
    delete: async (ref) => { pairs.delete(refKey(ref)); },
    list: async () => [...pairs.keys()],
    get size() { return pairs.size; },
  };
}
