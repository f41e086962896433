// Errors people see, in their language. Clients know an error by its code; the English sentence
// that came with it (from the server or the client's own checks) is the fallback for a code
// without a translation of its own.
import type { Translator } from './translate';

export interface Problem {
  code: string;
  message: string;
}

/** The sentence for a failed request to the note server at `server`. */
export function problemText({ t }: Translator, problem: Problem, server: string): string {
  switch (problem.code) {
    case 'unreachable': return t('problem.unreachable', { server });
    case 'bad_response': return t('problem.badResponse', { server });
    case 'rate_limited': return t('problem.rateLimited');
    case 'unavailable': return t('problem.unavailable');
    case 'storage_full': return t('problem.storageFull');
    case 'internal': return t('problem.internal');
    default: return problem.message;
  }
}

/** The sentence for a request link that cannot be used. */
export function requestLinkText({ t }: Translator, problem: Problem): string {
  switch (problem.code) {
    case 'empty': return t('requestLink.empty');
    case 'not_a_link': return t('requestLink.notALink');
    case 'not_a_request': return t('requestLink.notARequest');
    case 'missing_key': return t('requestLink.missingKey');
    case 'bad_key': return t('requestLink.badKey');
    case 'unsupported_version': return t('requestLink.newerVersion');
    default: return problem.message;
  }
}

/** The sentence for a note link that cannot be used. */
export function noteLinkText({ t }: Translator, problem: Problem): string {
  switch (problem.code) {
    case 'empty': return t('noteLink.empty');
    case 'not_a_link': return t('noteLink.notALink');
    case 'not_a_note': return t('noteLink.notANote');
    case 'missing_key': return t('noteLink.missingKey');
    case 'bad_key': return t('noteLink.badKey');
    case 'unsupported_version': return t('noteLink.newerVersion');
    default: return problem.message;
  }
}
