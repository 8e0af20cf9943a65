import type { Currency, Model, Price, ScheduledPrice } from './schema';

/**
 * Dated prices: which price of a model is in force at an instant, and the next announced change.
 * A schedule entry applies from 00:00 UTC of `from` (or always before `until` when it has no
 * `from`) up to, not including, 00:00 UTC of `until`. Outside every entry `model.price` applies.
 * Every cost computation asks `priceInForce`; nothing else reads `model.price` to price a call.
 */

export type ModelPrice = Model['price'];

export interface PriceInForce {
  price: ModelPrice;
  /** The schedule entry that supplies the price; undefined when the model's own `price` applies. */
  entry?: ScheduledPrice;
}

const DAY_MS = 86_400_000;

function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function requireInstant(at: Date): number {
  const t = at instanceof Date ? at.getTime() : NaN;
  if (Number.isNaN(t)) throw new Error('the pricing instant is not a valid date');
  return t;
}

function entryCovers(entry: ScheduledPrice, t: number): boolean {
  return (entry.from === undefined || t >= dayStart(entry.from)) && (entry.until === undefined || t < dayStart(entry.until));
}

/** The price in force for `model` at `at`, and the schedule entry it comes from (the first entry that covers `at`). */
export function priceInForce(model: Model, at: Date): PriceInForce {
  const t = requireInstant(at);
  const entry = model.schedule?.find((e) => entryCovers(e, t));
  return entry ? { price: entry.price, entry } : { price: model.price };
}

/** Just the price in force at `at`. */
export function priceAt(model: Model, at: Date): ModelPrice {
  return priceInForce(model, at).price;
}

/** Input and output rates of one side of a change, as published: currency and unit of that price. */
export type RatesSide =
  { kind: 'priced'; currency: Currency; per: 1000 | 1000000; input: number; output: number } | { kind: 'free' } | { kind: 'unpriced'; reason: string };

export interface PriceChange {
  /** First day (UTC) of the new price, YYYY-MM-DD. */
  date: string;
  before: RatesSide;
  after: RatesSide;
  /** after ÷ before of the input and output rate per token, when both are priced in one currency (2 = doubles). */
  factor?: { input?: number; output?: number };
  /** Why the price changes, from the schedule entry that starts or ends that day. */
  note: string;
  source: string;
}

function side(price: ModelPrice): RatesSide {
  if (!('rates' in price)) return { kind: 'unpriced', reason: price.unpriced };
  if (price.free) return { kind: 'free' };
  return { kind: 'priced', currency: price.currency, per: price.per, input: price.rates.input, output: price.rates.output };
}

function ratio(after: number, afterPer: number, before: number, beforePer: number): number | undefined {
  if (before === 0) return undefined;
  return Number((after / afterPer / (before / beforePer)).toPrecision(12));
}

function samePrice(a: ModelPrice, b: ModelPrice): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The first announced change of `model`'s price after `after`: its day, the rates before and after
 * it, and the entry that explains it. Undefined when the schedule announces nothing later that
 * differs from the price in force (an entry that repeats the current price is no change).
 */
export function nextPriceChange(model: Model, after: Date): PriceChange | undefined {
  const t = requireInstant(after);
  const schedule = model.schedule ?? [];
  const boundaries = [...new Set(schedule.flatMap((e) => [e.from, e.until]).filter((d): d is string => d !== undefined))]
    .map(dayStart)
    .filter((b) => b > t)
    .sort((x, y) => x - y);
  const now = priceInForce(model, after);
  for (const b of boundaries) {
    const then = priceInForce(model, new Date(b));
    if (samePrice(now.price, then.price)) continue;
    const date = isoDay(b);
    // The entry that starts that day explains the change; otherwise the one that ends (a promotion's last day was the day before).
    const why = then.entry?.from === date ? then.entry : (now.entry?.until === date ? now.entry : (then.entry ?? now.entry))!;
    const before = side(now.price);
    const afterSide = side(then.price);
    const change: PriceChange = { date, before, after: afterSide, note: why.note, source: why.source };
    if (before.kind === 'priced' && afterSide.kind === 'priced' && before.currency === afterSide.currency) {
      const input = ratio(afterSide.input, afterSide.per, before.input, before.per);
      const output = ratio(afterSide.output, afterSide.per, before.output, before.per);
      if (input !== undefined || output !== undefined)
        change.factor = { ...(input !== undefined ? { input } : {}), ...(output !== undefined ? { output } : {}) };
    }
    return change;
  }
  return undefined;
}

/** The same time of day as `at`, on `date` (UTC): where a cost "after the change" is priced, so time-of-day prices stay comparable. */
export function sameTimeOn(date: string, at: Date): Date {
  const t = requireInstant(at);
  return new Date(dayStart(date) + (((t % DAY_MS) + DAY_MS) % DAY_MS));
}

/** Days from `now` to 00:00 UTC of `date` (negative when past), rounded down. */
export function daysUntil(date: string, now: Date): number {
  return Math.floor((dayStart(date) - requireInstant(now)) / DAY_MS);
}

/** Whether `price` is a per-token price (not an unpriced marker). */
export function isRatedPrice(price: ModelPrice): price is Price {
  return 'rates' in price;
}
