import type { ComponentChildren } from 'preact';
import { DialogButton } from '../components/DialogButton.tsx';
import { loadOnce } from '../lib/loadOnce.ts';
import { useLoaded } from '../lib/useLoaded.ts';
import type { InterviewSettingsProps } from './InterviewSettingsForm.tsx';
import { PartPending } from './PartPending.tsx';

/**
 * What only a room's hosts and managers see, in a chunk of its own (room/useHostControls.ts):
 * their buttons. Each dialog's body comes with the others in a chunk of their own, fetched as
 * the pointer or the focus reaches one of the buttons, so a host who never opens them never
 * downloads them.
 */
export { ReopenButton } from './ReopenButton.tsx';

type HostDialogs = typeof import('./hostDialogs.ts');

const loadHostDialogs = loadOnce(() => import('./hostDialogs.ts'));
const prefetch = () => {
  loadHostDialogs().catch(() => undefined);
};

/**
 * A dialog's body once its code is there; until then (or if it cannot be fetched) says so,
 * under a heading with the button's label (the dialog's name meanwhile).
 */
function HostDialog({
  label,
  titleId,
  onClose,
  body,
}: {
  label: string;
  titleId: string;
  onClose(): void;
  body(dialogs: HostDialogs): ComponentChildren;
}) {
  const dialogs = useLoaded(loadHostDialogs, true, 'This dialog');
  if (dialogs && !(dialogs instanceof Error)) return <>{body(dialogs)}</>;
  return (
    <div class="stack">
      <h2 id={titleId}>{label}</h2>
      <PartPending parts={dialogs} />
      <div class="form-actions">
        <button type="button" class="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** A host's button; `name` names its test ids and its dialog's heading (`<name>-title`). */
function HostDialogButton({
  label,
  name,
  kind,
  body,
}: {
  label: string;
  name: string;
  kind?: 'primary' | 'danger';
  body(dialogs: HostDialogs, close: () => void): ComponentChildren;
}) {
  return (
    <DialogButton
      label={label}
      buttonClass={kind ? `button small ${kind}` : 'button small'}
      testName={name}
      labelledBy={`${name}-title`}
      onIntent={prefetch}
    >
      {(close) => (
        <HostDialog label={label} titleId={`${name}-title`} onClose={close} body={(dialogs) => body(dialogs, close)} />
      )}
    </DialogButton>
  );
}

/** For the room's owner (and admins): invitation links. */
export const InviteControl = ({ roomId }: { roomId: string }) => (
  <HostDialogButton
    label="Invite"
    name="invite"
    kind="primary"
    body={(d, close) => <d.InviteForm roomId={roomId} onClose={close} />}
  />
);

/** For the room's hosts: the people an invitation let in, their roles. */
export const ParticipantsControl = ({ roomId }: { roomId: string }) => (
  <HostDialogButton
    label="People"
    name="participants"
    body={(d, close) => <d.ParticipantsDialog roomId={roomId} onClose={close} />}
  />
);

/** For hosts: the interview's title, timer and what everyone else may do. */
export const InterviewSettings = (props: InterviewSettingsProps) => (
  <HostDialogButton
    label="Interview"
    name="interview"
    body={(d, close) => <d.InterviewSettingsForm {...props} onClose={close} />}
  />
);

/** For hosts: ends the interview (its dialog asks whether guests keep a read-only view). */
export const EndInterviewButton = ({ roomId }: { roomId: string }) => (
  <HostDialogButton
    label="End interview"
    name="end"
    kind="danger"
    body={(d, close) => <d.EndInterviewForm roomId={roomId} onClose={close} />}
  />
);
