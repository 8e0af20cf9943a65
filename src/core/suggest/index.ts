export { cheaperEquivalents, type SuggestionFilter } from './cheaper';
