/** The Verdicts and Submissions tabs of a room on a problem, in a chunk of their own (room/useProblemParts.tsx). */
export { RoomSubmissions } from './RoomSubmissions.tsx';
export { VerdictsPanel } from './VerdictsPanel.tsx';
