import { localizer, type UiLocale } from '../l10n';
import { pricingText } from '../pricing/dataText';
import type { AppliedRule } from '../types';

export type RuleLocale = UiLocale;

/** The rules' English messages; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const RULE_MESSAGES = {
  bracketUpTo: 'up to {0} input tokens',
  bracketAbove: 'more than {0} input tokens',
  free: 'free',
  freeQuota: 'this cost ignores the free quota ({0})',
  tierRequest: 'the whole request is billed at the rate for requests of {0}',
  tierGraduatedOne: 'input billed in {0} price bracket, output at the rate for requests of {1}',
  tierGraduatedMany: 'input billed across {0} price brackets, output at the rate for requests of {1}',
  timeWindow: 'time window: {0}',
  scheduledFrom: 'dated price from {0}: {1}',
  scheduledThrough: 'dated price through {0}: {1}',
  scheduledBetween: 'dated price from {0} through {1}: {2}',
  scheduled: 'dated price: {0}',
  cacheFallback: 'no cache price: cached input billed as ordinary input',
  noReasoning: 'no reasoning: thinking tokens not billed for this model',
  batch: 'batch price ×{0}',
  noBatch: 'no batch price: list price',
  discount: 'vendor discount {0}%',
  converted: 'converted {0}→{1} at {2} (rates of {3})',
} as const;

const M = RULE_MESSAGES;

function count(n: number, locale: RuleLocale): string {
  return n.toLocaleString(locale === 'zh-cn' ? 'zh-CN' : 'en');
}

/** The day before `until` (the last day a dated price applies). */
function lastDay(until: string): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A pricing rule in plain words, in English or Simplified Chinese. */
export function describeRule(rule: AppliedRule, locale: RuleLocale = 'en'): string {
  const t = localizer(locale);
  switch (rule.kind) {
    case 'free':
      return t(M.free);
    case 'freeQuota':
      return t(M.freeQuota, pricingText(locale, rule.note));
    case 'tier': {
      const bracket = rule.upTo === null ? t(M.bracketAbove, count(rule.above, locale)) : t(M.bracketUpTo, count(rule.upTo, locale));
      if (rule.mode === 'request') return t(M.tierRequest, bracket);
      return t(rule.brackets > 1 ? M.tierGraduatedMany : M.tierGraduatedOne, rule.brackets, bracket);
    }
    case 'timeWindow':
      return t(M.timeWindow, pricingText(locale, rule.label));
    case 'scheduled': {
      const last = rule.until ? lastDay(rule.until) : undefined;
      const note = pricingText(locale, rule.note);
      if (rule.from && last) return t(M.scheduledBetween, rule.from, last, note);
      if (rule.from) return t(M.scheduledFrom, rule.from, note);
      if (last) return t(M.scheduledThrough, last, note);
      return t(M.scheduled, note);
    }
    case 'cacheFallback':
      return t(M.cacheFallback);
    case 'noReasoning':
      return t(M.noReasoning);
    case 'batch':
      return t(M.batch, rule.multiplier);
    case 'noBatch':
      return t(M.noBatch);
    case 'discount':
      return t(M.discount, rule.percent);
    case 'converted':
      return t(M.converted, rule.from, rule.to, rule.rate, rule.date);
  }
}
