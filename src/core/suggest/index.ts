export { accountRegions, cheaperEquivalents, type SuggestionFilter } from './cheaper';
export { answerOf, costDifference, type Answer, type CostDifference, type NoAnswerReason } from './answer';
