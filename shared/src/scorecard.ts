import { z } from './zodMini.ts';

/** What a room's hosts score a candidate on, each from 1 (poor) to 4 (excellent). */
export const SCORECARD_CRITERIA = ['problemSolving', 'codeQuality', 'communication', 'testing'] as const;
export type ScorecardCriterion = (typeof SCORECARD_CRITERIA)[number];

export const CRITERION_LABELS: Record<ScorecardCriterion, string> = {
  problemSolving: 'Problem solving',
  codeQuality: 'Code quality',
  communication: 'Communication',
  testing: 'Testing',
};

export const RECOMMENDATIONS = ['strong-no', 'no', 'yes', 'strong-yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  'strong-no': 'Strong no',
  no: 'No',
  yes: 'Yes',
  'strong-yes': 'Strong yes',
};

const score = z.nullable(z.int().check(z.minimum(1), z.maximum(4)));

/** What hosts send to save a scorecard: every criterion (null: not scored yet) and the recommendation. */
export const scorecardInputSchema = z.strictObject({
  scores: z.strictObject({
    problemSolving: score,
    codeQuality: score,
    communication: score,
    testing: score,
  }),
  recommendation: z.nullable(z.enum(RECOMMENDATIONS)),
});
export type ScorecardInput = z.infer<typeof scorecardInputSchema>;

/**
 * A room's scorecard as stored, private to its hosts like its notes: `updatedBy` (name of
 * the host who saved it last) and `updatedAt` (ISO time) are null before anyone saved.
 */
export const scorecardSchema = z.extend(scorecardInputSchema, {
  updatedBy: z.nullable(z.string()),
  updatedAt: z.nullable(z.string()),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const EMPTY_SCORECARD: Scorecard = {
  scores: { problemSolving: null, codeQuality: null, communication: null, testing: null },
  recommendation: null,
  updatedBy: null,
  updatedAt: null,
};
