import { csvCell } from '../report';
import type { Localize } from '../l10n';
import type { Grouping, UsageReport, UsageTotals } from './summary';

/** The English messages of the usage report; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const USAGE_MESSAGES = {
  linesUnread: '{0} lines of {1} files could not be read (corrupt, cut off or too long); they are not counted.',
  linesUnreadOneFile: '{0} lines of one file could not be read (corrupt, cut off or too long); they are not counted.',
  lineUnread: 'One line could not be read (corrupt, cut off or too long); it is not counted.',
  incomplete: '{0} files end in a line still being written; it is read once complete.',
  incompleteOne: 'One file ends in a line still being written; it is read once complete.',
  unreadable: 'Could not read {0}: {1}',
  unreadableMore: '… and {0} more paths that could not be read.',
  unpricedModel: '{0}: {1} tokens in {2} requests are unpriced (the pricing catalogue has no such model)',
  unpricedListedModel: '{0}: {1} tokens in {2} requests are unpriced (the pricing catalogue lists the model but has no price for them)',
  costUnknown: 'unpriced',
  loggedDiffers: '{0}: the agent logged {1}, our price is {2} ({3}% apart)',
  colKey: 'Key',
  colRequests: 'Requests',
  colInput: 'Input',
  colOutput: 'Output',
  colCacheRead: 'Cache read',
  colCacheWrite: 'Cache write',
  colReasoning: 'Reasoning',
  colCost: 'Cost',
  total: 'Total',
  pricedPart: '{0} priced + {1} tokens unpriced',
  noRecords: 'No usage found in the agent logs (looked in {0} places).',
  overBudget: 'over budget: {0} spent, more than the budget of {1}',
  budgetUnpriced: 'cannot check the budget fully: {0} tokens are unpriced; the priced part is {1}',
  day: 'Day',
  model: 'Model',
  agent: 'Agent',
  project: 'Project',
  session: 'Session',
} as const;

/** Problems found while reading the logs, as a report carries them. */
export interface ReadProblems {
  badLines: number;
  filesWithBadLines: number;
  incompleteLines: number;
  unreadable: { path: string; reason: string }[];
}

/** The problem lines for stderr and the output channel ("3 lines of 2 files could not be read"). */
export function describeProblems(p: ReadProblems, t: Localize, maxPaths = 5): string[] {
  const out: string[] = [];
  if (p.badLines === 1) out.push(t(USAGE_MESSAGES.lineUnread));
  else if (p.badLines > 0 && p.filesWithBadLines === 1) out.push(t(USAGE_MESSAGES.linesUnreadOneFile, p.badLines));
  else if (p.badLines > 0) out.push(t(USAGE_MESSAGES.linesUnread, p.badLines, p.filesWithBadLines));
  if (p.incompleteLines === 1) out.push(t(USAGE_MESSAGES.incompleteOne));
  else if (p.incompleteLines > 0) out.push(t(USAGE_MESSAGES.incomplete, p.incompleteLines));
  for (const u of p.unreadable.slice(0, maxPaths)) out.push(t(USAGE_MESSAGES.unreadable, u.path, u.reason));
  if (p.unreadable.length > maxPaths) out.push(t(USAGE_MESSAGES.unreadableMore, p.unreadable.length - maxPaths));
  return out;
}

export function groupingLabel(by: Grouping, t: Localize): string {
  return t(USAGE_MESSAGES[by]);
}

const CSV_COLUMNS = [
  'requests',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'cost',
  'pricedCost',
  'unpricedTokens',
  'loggedCost',
] as const;

function csvRow(key: string, t: UsageTotals, currency: string): string {
  return [key, currency, ...CSV_COLUMNS.map((c) => (t[c] === null ? '' : t[c]))].map(csvCell).join(',');
}

/** The report as CSV (CRLF line ends): one line per row, then the total; an empty cost means unpriced. */
export function usageToCsv(report: UsageReport, by: Grouping): string {
  const lines = [
    [by, 'currency', ...CSV_COLUMNS].join(','),
    ...report.rows.map((r) => csvRow(r.key, r, report.currency)),
    csvRow('total', report.totals, report.currency),
  ];
  return lines.join('\r\n') + '\r\n';
}
