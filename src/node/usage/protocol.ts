import type { Currency, ExchangeRates, PricingFile, Region } from '../../core/pricing/schema';
import type { Budgets, SpendSummary } from '../../core/usage/spendView';
import type { SourceLocation } from './locations';
import type { ScanProblems, ScanStats } from './scanner';

/** What the usage worker needs to read and price the logs. */
export interface SpendConfig {
  locations: SourceLocation[];
  pricing: PricingFile;
  rates: ExchangeRates;
  currency: Currency;
  region: Region;
  timeZone: string;
  budgets: Budgets;
  days: number;
}

export type ToUsageWorker = { type: 'configure'; config: SpendConfig } | { type: 'scan'; id: number; now: number };

export type FromUsageWorker =
  | { type: 'summary'; id: number; summary: SpendSummary; problems: ScanProblems; stats: ScanStats; records: number }
  | { type: 'error'; id: number; message: string };
