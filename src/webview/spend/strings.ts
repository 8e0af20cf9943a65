import { localize, type UiLocale } from '../../core/l10n';

/** Every string of the Spend view, in English; the Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const SPEND_VIEW_MESSAGES = {
  today: 'Today',
  month: 'This month',
  last30: 'Last {0} days',
  byModel: 'By model',
  byAgent: 'By agent',
  topSessions: 'Top sessions',
  topProjects: 'Top projects',
  noProject: '(no project)',
  requests: '{0} requests',
  tokens: '{0} tokens',
  unpricedTokens: '+ {0} tokens unpriced',
  cacheSavings: 'Cache reads saved {0} against paying the full input price.',
  cheapest: 'The same tokens on the cheapest equivalent models would have cost ≈ {0} instead of {1}.',
  cheapestNone: 'No cheaper equivalent model for the models used.',
  swap: '{0} → {1}: saves ≈ {2}',
  budgetOf: '{0} of {1}',
  noBudget: 'no budget set',
  warning: '80% of the budget reached',
  exceeded: 'over budget',
  refresh: 'Refresh',
  settings: 'Settings',
  empty: 'No usage found in the agent logs yet.',
  disabled: 'Reading agent logs is turned off (tokenSpend.usage.enabled).',
  scanning: 'Reading agent logs…',
  scanned: 'Read in {0} ms',
  noData: 'no priced spend',
} as const;

export type SpendKey = keyof typeof SPEND_VIEW_MESSAGES;

export function spendText(locale: UiLocale, key: SpendKey, ...args: (string | number)[]): string {
  return localize(locale, SPEND_VIEW_MESSAGES[key], ...args);
}
