import type { AppliedRule } from '../types';

export type RuleLocale = 'en' | 'zh-cn';

function count(n: number, locale: RuleLocale): string {
  return n.toLocaleString(locale === 'zh-cn' ? 'zh-CN' : 'en');
}

function bracket(rule: Extract<AppliedRule, { kind: 'tier' }>, locale: RuleLocale): string {
  if (locale === 'zh-cn') return rule.upTo === null ? `输入超过 ${count(rule.above, locale)} tokens 档` : `输入不超过 ${count(rule.upTo, locale)} tokens 档`;
  return rule.upTo === null ? `above ${count(rule.above, locale)} input tokens` : `up to ${count(rule.upTo, locale)} input tokens`;
}

/** A pricing rule in plain words, in English or Simplified Chinese. */
export function describeRule(rule: AppliedRule, locale: RuleLocale = 'en'): string {
  const zh = locale === 'zh-cn';
  switch (rule.kind) {
    case 'free':
      return zh ? '免费' : 'free';
    case 'freeQuota':
      return zh ? `免费额度（未扣除）：${rule.note}` : `free quota not deducted: ${rule.note}`;
    case 'tier':
      if (rule.mode === 'request') {
        return zh ? `上下文分档：整次请求按${bracket(rule, locale)}计价` : `context tier: whole request at the ${bracket(rule, locale)} price`;
      }
      return zh
        ? `阶梯累进：输入分 ${rule.brackets} 档计价，输出按${bracket(rule, locale)}计价`
        : `graduated context tiers: input split over ${rule.brackets} bracket${rule.brackets > 1 ? 's' : ''}, output at the ${bracket(rule, locale)} price`;
    case 'timeWindow':
      return zh ? `时段价格：${rule.label}` : `time window: ${rule.label}`;
    case 'scheduled': {
      const last = rule.until ? new Date(Date.parse(`${rule.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : undefined;
      if (zh) return `限期价格${rule.from ? `（${rule.from} 起` : '（'}${last ? `${rule.from ? '，' : ''}至 ${last}` : ''}）：${rule.note}`;
      return `dated price${rule.from ? ` from ${rule.from}` : ''}${last ? ` through ${last}` : ''}: ${rule.note}`;
    }
    case 'cacheFallback':
      return zh ? '无缓存价格：缓存命中部分按普通输入计价' : 'no cache price: cached input billed as ordinary input';
    case 'noReasoning':
      return zh ? '非推理模型：思考 tokens 不计费' : 'no reasoning: thinking tokens not billed for this model';
    case 'batch':
      return zh ? `批量价格 ×${rule.multiplier}` : `batch price ×${rule.multiplier}`;
    case 'noBatch':
      return zh ? '无批量价格：按标准价格' : 'no batch price: list price';
    case 'discount':
      return zh ? `厂商折扣 ${rule.percent}%` : `vendor discount ${rule.percent}%`;
    case 'converted':
      return zh
        ? `按 ${rule.date} 汇率 ${rule.rate} 由 ${rule.from} 换算为 ${rule.to}`
        : `converted ${rule.from}→${rule.to} at ${rule.rate} (rates of ${rule.date})`;
  }
}
