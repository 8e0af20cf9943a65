import type { Currency, ExchangeRates } from '../pricing/schema';

/** Units of `currency` per 1 unit of the table's base currency, or undefined if the table lacks it. */
function unitsPerBase(currency: Currency, rates: ExchangeRates): number | undefined {
  if (currency === rates.base) return 1;
  return rates.rates[currency];
}

/** True when `convert` can turn `from` into `to` with this table. */
export function canConvert(from: Currency, to: Currency, rates: ExchangeRates): boolean {
  return from === to || (unitsPerBase(from, rates) !== undefined && unitsPerBase(to, rates) !== undefined);
}

/**
 * Converts through the table's base currency. Same-currency amounts are returned untouched, so
 * a CNY price shown in CNY never takes a round trip through USD.
 */
export function convert(amount: number, from: Currency, to: Currency, rates: ExchangeRates): number {
  if (!Number.isFinite(amount)) throw new Error(`cannot convert ${amount}: not a finite number`);
  if (from === to) return amount;
  const fromRate = unitsPerBase(from, rates);
  const toRate = unitsPerBase(to, rates);
  const missing = fromRate === undefined ? from : toRate === undefined ? to : undefined;
  if (missing !== undefined || fromRate === undefined || toRate === undefined) {
    throw new Error(`no exchange rate for ${missing} in the ${rates.base}-based table dated ${rates.date}; set one in the exchange-rate overrides`);
  }
  return (amount / fromRate) * toRate;
}

/**
 * A table with user overrides applied. Overrides are units per 1 base currency, like the table;
 * invalid values (zero, negative, not finite) are rejected with an error naming the currency.
 */
export function withRateOverrides(table: ExchangeRates, overrides: Partial<Record<Currency, number>>, source = 'user override'): ExchangeRates {
  const entries = Object.entries(overrides) as [Currency, number | undefined][];
  if (!entries.some(([, v]) => v !== undefined)) return table;
  const rates = { ...table.rates };
  for (const [currency, value] of entries) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`exchange rate for ${currency} must be a positive number, got ${value}`);
    if (currency === table.base && value !== 1) throw new Error(`${currency} is the table's base currency: its rate is 1 by definition`);
    rates[currency] = value;
  }
  return { ...table, rates, source: `${table.source}; ${source}` };
}
