// Why a link was not revoked, in the popup's language (the background returns a code: actions.ts).
// No zod and no API client here: the popup imports this file.
import { problemText } from '../i18n/problems';
import type { Translator } from '../i18n/translate';
import type { RevokeProblem } from './actions';
import { serverHost } from './wording';

export function revokeProblemText(tr: Translator, problem: RevokeProblem): string {
  const { t } = tr;
  switch (problem.code) {
    case 'not_listed': return t('fail.sent.notListed');
    case 'gone': return t('fail.sent.gone');
    case 'forbidden': return t('fail.onlyPopup');
    case 'failed': return t('fail.sent.notRevoked', { problem: problemText(tr, problem.problem, serverHost(problem.server)) });
  }
}
