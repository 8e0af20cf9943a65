/**
 * The usage worker (dist/usage-worker.js): reads the agents' logs, prices the requests and builds
 * the Spend view's numbers on its own thread, so a first scan of a gigabyte of logs never blocks
 * the extension host. It keeps the scanner between scans, so a rescan reads only new bytes.
 */
import { parentPort } from 'node:worker_threads';
import { Catalogue } from '../../core/pricing/catalogue';
import { priceRecords } from '../../core/usage/summary';
import { buildSpendSummary } from '../../core/usage/spendView';
import type { FromUsageWorker, SpendConfig, ToUsageWorker } from './protocol';
import { UsageScanner } from './scanner';

let config: SpendConfig | undefined;
let catalogue: Catalogue | undefined;
let scanner: UsageScanner | undefined;

function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function handle(message: ToUsageWorker): FromUsageWorker | undefined {
  if (message.type === 'configure') {
    config = message.config;
    catalogue = new Catalogue(config.pricing);
    if (scanner) scanner.setLocations(config.locations);
    else scanner = new UsageScanner(config.locations);
    return undefined;
  }
  if (!config || !catalogue || !scanner) return { type: 'error', id: message.id, message: 'the usage reader was asked to scan before it was configured' };
  const stats = scanner.scan();
  const records = scanner.records();
  const now = new Date(message.now);
  const priced = priceRecords(records, { catalogue, currency: config.currency, rates: config.rates, region: config.region, timeZone: config.timeZone });
  const summary = buildSpendSummary(priced, {
    catalogue,
    currency: config.currency,
    rates: config.rates,
    today: localDay(now, config.timeZone),
    now,
    days: config.days,
    budgets: config.budgets,
  });
  return { type: 'summary', id: message.id, summary, problems: scanner.problems(), stats, records: records.length };
}

parentPort?.on('message', (message: ToUsageWorker) => {
  let reply: FromUsageWorker | undefined;
  try {
    reply = handle(message);
  } catch (err) {
    reply = { type: 'error', id: message.type === 'scan' ? message.id : -1, message: err instanceof Error ? err.message : String(err) };
  }
  if (reply) parentPort?.postMessage(reply);
});
