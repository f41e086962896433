// Why a request's link was not copied again or the request not withdrawn, in the popup's language
// (the background returns a code: actions.ts). No zod and no API client here: the popup imports it.
import { actionProblemText } from '../sent/action-problem';
import type { Translator } from '../i18n/translate';
import type { RequestActionProblem } from './actions';

export const requestActionText = (tr: Translator, problem: RequestActionProblem): string => actionProblemText(tr, problem, {
  not_listed: 'fail.request.notListed', no_key: 'fail.request.noKey', gone: 'fail.request.gone', failed: 'fail.request.notWithdrawn',
});
