/** What only rooms on a problem show, in a chunk of its own (room/useProblemParts.tsx). */
export { ProblemFacts } from '../components/ProblemFacts.tsx';
export { ProblemStatement } from '../components/ProblemStatement.tsx';
export { RoomSubmissions } from './RoomSubmissions.tsx';
export { VerdictsPanel } from './VerdictsPanel.tsx';
