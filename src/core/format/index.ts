export { formatMoney, formatTokens, formatRate, formatCredits, CURRENCY_SYMBOLS } from './money';
export { describeRule, type RuleLocale } from './rules';
export { describePriceChange, describePriceChangeShort } from './changes';
