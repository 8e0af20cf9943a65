export { convert, canConvert, withRateOverrides } from './currency';
export { priceCall, projectCost, validateAssumptions, isPriced, DAYS_PER_MONTH } from './price';
export { staleness, isInTimeWindow, activeTimeWindow, wallClock } from './time';
export { creditsPerCall, callsCoveredPerMonth } from './credits';
