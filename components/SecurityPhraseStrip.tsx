// The security phrase at the top of every Burnlink window that reveals something (the reveal UI,
// the answer window): a look-alike drawn by a web page cannot know it. Empty until it is read, so
// nothing below it moves once it is drawn.
import { Fill, useT } from './I18n';
import './SecurityPhraseStrip.css';

export function SecurityPhraseStrip({ phrase }: { phrase: string | undefined }) {
  const { t } = useT();
  if (phrase === undefined) return <div class="phrase-strip" />;
  return (
    <div class="phrase-strip" title={t('reveal.phraseWhy')}>
      {phrase
        ? <Fill message={t('reveal.yourPhrase')} parts={{ phrase: <strong class="phrase" data-testid="security-phrase" dir="auto">{phrase}</strong> }} />
        : <span class="muted">{t('reveal.noPhrase')}</span>}
    </div>
  );
}
