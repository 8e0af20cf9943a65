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

/** Tokens of every file the agents send, each file counted once however many agents send it. */
export function countContextFiles(groups: readonly AgentContext[], tokenizer: Pick<Tokenizer, 'count'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of groups) for (const f of g.files) if (!counts.has(f.path)) counts.set(f.path, tokenizer.count(f.text));
  return counts;
}

/**
 * Prices each agent's always-sent files (tokens from `counts`, by path) as input of `model` (no
 * output: the answer is paid for anyway). Agents come biggest first, their files biggest first.
 */
export function priceContext(
  groups: readonly AgentContext[],
  counts: ReadonlyMap<string, number>,
  exact: boolean,
  model: Model,
  a: Assumptions,
  rates: ExchangeRates,
): PricedContext[] {
  const inputOnly: Assumptions = { ...a, outputTokens: 0, reasoningTokens: 0 };
  return groups
    .map((g): PricedContext => {
      const files = g.files
        .map((f) => ({ path: f.path, reason: f.reason, tokens: counts.get(f.path) ?? 0 }))
        .sort((x, y) => y.tokens - x.tokens || x.path.localeCompare(y.path));
      const tokens = files.reduce((sum, f) => sum + f.tokens, 0);
      const result: PricedContext = { agent: g.agent, agentName: AGENT_NAMES[g.agent], files, tokens, exact };
      const cost = priceCall(model, tokens, inputOnly, rates);
      if (isPriced(cost)) {
        result.perCall = cost.total;
        result.perMonth = projectCost(cost.total, a.callsPerDay).perMonth;
      } else result.unpriced = cost.unpriced;
      return result;
    })
    .sort((x, y) => y.tokens - x.tokens || x.agent.localeCompare(y.agent));
}
