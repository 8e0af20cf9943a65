import type { Model } from './schema';
import { daysUntil } from './schedule';

/** The tooltip warns this many days (or fewer) before the current model retires. */
export const RETIREMENT_WARNING_DAYS = 60;

/** Whether the vendor no longer serves `model` at `at`: from 00:00 UTC of its `retires` day on. */
export function isRetired(model: Model, at: Date): boolean {
  if (Number.isNaN(at.getTime())) throw new Error('the pricing instant is not a valid date');
  return model.retires !== undefined && at.getTime() >= Date.parse(`${model.retires}T00:00:00Z`);
}

export interface RetirementWarning {
  /** The day the vendor stops serving the model. */
  retires: string;
  /** Whole days left before that day (0 = it retires tomorrow at 00:00 UTC). */
  daysLeft: number;
  /** The model the vendor names as its replacement, when the catalogue has it. */
  replacedBy?: Model;
}

/**
 * A warning when `model` retires within `withinDays` of `now` (and has not retired yet), naming
 * the date and the replacement. `findModel` looks the replacement up in the catalogue.
 */
export function retirementWarning(
  model: Model,
  now: Date,
  findModel: (id: string) => Model | undefined,
  withinDays = RETIREMENT_WARNING_DAYS,
): RetirementWarning | undefined {
  if (model.retires === undefined || isRetired(model, now)) return undefined;
  const daysLeft = daysUntil(model.retires, now);
  if (daysLeft > withinDays) return undefined;
  const replacement = model.replacedBy !== undefined ? findModel(model.replacedBy) : undefined;
  return { retires: model.retires, daysLeft, ...(replacement ? { replacedBy: replacement } : {}) };
}
