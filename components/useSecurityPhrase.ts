// The extension's security phrase (utils/reveal/security-phrase.ts) for a page that shows it
// beside a passphrase field: '' until read, or when there is none.
import { useEffect, useState } from 'preact/hooks';
import { securityPhraseItem } from '../utils/storage';

export function useSecurityPhrase(): string {
  const [phrase, setPhrase] = useState('');
  useEffect(() => { void securityPhraseItem.getValue().then(setPhrase, () => undefined); }, []);
  return phrase;
}
