import { MAX_COUNTED_LENGTH } from './textPolicy';

/**
 * The ranges and defaults of the user's assumptions. The settings (package.json's
 * `contributes.configuration`), the settings parser, the commands' input boxes, the panel and the
 * CLI all accept exactly these; test/unit/limits.test.ts checks package.json against them.
 */
export const LIMITS = Object.freeze({
  /** Expected output or thinking tokens per call. */
  tokensPerCall: { min: 0, max: 10_000_000 },
  callsPerDay: { min: 0, max: 1_000_000_000 },
  /** Share of the input served from the prompt cache. */
  cachedShare: { min: 0, max: 1 },
  /** Negotiated discount per vendor, in percent. */
  discountPercent: { min: 0, max: 100 },
  /** Units of a currency per 1 USD. Real rates of our currencies lie between 0.5 and 200; the
   *  bounds only keep a typo (1e-320, 1e308) from turning every converted price into 0 or Infinity. */
  exchangeRate: { min: 0.000001, max: 1_000_000 },
  /** Files one CLI run prices (after glob expansion). */
  cliFiles: 1000,
  /** Files and folders one CLI glob pattern may look at before it is called too broad. */
  cliGlobEntries: 200_000,
  /** Chat models of VS Code's Language Model API listed first in Select Model. */
  languageModels: 200,
  /** How long Select Model waits for the Language Model API to list them, in ms. */
  languageModelsWaitMs: 1500,
});

/**
 * What a pricing file (bundled, user, downloaded update) may hold. The dearest real price is a few
 * hundred USD (tens of thousands of JPY) per 1M tokens; the bound keeps every cost finite: 1e6 per
 * 1K tokens × 1e7 tokens × 1e9 calls × a 1e12 currency ratio is about 1e31, far below 1.8e308.
 */
export const PRICE_LIMITS = Object.freeze({
  /** A rate per `per` (1K or 1M) tokens, per request or per call, in the schedule's currency. */
  rate: { min: 0, max: 1_000_000 },
  /** A plan's price per period. */
  planAmount: { min: 0, max: 1_000_000_000 },
  /** Value of one vendor credit. */
  creditValue: { min: 0.000001, max: 1_000_000 },
  /** Exchange-rate tables use the settings' range, LIMITS.exchangeRate. */
});

/**
 * When a downloaded price update is refused as implausible (a broken or hostile mirror: every
 * model free, prices off by a unit). Compared per model, on the input and output rates.
 */
export const PRICE_UPDATE_GUARD = Object.freeze({
  /** A price that changes by more than this factor (up or down, or to or from free) counts as a jump. */
  jumpFactor: 10,
  /** Refused when more than this share of the models both files price jump. */
  maxJumpShare: 0.25,
  /** Refused when any one model's price changes by more than this factor (1000× higher). */
  maxFactor: 100,
});

/** Defaults of the assumptions, as package.json declares them. */
export const DEFAULTS = Object.freeze({
  outputTokens: 500,
  reasoningTokens: 0,
  cachedShare: 0,
  callsPerDay: 100,
  currency: 'USD',
} as const);

/** What the cost tools (language-model tool, MCP server) accept and return: agents send anything. */
export const TOOL_LIMITS = Object.freeze({
  /** Characters of text passed inline, and of a file read by path (about 4 MB of UTF-8 at most). */
  textChars: 2_000_000,
  /** Model ids in one estimate. */
  models: 20,
  /** Cheaper equivalents in one answer. */
  suggestions: 10,
  /** Rows of one price list. */
  listRows: 50,
  /** Characters of a path, model id, vendor id or search string. */
  nameChars: 300,
});

/** Characters of a text read to judge its script mix for the estimate's error bound (the tooltip reads it on hover). */
export const ESTIMATE_BOUND_SAMPLE_CHARS = 100_000;

/**
 * Input the CLI reads (a prompt file, standard input, a pricing file): as many characters as the
 * editor counts (core/textPolicy.ts MAX_COUNTED_LENGTH, 12 million), and no more bytes than such a
 * text can take in UTF-8 (3 bytes per UTF-16 code unit at most), so reading stops early on
 * /dev/zero or a huge file instead of growing until memory runs out.
 */
export const CLI_INPUT_LIMITS = Object.freeze({
  chars: MAX_COUNTED_LENGTH,
  bytes: 3 * MAX_COUNTED_LENGTH,
});
