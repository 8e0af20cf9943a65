import { isPriced, priceCall, projectCost } from '../cost/price';
import type { ExchangeRates, Model } from '../pricing/schema';
import type { Tokenizer } from '../tokenize';
import type { Assumptions } from '../types';
import { AGENT_NAMES, type Agent, type AgentContext, type SentReason } from './rules';

export interface CountedFile {
  path: string;
  reason: SentReason;
  tokens: number;
}

/** One agent's always-sent files with their tokens and what they add to every request. */
export interface PricedContext {
  agent: Agent;
  agentName: string;
  /** Biggest first. */
  files: CountedFile[];
  tokens: number;
  /** Tokens counted with the vendor's own tokenizer (false: an estimate). */
  exact: boolean;
  /** What these tokens add to one request as input, in the display currency; absent when unpriced. */
  perCall?: number;
  perMonth?: number;
  unpriced?: string;
}

/**
 * Counts and prices each agent's always-sent files as input of `model` (no output: the answer is
 * paid for anyway). Agents come biggest first. Each file is counted once, however many agents send it.
 */
export function priceContext(groups: readonly AgentContext[], tokenizer: Tokenizer, model: Model, a: Assumptions, rates: ExchangeRates): PricedContext[] {
  const counted = new Map<string, number>();
  const tokensOf = (path: string, text: string) => {
    let n = counted.get(path);
    if (n === undefined) counted.set(path, (n = tokenizer.count(text)));
    return n;
  };
  const inputOnly: Assumptions = { ...a, outputTokens: 0, reasoningTokens: 0 };
  return groups
    .map((g): PricedContext => {
      const files = g.files.map((f) => ({ path: f.path, reason: f.reason, tokens: tokensOf(f.path, f.text) })).sort((x, y) => y.tokens - x.tokens || x.path.localeCompare(y.path));
      const tokens = files.reduce((sum, f) => sum + f.tokens, 0);
      const result: PricedContext = { agent: g.agent, agentName: AGENT_NAMES[g.agent], files, tokens, exact: tokenizer.exact };
      const cost = priceCall(model, tokens, inputOnly, rates);
      if (isPriced(cost)) {
        result.perCall = cost.total;
        result.perMonth = projectCost(cost.total, a.callsPerDay).perMonth;
      } else result.unpriced = cost.unpriced;
      return result;
    })
    .sort((x, y) => y.tokens - x.tokens || x.agent.localeCompare(y.agent));
}
