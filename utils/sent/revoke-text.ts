// Why a link was not revoked, in the popup's language (the background returns a code: actions.ts).
// No zod and no API client here: the popup imports this file.
import { actionProblemText } from './action-problem';
import type { Translator } from '../i18n/translate';
import type { RevokeProblem } from './actions';

export const revokeProblemText = (tr: Translator, problem: RevokeProblem): string =>
  actionProblemText(tr, problem, { not_listed: 'fail.sent.notListed', gone: 'fail.sent.gone', failed: 'fail.sent.notRevoked' });
