/** What only a room's hosts and managers see, in a chunk of its own (room/useHostControls.ts). */
export { EndInterviewButton, ReopenButton } from './EndInterviewButton.tsx';
export { InterviewSettings } from './InterviewSettings.tsx';
export { InviteControl } from './InviteControl.tsx';
export { ParticipantsControl } from './ParticipantsControl.tsx';
