// The popup's Request tab: the form (or the link just made), and the list of requests.
import { useState } from 'preact/hooks';
import type { CopyResult } from '../utils/clipboard/copy';
import type { RequestState } from '../utils/core/request/protocol';
import type { Result } from '../utils/core/result';
import type { CreatedRequest, NewRequest, RequestUiError } from '../utils/request/actions';
import type { RequestEntry, RequestRef } from '../utils/request/entry';
import { RequestCreated } from './RequestCreated';
import { RequestForm } from './RequestForm';
import { RequestList } from './RequestList';

export interface RequestPanelProps {
  expiryChoices: number[];
  defaultExpiry: number;
  entries: RequestEntry[] | undefined;
  checking: boolean;
  issues: string[];
  create: (request: NewRequest) => Promise<Result<CreatedRequest, RequestUiError>>;
  copyLink: (ref: RequestRef) => Promise<Result<{ link: string; copied: CopyResult }, string>>;
  reveal: (ref: RequestRef) => Promise<void>;
  withdraw: (ref: RequestRef) => Promise<Result<RequestState, string>>;
  forget: (ref: RequestRef) => Promise<void>;
  openOptions: () => void;
  settingsErrors: ReadonlySet<RequestUiError['code']>;
}

export function RequestPanel(props: RequestPanelProps) {
  const [created, setCreated] = useState<CreatedRequest>();
  return (
    <>
      {created ? (
        <RequestCreated created={created} onDone={() => setCreated(undefined)} onCopy={async () => {
          const again = await props.copyLink(created);
          if (again.ok) setCreated({ ...created, copied: again.value.copied });
        }} />
      ) : (
        <RequestForm expiryChoices={props.expiryChoices} defaultExpiry={props.defaultExpiry} onOpenOptions={props.openOptions}
          settingsErrors={props.settingsErrors} onCreate={async (request) => {
            const result = await props.create(request);
            if (!result.ok) return result.error;
            setCreated(result.value);
            return undefined;
          }} />
      )}
      <RequestList entries={props.entries} checking={props.checking} issues={props.issues} onReveal={props.reveal}
        onCopyLink={props.copyLink} onWithdraw={props.withdraw} onForget={props.forget} />
    </>
  );
}
