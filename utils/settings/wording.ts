// Why a note server address or the settings form cannot be saved, in the page's language: the
// checks return codes (server-check.ts, form.ts), the options and first-run pages word them here.
// No zod and no API client here.
import { problemText } from '../i18n/problems';
import type { Translator } from '../i18n/translate';
import type { Adjustment, SettingsProblem } from './form';
import type { Health } from '../core/protocol';
import type { ServerProblem } from './server-check';

/** What is wrong with a note server address, or with what answered there. */
export function serverProblemText(tr: Translator, problem: ServerProblem): string {
  const { t } = tr;
  switch (problem.code) {
    case 'empty': return t('fail.address.empty');
    case 'not_an_address': return t('fail.address.notAnAddress', { input: problem.input });
    case 'not_http': return t('fail.address.notHttp');
    case 'plain_http': return t('fail.address.plainHttp');
    case 'credentials': return t('fail.address.credentials');
    case 'query': return t('fail.address.query');
    case 'not_burnlink': return t('fail.server.notBurnlink', { server: problem.server });
    case 'not_ready': return t('fail.server.notReady', { server: problem.server });
    case 'unreachable': return t(problem.local ? 'fail.server.unreachableLocal' : 'fail.server.unreachable', { server: problem.server });
    case 'failed': return problemText(tr, problem.problem, problem.server);
  }
}

/** Why the form does not fit the note server, or its own limits. */
export function settingsProblemText(tr: Translator, problem: SettingsProblem | ServerProblem): string {
  const { t } = tr;
  switch (problem.code) {
    case 'token_spaces': return t('fail.settings.tokenSpaces');
    case 'token_required': return t('fail.settings.tokenRequired');
    case 'expiry_not_offered': return t('fail.settings.expiryNotOffered');
    case 'reads_range': return t('fail.settings.readsRange', { max: problem.max });
    // A plain figure, as people type seconds: 3600, not 3,600.
    case 'clipboard_delay': return t('fail.settings.clipboardDelay', { max: String(problem.max) });
    default: return serverProblemText(tr, problem);
  }
}

/** "example.com is a Burnlink note server: secrets up to 512 kB, expiry 5 minutes to 7 days, up to 10 reads a note." */
export function serverOffers(tr: Translator, server: string, health: Health): string {
  const choices = health.expiryChoices;
  const first = choices[0] ?? health.defaultExpiry;
  const last = choices[choices.length - 1] ?? health.defaultExpiry;
  const expiry = first === last ? tr.duration(first) : tr.t('fail.saved.expiryRange', { from: tr.duration(first), to: tr.duration(last) });
  return tr.plural('fail.saved.serverOffers', health.maxReads, { host: new URL(server).host, size: tr.bytes(health.maxNoteBytes), expiry });
}

/** "Saved. <what the server offers>", and the note defaults changed to fit it. */
export function savedText(tr: Translator, saved: { form: { server: string }; health: Health; adjusted: Adjustment[] }): string {
  const offers = serverOffers(tr, saved.form.server, saved.health);
  if (saved.adjusted.length === 0) return tr.t('fail.saved.plain', { offers });
  const changes = saved.adjusted.map(({ setting, value }) => (setting === 'defaultExpiry'
    ? tr.t('fail.saved.expiryNow', { expiry: tr.duration(value) })
    : tr.t('fail.saved.readsNow', { reads: value })));
  return tr.t('fail.saved.adjusted', { offers, changes: new Intl.ListFormat(tr.lang, { type: 'conjunction' }).format(changes) });
}
