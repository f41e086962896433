// Why a popup action on a stored link or request failed (revoke, withdraw, copy the link again):
// the background answers with a code, the popup words it in its own language. No zod and no API
// client here: the popup imports this file.
import { problemText, type Problem } from '../i18n/problems';
import type { MessageKey, Translator } from '../i18n/translate';
import { serverHost } from './wording';

/** The action's own reasons (`Code`), a caller other than Burnlink's own pages, or what the server said. */
export type ActionProblem<Code extends string> =
  | { code: Code | 'forbidden' }
  | { code: 'failed'; server: string; problem: Problem };

/** What the note server at `server` answered instead, as an action's problem. */
export const serverFailed = (server: string, error: Problem): ActionProblem<never> =>
  ({ code: 'failed', server, problem: { code: error.code, message: error.message } });

/**
 * The sentence for `problem`: `words` names the message for each of the action's own codes, and
 * for 'failed' the one that takes the server's problem as {problem}.
 */
export function actionProblemText<Code extends string>(tr: Translator, problem: ActionProblem<Code>, words: Record<Code | 'failed', MessageKey>): string {
  if ('problem' in problem) return tr.t(words.failed, { problem: problemText(tr, problem.problem, serverHost(problem.server)) });
  return problem.code === 'forbidden' ? tr.t('fail.onlyPopup') : tr.t(words[problem.code as Code]);
}
