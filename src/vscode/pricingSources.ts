import * as vscode from 'vscode';
import { staleness } from '../core/cost';
import { priceAt } from '../core/pricing/schedule';
import { formatMoney, formatRate } from '../core/format';
import type { Catalogue } from '../core/pricing/catalogue';
import type { PriceUpdateStatus, PriceUpdates } from './priceUpdates';
import type { PricingService } from './pricingService';

export const SOURCES_SCHEME = 'token-spend';
export const SOURCES_URI = vscode.Uri.from({ scheme: SOURCES_SCHEME, path: '/pricing-sources.md' });

/** A read-only Markdown document listing where every price comes from and how old it is. */
export class PricingSourcesProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly pricing: PricingService,
    private readonly updates?: PriceUpdates,
  ) {
    this.subscription = pricing.onDidChange(() => this.emitter.fire(SOURCES_URI));
  }

  async provideTextDocumentContent(): Promise<string> {
    const catalogue = await this.pricing.catalogue();
    return sourcesMarkdown(catalogue, this.pricing, vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en', new Date(), this.updates?.status());
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function sourcesMarkdown(catalogue: Catalogue, pricing: PricingService, locale: 'en' | 'zh-cn', now: Date, updates?: PriceUpdateStatus): string {
  const lines: string[] = [];
  lines.push(`# ${vscode.l10n.t('Token Spend: pricing sources')}`, '');
  lines.push(
    updates?.inUse.fromUpdate
      ? vscode.l10n.t('Prices from a downloaded price update dated {0}: {1} models from {2} vendors.', catalogue.data.updated, catalogue.models.length, catalogue.vendors.length)
      : vscode.l10n.t('Bundled pricing file updated {0}: {1} models from {2} vendors.', catalogue.data.updated, catalogue.models.length, catalogue.vendors.length),
    '',
  );
  if (updates) lines.push(updateLine(updates), '');
  const rates = pricing.exchangeRates(catalogue);
  lines.push(vscode.l10n.t('Exchange rates (per 1 {0}) of {1}: {2}', rates.base, rates.date, rates.source), '');
  lines.push(Object.entries(rates.rates).map(([c, v]) => `${c} ${v}`).join(' · '), '');
  const files = pricing.overlayFiles();
  if (files.length) {
    lines.push(`## ${vscode.l10n.t('Your pricing files')}`, '');
    for (const f of files) {
      const status =
        f.status === 'applied'
          ? vscode.l10n.t('applied')
          : f.status === 'missing'
            ? vscode.l10n.t('not present')
            : f.status === 'untrusted'
              ? vscode.l10n.t('ignored: the workspace is not trusted')
              : vscode.l10n.t('not applied: {0} problems', f.errors.length);
      lines.push(`- \`${f.label}\`: ${status}`);
      for (const e of f.errors) lines.push(`  - \`${e.path}\`: ${e.message}`);
    }
    lines.push('');
  }
  for (const vendor of catalogue.vendors) {
    const models = catalogue.models.filter((m) => m.vendor === vendor.id);
    if (!models.length) continue;
    lines.push(`## ${locale === 'zh-cn' ? `${vendor.nameZh} (${vendor.name})` : vendor.name}`, '');
    lines.push(`${vscode.l10n.t('Pricing page')}: <${vendor.pricingPage}>`, '');
    lines.push(`| ${vscode.l10n.t('Model')} | ${vscode.l10n.t('Input')} | ${vscode.l10n.t('Output')} | ${vscode.l10n.t('Checked')} | ${vscode.l10n.t('Source')} |`, '|---|---|---|---|---|');
    for (const m of models) {
      const p = priceAt(m, now);
      const [input, output] = !('rates' in p)
        ? [vscode.l10n.t('unpriced: {0}', p.unpriced), '']
        : p.free
          ? [vscode.l10n.t('free'), vscode.l10n.t('free')]
          : [formatRate(p.rates.input, p.per, p.currency, locale), formatRate(p.rates.output, p.per, p.currency, locale)];
      const stale = staleness(m.checked, now).stale ? ` ⚠ ${vscode.l10n.t('stale')}` : '';
      const mark = catalogue.overlaid.has(m.id) ? ` (${vscode.l10n.t('your file')})` : '';
      lines.push(`| ${cell(m.name + mark)} | ${cell(input)} | ${cell(output)} | ${m.checked}${stale} | <${m.source}> |`);
    }
    lines.push('');
    const plans = catalogue.plans.filter((p) => p.vendor === vendor.id);
    if (plans.length) {
      lines.push(`| ${vscode.l10n.t('Plan')} | ${vscode.l10n.t('Price')} | ${vscode.l10n.t('Checked')} | ${vscode.l10n.t('Source')} |`, '|---|---|---|---|');
      for (const p of plans) {
        const amount = formatMoney(p.amount, p.currency, locale);
        const price = p.period === 'year' ? vscode.l10n.t('{0} a year', amount) : vscode.l10n.t('{0} a month', amount);
        const stale = staleness(p.checked, now).stale ? ` ⚠ ${vscode.l10n.t('stale')}` : '';
        lines.push(`| ${cell(p.name)} | ${cell(price)} | ${p.checked}${stale} | <${p.source}> |`);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}

/** One line on price updates: off (no network), or where they come from and how the last check went. */
function updateLine(u: PriceUpdateStatus): string {
  if (!u.enabled || !u.url) return vscode.l10n.t('Price updates: off (no network). Turn them on with the setting tokenSpend.priceUpdates.enabled.');
  const last = u.lastCheck ? ' ' + vscode.l10n.t('Last check {0}: {1}.', u.lastCheck.at.slice(0, 10), u.lastCheck.message) : '';
  return vscode.l10n.t('Price updates: on, from {0}.', u.url) + last;
}
