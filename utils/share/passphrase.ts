// Passphrases the sender can generate for a note. Apart from the crypto module on purpose: the
// popup offers "Generate" and must not load the encryption code to do it.

const systemRandom = (bytes: number) => crypto.getRandomValues(new Uint8Array(bytes));

/** A random passphrase of `groups` groups, easy to read aloud and type on a phone. */
export function generatePassphrase(groups = 4, random: (bytes: number) => Uint8Array = systemRandom): string {
  // 31 unambiguous characters (no i, l, o, 0, 1): about 24.8 bits a group of five.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const out: string[] = [];
  for (let g = 0; g < groups; g++) {
    let group = '';
    while (group.length < 5) {
      const byte = random(1)[0] ?? 0;
      // 248 = 8 × 31: rejecting the rest keeps every character equally likely.
      if (byte < 248) group += alphabet[byte % alphabet.length];
    }
    out.push(group);
  }
  return out.join('-');
}
