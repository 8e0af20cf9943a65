import { formatTokens } from '../core/format';
import type { ComparisonView } from './protocol';
import type { Translate } from './strings';

/** Files named in the line; the rest are counted ("3 more"). */
const FILES_NAMED = 5;

/**
 * The line above the table while "include always-sent context" is on: which agent's files every
 * row's input includes and their tokens for the current model, or why nothing was added.
 */
export function alwaysSentLine(view: ComparisonView, t: Translate, locale: string): string | undefined {
  const a = view.alwaysSent;
  if (!a) return undefined;
  if (a.state === 'none') return t(a.reason === 'noFolder' ? 'alwaysSentNoFolder' : 'alwaysSentNoFiles');
  const zh = view.locale === 'zh-cn';
  const tokens = (n: number) => (a.exact ? '' : '≈') + formatTokens(n, locale);
  const named = a.files.slice(0, FILES_NAMED).map((f) => (zh ? `${f.path}（${tokens(f.tokens)}）` : `${f.path} (${tokens(f.tokens)})`));
  if (a.files.length > FILES_NAMED) named.push(t('alwaysSentMore', a.files.length - FILES_NAMED));
  const current = view.rows.find((r) => r.current)?.name ?? view.currentModelId;
  return t('alwaysSentIncluded', a.agentName, named.join(zh ? '、' : ', '), tokens(a.tokens), current);
}
