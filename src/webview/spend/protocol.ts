/**
 * Messages between the Spend view's host (src/vscode/spend/spendView.ts) and its webview
 * (src/webview/spend/main.ts). Each side validates what it receives. Only totals travel: no
 * prompt, answer or file content ever reaches the webview.
 */
import { z } from 'zod';
import { CURRENCY_CODES } from '../../core/pricing/schema';

export const SPEND_VIEW_ID = 'tokenSpend.spend';

const Money = z.number().finite().min(0);
const Count = z.number().int().min(0);
const Key = z.string().max(400);

const TotalsSchema = z.object({
  requests: Count,
  inputTokens: Count,
  outputTokens: Count,
  cacheReadTokens: Count,
  cacheWriteTokens: Count,
  reasoningTokens: Count,
  cost: Money.nullable(),
  pricedCost: Money,
  unpricedTokens: Count,
  unpricedRequests: Count,
});

const DayBarSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  parts: z.array(z.object({ key: Key, cost: Money })).max(200),
  cost: Money,
  unpricedTokens: Count,
});
const TopRowSchema = z.object({ key: Key, source: Key, cost: Money, tokens: Count, unpricedTokens: Count, requests: Count });
const Level = z.enum(['ok', 'warning', 'exceeded']);

export const SpendViewDataSchema = z.object({
  locale: z.enum(['en', 'zh-cn']),
  currency: z.enum(CURRENCY_CODES),
  today: z.string(),
  month: z.string(),
  todayTotals: TotalsSchema,
  monthTotals: TotalsSchema,
  periodTotals: TotalsSchema,
  byModel: z.array(DayBarSchema).max(366),
  byAgent: z.array(DayBarSchema).max(366),
  topSessions: z.array(TopRowSchema).max(50),
  topProjects: z.array(TopRowSchema).max(50),
  cacheSavings: z.number().finite(),
  cheapest: z
    .object({
      actual: Money,
      cheapest: Money,
      swaps: z.array(z.object({ from: Key, to: Key, fromName: Key, toName: Key, saving: z.number().finite() })).max(20),
    })
    .optional(),
  budgets: z.object({ daily: Money, monthly: Money }),
  dailyLevel: Level,
  monthlyLevel: Level,
  /** "3 lines of 2 files could not be read", already in the UI language. */
  problems: z.array(z.string().max(2000)).max(20),
  /** When the last scan finished (epoch ms) and how long it took. */
  scannedAt: z.number(),
  scanMs: z.number().min(0),
});
export type SpendViewData = z.infer<typeof SpendViewDataSchema>;

export const SpendHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), data: SpendViewDataSchema }),
  z.object({ type: z.literal('disabled'), locale: z.enum(['en', 'zh-cn']) }),
  z.object({ type: z.literal('scanning') }),
]);
export type SpendHostMessage = z.infer<typeof SpendHostMessageSchema>;

export const SpendWebviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('refresh') }),
  z.strictObject({ type: z.literal('openSettings') }),
]);
export type SpendWebviewMessage = z.infer<typeof SpendWebviewMessageSchema>;
