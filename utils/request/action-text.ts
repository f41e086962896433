// Why a request's link was not copied again or the request not withdrawn, in the popup's language
// (the background returns a code: actions.ts). No zod and no API client here: the popup imports it.
import { problemText } from '../i18n/problems';
import type { Translator } from '../i18n/translate';
import type { RequestActionProblem } from './actions';
import { serverHost } from '../sent/wording';

export function requestActionText(tr: Translator, problem: RequestActionProblem): string {
  const { t } = tr;
  switch (problem.code) {
    case 'not_listed': return t('fail.request.notListed');
    case 'no_key': return t('fail.request.noKey');
    case 'gone': return t('fail.request.gone');
    case 'forbidden': return t('fail.onlyPopup');
    case 'failed': return t('fail.request.notWithdrawn', { problem: problemText(tr, problem.problem, serverHost(problem.server)) });
  }
}
