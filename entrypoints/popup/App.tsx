// The toolbar popup: type or paste a secret, attach files, get a one-time link on the clipboard;
// the links sent so far, with whether they were read, to copy again, revoke or renew; and a scan
// of the current page for exposed secrets.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LinkCreated, type CreatedLinkView } from '@/components/LinkCreated';
import { Logo } from '@/components/Logo';
import { PageScan } from '@/components/PageScan';
import { SentList } from '@/components/SentList';
import { RequestPanel } from '@/components/RequestPanel';
import { ShareForm, type ShareDraft, type ShareStart } from '@/components/ShareForm';
import { useSecurityPhrase } from '@/components/useSecurityPhrase';
import { TabBar } from '@/components/TabBar';
import { Fill, useT } from '@/components/I18n';
import { extensionTranslator } from '@/utils/i18n/extension';
import type { Translator } from '@/utils/i18n/translate';
import { copyWithAutoClear, type CopyResult } from '@/utils/clipboard/copy';
import { toBase64url } from '@/utils/core/base64url';
import { err, type Result } from '@/utils/core/result';
import type { Health } from '@/utils/core/protocol';
import type { SentNote, SentRef } from '@/utils/sent/entry';
import { closeCreatedView, showsCreatedView } from '@/utils/sent/kept-links';
import { revokeProblemText } from '@/utils/sent/revoke-text';
import { sendMessage } from '@/utils/messaging';
import { refreshIssue, serverHost, shownState } from '@/utils/sent/wording';
import type { LinkRequest, NoteOptions, ShareError } from '@/utils/share/create-link';
import { fillInstructions } from '@/utils/share/instructions';
import { noteDefaults } from '@/utils/share/note-defaults';
import type { NewRequest, RequestUiError } from '@/utils/request/actions';
import { requestActionText } from '@/utils/request/action-text';
import type { RequestEntry, RequestRef } from '@/utils/request/entry';
import { askErrorText, requestRefreshIssue, shownRequestState } from '@/utils/request/wording';
import { shareErrorText } from '@/utils/share/error-text';
import {
  createdViewItem, DEFAULT_SETTINGS, instructionsItem, keptLinksItem, requestsItem, sentItem, settingsItem, SHARE_DRAFT_MS,
  shareDraftItem, type Settings,
} from '@/utils/storage';

type View = 'new' | 'request' | 'sent';

/** Codes after which the fix is in the options (server address, create token). */
const SETTINGS_FIXES = ['unreachable', 'bad_response', 'unauthorized'] as const;
const SETTINGS_ERRORS: ReadonlySet<ShareError['code']> = new Set(SETTINGS_FIXES);
const REQUEST_SETTINGS_ERRORS: ReadonlySet<RequestUiError['code']> = new Set(SETTINGS_FIXES);
/** No answer from the background: the sentence is the popup's own (shareErrorText). */
const NO_BACKGROUND: ShareError = { code: 'no_background', message: '' };

/** Copies through the background, whose clear timer outlives the popup; from here if it cannot. */
async function copyText(text: string, clearAfterSeconds: number): Promise<CopyResult> {
  try {
    const copied = await sendMessage('copyLink', { text });
    if (copied.ok) return copied;
  } catch {
    // No answer from the background: fall through.
  }
  return copyWithAutoClear(text, clearAfterSeconds);
}

/** Revokes through the background, which holds the manage token; why not, in the popup's language. */
const revokeSent = (ref: SentRef) => worded(sendMessage('revokeSent', { server: ref.server, id: ref.id }), revokeProblemText);
const forgetSent = async (ref: SentRef) => { await sendMessage('forgetSent', { server: ref.server, id: ref.id }); };

/** The form's draft as a message: files travel as base64url, since messages carry JSON. */
const toRequest = (draft: ShareDraft): LinkRequest => ({
  secret: draft.text,
  files: draft.files.map((f) => ({ name: f.name, type: f.type, data: toBase64url(f.bytes) })),
  expiresIn: draft.expiresIn,
  maxReads: draft.maxReads,
  passphrase: draft.passphrase,
  label: draft.label,
});

/** The "Link created" view: the link, how the last copy went, and its passphrase to pass on. */
interface Created {
  link: CreatedLinkView;
  copied?: CopyResult;
  copiedWhat?: 'link' | 'message';
  passphrase?: string;
  /** Set when the view came back after the popup reopened. */
  madeAt?: number;
}

/**
 * The toolbar popup: a thin view. Encryption and the note server are the background's (so crypto
 * and zod stay out of this bundle); the secret goes there in a message and is never stored.
 */
export function App() {
  const tr = useT();
  // Followed as stored: the clipboard choice here and the options page both change it.
  const settings: Settings | undefined = useStored(settingsItem, undefined);
  const phrase = useSecurityPhrase();
  const { info, refresh } = useNoteOptions();
  const { created, setCreated, restored, copyCreated } = useCreatedView();
  const [view, setView] = useState<View>('new');
  /** Where a fresh form starts (a renewed link), and a key that makes the form start afresh. */
  const [start, setStart] = useState<{ key: number; values: ShareStart }>({ key: 0, values: {} });
  const sent = useSentList();
  const instructions = useStored(instructionsItem, undefined)?.template ?? '';
  const requests = useRequests();
  const server = info?.server ?? settings?.server;
  const health = info?.health ?? undefined;
  const defaults = info?.defaults ?? noteDefaults(settings ?? DEFAULT_SETTINGS);
  const clearAfter = (settings ?? DEFAULT_SETTINGS).clipboardClearSeconds;
  const onCreate = async (draft: ShareDraft): Promise<ShareError | undefined> => {
    const result = await sendMessage('createLink', toRequest(draft)).catch(() => err(NO_BACKGROUND));
    // The server may have stopped or started since the popup opened.
    if (result.ok ? !health : result.error.code === 'unreachable') void refresh();
    if (!result.ok) return { ...result.error, message: shareErrorText(tr, result.error, server) };
    const link = result.value;
    // The background could not write the clipboard: this page, which has focus, may.
    const copied = link.copied.ok ? link.copied : await copyWithAutoClear(link.link, clearAfter);
    setCreated({ link, copied, passphrase: draft.passphrase || undefined });
    return undefined;
  };

  const messageFor = (link: InstructedLink) => fillInstructions(instructions, link, Date.now());
  const newLink = (values: ShareStart = {}) => {
    setCreated(undefined);
    void closeCreatedView();
    setStart((now) => ({ key: now.key + 1, values }));
    setView('new');
  };
  useShareDraft(restored, newLink);
  const regenerate = async (entry: SentNote) => {
    const revoked = await revokeSent(entry);
    if (revoked.ok) newLink(renewedStart(entry));
    return revoked;
  };

  const { waiting, answered } = tabCounts(sent.entries, requests.entries, Date.now());

  return (
    <div class="popup">
      <PopupHeader view={view} onSelect={setView} waiting={waiting} answered={answered} openOptions={openOptions} />
      {/* Both panels stay mounted: a half-typed secret survives a look at the Sent list. */}
      <main>
        <div id="panel-new" role="tabpanel" aria-labelledby="tab-new" hidden={view !== 'new'} aria-busy={!restored}>
          {info?.needsToken ? <NeedsToken openOptions={openOptions} /> : null}
          {created ? (
            <LinkCreated created={created.link} copied={created.copied} copiedWhat={created.copiedWhat} madeAt={created.madeAt}
              passphrase={created.passphrase} onNew={() => newLink()}
              onCopy={() => copyCreated('link', clearAfter, messageFor)}
              onCopyInstructions={instructions ? () => copyCreated('message', clearAfter, messageFor) : undefined}
              clipboard={{ seconds: clearAfter, onChange: (seconds) => sendMessage('setClipboardClear', { seconds })
                // Copied again with the new delay, which replaces the clear already set.
                .then(() => copyCreated(created.copiedWhat ?? 'link', seconds, messageFor)) }} />
          ) : (
            <ShareForm key={start.key} start={start.values} defaults={defaults} maxNoteBytes={health?.maxNoteBytes} onCreate={onCreate}
              onOpenOptions={openOptions} settingsErrors={SETTINGS_ERRORS} phrase={phrase} />
          )}
        </div>
        <div id="panel-request" role="tabpanel" aria-labelledby="tab-request" hidden={view !== 'request'}>
          <RequestPanel expiryChoices={defaults.expiryChoices} defaultExpiry={defaults.expiresIn} entries={requests.entries}
            checking={requests.checking} issues={requests.issues} openOptions={openOptions} settingsErrors={REQUEST_SETTINGS_ERRORS}
            {...requestActions(tr, server)} />
        </div>
        <div id="panel-sent" role="tabpanel" aria-labelledby="tab-sent" hidden={view !== 'sent'}>
          <SentPanel sent={sent} clearAfter={clearAfter} messageFor={instructions ? messageFor : undefined} onRegenerate={regenerate} />
        </div>
      </main>
      <PageScan />
      <PopupFooter server={server} state={info === undefined ? 'checking' : health ? 'ready' : 'unreachable'} health={health} />
    </div>
  );
}

const openOptions = () => void browser.runtime.openOptionsPage();

/** The tabs' badges: links still waiting to be read, requests with an answer to reveal. */
function tabCounts(sent: SentNote[] | undefined, requests: RequestEntry[] | undefined, now: number) {
  return {
    waiting: sent?.filter((e) => shownState(e, now) === 'pending').length ?? 0,
    answered: requests?.filter((e) => shownRequestState(e, now) === 'answered').length ?? 0,
  };
}

/**
 * A selection sent by "Share with options…" (utils/share/share-selection.ts) starts a fresh form:
 * taken once and cleared from memory, and only while fresh. After the created view is restored,
 * which it replaces.
 */
function useShareDraft(ready: boolean, onDraft: (start: ShareStart) => void) {
  useEffect(() => {
    if (!ready) return;
    const take = (draft: { text: string; label: string; at: number } | null) => {
      if (!draft) return;
      void shareDraftItem.setValue(null);
      if (Date.now() - draft.at < SHARE_DRAFT_MS) onDraft({ text: draft.text, label: draft.label });
    };
    void shareDraftItem.getValue().then(take);
    return shareDraftItem.watch(take);
  }, [ready]);
}

/** What the popup knows of the note server; `refresh` asks again. */
function useNoteOptions() {
  /** Undefined while the background asks the server; null when the background did not answer. */
  const [info, setInfo] = useState<NoteOptions | null>();
  const refresh = () => sendMessage('noteOptions', undefined).then(setInfo, () => setInfo(null));
  useEffect(() => { void refresh(); }, []);
  return { info, refresh };
}

/** A renewed link's form starts with the old link's expiry, reads and label. */
const renewedStart = (entry: SentNote): ShareStart => ({
  expiresIn: Math.round((entry.expiresAt - entry.createdAt) / 1000), maxReads: entry.maxReads, label: entry.label,
});

type InstructedLink = { link: string; expiresAt: number; maxReads: number };

interface SentPanelProps {
  sent: ReturnType<typeof useSentList>;
  clearAfter: number;
  /** The link inside the instructions message; unset when there is no message to copy. */
  messageFor: ((link: InstructedLink) => string) | undefined;
  onRegenerate: (entry: SentNote) => ReturnType<typeof revokeSent>;
}

/** The Sent tab: the links sent so far, those still waiting with their link kept in memory to copy again. */
function SentPanel({ sent, clearAfter, messageFor, onRegenerate }: SentPanelProps) {
  const kept = useStored(keptLinksItem, {});
  return (
    <SentList entries={sent.entries} checking={sent.checking} issues={sent.issues} kept={kept}
      onCopy={(link) => copyText(link, clearAfter)}
      onCopyInstructions={messageFor
        ? (entry, link) => copyText(messageFor({ link, expiresAt: entry.expiresAt, maxReads: entry.maxReads }), clearAfter)
        : undefined}
      onRevoke={revokeSent} onRegenerate={onRegenerate} onForget={forgetSent} />
  );
}

/** The "Link created" view; a link made before the popup closed (a click into the chat to paste it) comes back. */
function useCreatedView() {
  const [created, setCreated] = useState<Created>();
  /** False until it is known whether a link made before the popup closed is to be shown again. */
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    void Promise.all([createdViewItem.getValue(), keptLinksItem.getValue()]).then(([shown, links]) => {
      if (!showsCreatedView(shown, links, Date.now())) return;
      const { link, expiresIn, expiresAt, maxReads, passphrase, madeAt } = shown;
      setCreated((now) => now ?? { link: { link, expiresIn, expiresAt, maxReads }, passphrase, madeAt });
    }).finally(() => setRestored(true));
  }, []);
  /** Copies the link, or the message around it, again; the view says how it went. */
  const copyCreated = async (what: 'link' | 'message', delay: number, messageFor: (link: InstructedLink) => string) => {
    if (!created) return;
    const copied = await copyText(what === 'link' ? created.link.link : messageFor(created.link), delay);
    setCreated({ ...created, copied, copiedWhat: what });
  };
  return { created, setCreated, restored, copyCreated };
}

function NeedsToken({ openOptions }: { openOptions: () => void }) {
  const { t } = useT();
  return (
    <div class="notice warn small">
      <p>{t('popup.needsToken')}</p>
      <button type="button" class="link" onClick={openOptions}>{t('popup.setToken')}</button>
    </div>
  );
}

/** A stored item's value, following its changes; `initial` until it is read. */
function useStored<T, I>(item: { getValue(): Promise<T>; watch(cb: (value: T) => void): () => void }, initial: I): T | I {
  const [value, setValue] = useState<T | I>(initial);
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch(setValue);
  }, []);
  return value;
}

/** The sent list as stored, at once; then the background asks the servers and the list follows. */
function useSentList() {
  const tr = useT();
  const [entries, setEntries] = useState<SentNote[]>();
  const [checking, setChecking] = useState(true);
  const [issues, setIssues] = useState<string[]>([]);
  useEffect(() => {
    void sentItem.getValue().then(setEntries);
    const unwatch = sentItem.watch(setEntries);
    void sendMessage('refreshSent', undefined)
      .then((failures) => setIssues(failures.map((failure) => refreshIssue(tr, failure))),
        () => setIssues([tr.t('popup.lastKnown')]))
      .finally(() => setChecking(false));
    return unwatch;
  }, []);
  return { entries, checking, issues };
}

/** The request list as stored, at once; then the background asks the servers and the list follows. */
function useRequests() {
  const tr = useT();
  const [entries, setEntries] = useState<RequestEntry[]>();
  const [checking, setChecking] = useState(true);
  const [issues, setIssues] = useState<string[]>([]);
  useEffect(() => {
    void requestsItem.getValue().then(setEntries);
    const unwatch = requestsItem.watch(setEntries);
    void sendMessage('refreshRequests', undefined)
      .then((failures) => setIssues(failures.map((failure) => requestRefreshIssue(tr, failure))),
        () => setIssues([tr.t('popup.lastKnown')]))
      .finally(() => setChecking(false));
    return unwatch;
  }, []);
  return { entries, checking, issues };
}

/** An action's answer from the background, with why it failed in the popup's language; a sentence when the background does not answer. */
async function worded<T, P>(answer: Promise<Result<T, P>>, say: (tr: Translator, problem: P) => string): Promise<Result<T, string>> {
  const done = await answer.catch(() => undefined);
  const tr = extensionTranslator();
  if (!done) return err(tr.t('popup.noAnswer'));
  return done.ok ? done : err(say(tr, done.error));
}

/** The Request tab's actions, all through the background (which holds the keys and the tokens). */
const REQUEST_ACTIONS = {
  create: (request: NewRequest) => sendMessage('createRequest', request).catch(() => ({ ok: false as const, error: NO_BACKGROUND_REQUEST })),
  copyLink: (ref: RequestRef) => worded(sendMessage('copyRequestLink', { server: ref.server, id: ref.id }), requestActionText),
  reveal: (ref: RequestRef) => sendMessage('openAnswer', { server: ref.server, id: ref.id }).catch(() => undefined),
  withdraw: (ref: RequestRef) => worded(sendMessage('withdrawRequest', { server: ref.server, id: ref.id }), requestActionText),
  forget: async (ref: RequestRef) => { await sendMessage('forgetRequest', { server: ref.server, id: ref.id }); },
};
/** The Request tab's actions, with a failed request said in the popup's language. */
function requestActions(tr: Translator, server: string | undefined) {
  const create = async (request: NewRequest) => {
    const made = await REQUEST_ACTIONS.create(request);
    return made.ok ? made : { ok: false as const, error: { ...made.error, message: askErrorText(tr, made.error, server) } };
  };
  return { ...REQUEST_ACTIONS, create };
}
/** No answer from the background: the sentence is the popup's own (askErrorText). */
const NO_BACKGROUND_REQUEST: RequestUiError = { code: 'no_background', message: '' };

interface PopupHeaderProps {
  view: View;
  onSelect: (view: View) => void;
  /** Links still waiting to be read, counted on the Sent tab. */
  waiting: number;
  /** Answers waiting to be revealed, counted on the Request tab. */
  answered: number;
  openOptions: () => void;
}

function PopupHeader({ view, onSelect, waiting, answered, openOptions }: PopupHeaderProps) {
  const { t, plural } = useT();
  return (
    <header class="popup-header">
      <span class="brand"><Logo size={18} /> {t('extension.name')}</span>
      <TabBar
        label={t('popup.views')}
        selected={view}
        onSelect={onSelect}
        tabs={[
          { id: 'new', label: t('popup.tabNew') },
          {
            id: 'request',
            label: answered > 0
              ? <>{t('popup.tabRequest')} <span class="tab-count answers" aria-hidden="true">{answered}</span><span class="visually-hidden">{plural('popup.tabAnswered', answered)}</span></>
              : t('popup.tabRequest'),
          },
          {
            id: 'sent',
            label: waiting > 0
              ? <>{t('popup.tabSent')} <span class="tab-count" aria-hidden="true">{waiting}</span><span class="visually-hidden">{plural('popup.tabWaiting', waiting)}</span></>
              : t('popup.tabSent'),
          },
        ]}
      />
      <button type="button" class="icon-button" onClick={openOptions} title={t('popup.options')} aria-label={t('popup.options')}>
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3.2h-4l-.4 2.7a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1l.4 2.7h4l.4-2.7c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z" transform="translate(-1 0)" />
        </svg>
      </button>
    </header>
  );
}

/** Which note server, whether it answers, and its size limit. */
function PopupFooter({ server, state, health }: { server?: string; state: 'checking' | 'ready' | 'unreachable'; health?: Health }) {
  const { t, bytes } = useT();
  // Separate facts, each a whole phrase of its own, between middle dots.
  const facts = [
    state === 'checking' ? t('popup.footerChecking') : undefined,
    state === 'unreachable' ? t('popup.footerUnreachable') : undefined,
    health ? t('popup.footerLimit', { size: bytes(health.maxNoteBytes) }) : undefined,
  ].filter((fact) => fact !== undefined);
  return (
    <footer class="popup-footer small muted">
      <span class={`dot ${state}`} aria-hidden="true" />
      <span>
        <Fill message={t('popup.footerServer')} parts={{ host: server ? <strong>{serverHost(server)}</strong> : null }} />
        {facts.map((fact) => <Fragment key={fact}>{t('popup.footerSeparator')}{fact}</Fragment>)}
      </span>
    </footer>
  );
}
