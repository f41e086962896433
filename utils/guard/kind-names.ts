// What each kind of secret is called where the extension names it to people (the guard's prompt,
// the page scan's list), in the browser's language. A rule's catalogue key is `scan.kind.` and
// its id in camel case (github-pat: scan.kind.githubPat), so the page scripts carry no table.
import type { MessageKey } from '../i18n/translate';
import type { RuleId } from './rules';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type KindKey = `scan.kind.${Camel<RuleId>}`;

/** Does not compile while a rule has no name in the catalogue (KindKey must be a MessageKey). */
export function kindKey(rule: RuleId): MessageKey {
  return `scan.kind.${rule.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}` as KindKey;
}
