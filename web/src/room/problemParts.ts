/** What only rooms on a problem show at once, in a chunk of its own (room/useProblemParts.tsx). */
export { ProblemFacts } from '../components/ProblemFacts.tsx';
export { ProblemStatement } from '../components/ProblemStatement.tsx';
