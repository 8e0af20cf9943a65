import * as vscode from 'vscode';
import { formatRate, formatTokens } from '../core/format';
import type { Catalogue } from '../core/pricing/catalogue';
import type { Model } from '../core/pricing/schema';
import { TOKENIZER_INFO } from '../core/tokenize';
import { priceAt } from '../core/pricing/schedule';
import { literalIcons } from './iconText';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

/** A row of the open picker, as the integration tests read it. */
export interface PickerRow {
  modelId: string;
  label: string;
  description?: string;
  detail?: string;
}

/** The items of the picker on screen, for TokenSpendApi.modelPicker(). */
let shownItems: readonly ModelItem[] | undefined;

export function openPickerRows(): readonly PickerRow[] | undefined {
  return shownItems?.flatMap((i) => (i.modelId ? [{ modelId: i.modelId, label: i.label, description: i.description, detail: i.detail }] : []));
}

function priceText(model: Model, locale: string): string {
  const p = priceAt(model, new Date());
  if (!('rates' in p)) return vscode.l10n.t('unpriced');
  if (p.free) return vscode.l10n.t('free');
  return vscode.l10n.t('in {0} · out {1}', formatRate(p.rates.input, p.per, p.currency, locale), formatRate(p.rates.output, p.per, p.currency, locale));
}

function compactTokens(n: number, locale: string): string {
  return n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(2)}M` : n >= 1000 ? `${Math.round(n / 1000)}K` : formatTokens(n, locale);
}

/** Quick-pick rows grouped by vendor: price on the row, context window and tokenizer below. */
export function modelItems(catalogue: Catalogue, currentId: string, locale: 'en' | 'zh-cn'): ModelItem[] {
  const items: ModelItem[] = [];
  for (const vendor of catalogue.vendors) {
    const models = catalogue.models.filter((m) => m.vendor === vendor.id);
    if (!models.length) continue;
    items.push({ label: literalIcons(locale === 'zh-cn' ? `${vendor.nameZh} (${vendor.name})` : vendor.name), kind: vscode.QuickPickItemKind.Separator });
    for (const m of models) {
      const info = TOKENIZER_INFO[m.tokenizer];
      items.push({
        modelId: m.id,
        label: `${m.id === currentId ? '$(check) ' : ''}${literalIcons(m.name)}`,
        description: priceText(m, locale),
        detail: [
          vscode.l10n.t('context {0}', compactTokens(m.contextWindow, locale)),
          m.region === 'cn' ? vscode.l10n.t('China region') : m.region === 'intl' ? vscode.l10n.t('international') : undefined,
          info.exact ? vscode.l10n.t('exact tokenizer') : vscode.l10n.t('estimated tokens'),
          vscode.l10n.t('checked {0}', m.checked),
          m.id,
        ]
          .filter(Boolean)
          .join(' · '),
        picked: m.id === currentId,
      });
    }
  }
  return items;
}

/** Shows the picker; resolves to the chosen model id, or undefined if dismissed. */
export async function pickModel(catalogue: Catalogue, currentId: string, locale: 'en' | 'zh-cn'): Promise<string | undefined> {
  const items = modelItems(catalogue, currentId, locale);
  const quickPick = vscode.window.createQuickPick<ModelItem>();
  quickPick.title = vscode.l10n.t('Token Spend: Select Model');
  quickPick.placeholder = vscode.l10n.t('Search by model, vendor, price or id');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = items;
  const active = items.find((i) => i.modelId === currentId);
  if (active) quickPick.activeItems = [active];
  return new Promise((resolve) => {
    let chosen: string | undefined;
    quickPick.onDidAccept(() => {
      chosen = quickPick.selectedItems[0]?.modelId ?? quickPick.activeItems[0]?.modelId;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      shownItems = undefined;
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
    shownItems = items;
  });
}
