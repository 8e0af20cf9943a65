import type { Catalogue } from './pricing/catalogue';
import type { Model } from './pricing/schema';
import type { Assumptions } from './types';
import { DEFAULTS } from './limits';

/** The model used when the user has not picked one (the CLI without --model, an empty setting):
 *  OpenAI's named replacement for GPT-4o mini, which retires on 2027-01-14. */
export const DEFAULT_MODEL_ID = 'openai/gpt-6-luna';

/** The same defaults as the extension's settings in package.json. */
export function defaultAssumptions(at: Date = new Date()): Assumptions {
  return {
    outputTokens: DEFAULTS.outputTokens,
    reasoningTokens: DEFAULTS.reasoningTokens,
    cachedShare: DEFAULTS.cachedShare,
    callsPerDay: DEFAULTS.callsPerDay,
    batch: false,
    at,
    vendorDiscounts: {},
    currency: DEFAULTS.currency,
  };
}

/** DEFAULT_MODEL_ID if the catalogue has it, else its first priced model, else its first model. */
export function defaultModel(catalogue: Catalogue): Model | undefined {
  return catalogue.model(DEFAULT_MODEL_ID) ?? catalogue.models.find((m) => 'rates' in m.price) ?? catalogue.models[0];
}
