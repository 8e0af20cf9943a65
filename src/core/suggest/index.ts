export { cheaperEquivalents } from './cheaper';
