/** The bodies of the hosts' dialogs, in a chunk fetched when a host first reaches for one (room/hostControls.tsx). */
export { EndInterviewForm } from './EndInterviewForm.tsx';
export { InterviewSettingsForm } from './InterviewSettingsForm.tsx';
export { InviteForm } from './InviteForm.tsx';
export { ParticipantsDialog } from './ParticipantsDialog.tsx';
