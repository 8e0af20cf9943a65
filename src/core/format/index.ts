export { formatMoney, formatTokens, formatRate, CURRENCY_SYMBOLS } from './money';
