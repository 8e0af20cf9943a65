import * as vscode from 'vscode';
import { formatRate, formatTokens } from '../core/format';
import type { Catalogue } from '../core/pricing/catalogue';
import type { Model } from '../core/pricing/schema';
import { TOKENIZER_INFO } from '../core/tokenize';
import { priceAt } from '../core/pricing/schedule';
import { literalIcons } from './iconText';
import { LIMITS } from '../core/limits';
import { userModels, type LanguageModelInfo, type UserModel } from '../core/pricing/languageModels';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
  /** On the user's own models: the input window the Language Model API states. */
  languageModelWindow?: number;
}

/** What Select Model chose: a catalogue model, with the API's window when it was one of the user's own models. */
export interface PickedModel {
  modelId: string;
  languageModelWindow?: number;
}

/** A row of the open picker, as the integration tests read it. */
export interface PickerRow {
  /** Absent on a listed Language Model API model the pricing file lacks (shown unpriced). */
  modelId?: string;
  label: string;
  description?: string;
  detail?: string;
}

/** The items of the picker on screen, for TokenSpendApi.modelPicker(). */
let shownItems: readonly ModelItem[] | undefined;

export function openPickerRows(): readonly PickerRow[] | undefined {
  return shownItems?.flatMap((i) =>
    i.kind === vscode.QuickPickItemKind.Separator ? [] : [{ modelId: i.modelId, label: i.label, description: i.description, detail: i.detail }],
  );
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

/**
 * The chat models VS Code's Language Model API lists (Copilot or any other provider), or none when
 * the API is missing (feature-detected: older VS Code, forks), fails, or takes too long.
 */
export async function listLanguageModels(): Promise<LanguageModelInfo[]> {
  const lm = (vscode as { lm?: { selectChatModels?: (selector?: object) => Thenable<readonly vscode.LanguageModelChat[]> } }).lm;
  if (typeof lm?.selectChatModels !== 'function') return [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<readonly vscode.LanguageModelChat[]>((resolve) => {
    timer = setTimeout(() => resolve([]), LIMITS.languageModelsWaitMs);
  });
  try {
    const models = await Promise.race([Promise.resolve(lm.selectChatModels({})), timeout]);
    return models.slice(0, LIMITS.languageModels).map((m) => ({
      id: String(m.id),
      name: String(m.name),
      vendor: String(m.vendor),
      family: String(m.family),
      maxInputTokens: Number(m.maxInputTokens),
    }));
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/** The user's own models, first in the picker: priced as their catalogue entry, with the window they really have. */
function userItems(users: readonly UserModel[], currentId: string, locale: 'en' | 'zh-cn'): ModelItem[] {
  if (!users.length) return [];
  const items: ModelItem[] = [{ label: vscode.l10n.t('Your models (VS Code Language Model API)'), kind: vscode.QuickPickItemKind.Separator }];
  for (const u of users) {
    const window = u.window ?? u.model?.contextWindow;
    const detail = [
      window !== undefined ? vscode.l10n.t('context {0}', compactTokens(window, locale)) : undefined,
      literalIcons(u.info.vendor),
      u.model ? u.model.id : vscode.l10n.t('not in the pricing file'),
    ];
    items.push({
      modelId: u.model?.id,
      ...(u.model && u.window !== undefined ? { languageModelWindow: u.window } : {}),
      label: `${u.model && u.model.id === currentId ? '$(check) ' : ''}${literalIcons(u.info.name)}`,
      // Not in the catalogue: unpriced, never shown as free.
      description: u.model ? priceText(u.model, locale) : vscode.l10n.t('unpriced'),
      detail: detail.filter(Boolean).join(' · '),
    });
  }
  return items;
}

/** Quick-pick rows grouped by vendor: price on the row, context window and tokenizer below; the user's own models first. */
export function modelItems(catalogue: Catalogue, currentId: string, locale: 'en' | 'zh-cn', listed: readonly LanguageModelInfo[] = []): ModelItem[] {
  const items: ModelItem[] = userItems(userModels(catalogue, listed), currentId, locale);
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

/** Shows the picker; resolves to the chosen model (and the API's window for one of the user's own), or undefined if dismissed. */
export async function pickModel(catalogue: Catalogue, currentId: string, locale: 'en' | 'zh-cn'): Promise<PickedModel | undefined> {
  const items = modelItems(catalogue, currentId, locale, await listLanguageModels());
  const quickPick = vscode.window.createQuickPick<ModelItem>();
  quickPick.title = vscode.l10n.t('Token Spend: Select Model');
  quickPick.placeholder = vscode.l10n.t('Search by model, vendor, price or id');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = items;
  const active = items.find((i) => i.modelId === currentId && i.picked) ?? items.find((i) => i.modelId === currentId);
  if (active) quickPick.activeItems = [active];
  return new Promise((resolve) => {
    let chosen: PickedModel | undefined;
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      // A listed model the pricing file lacks cannot be priced: keep the picker open on it.
      if (item && !item.modelId) return;
      chosen = item?.modelId
        ? { modelId: item.modelId, ...(item.languageModelWindow !== undefined ? { languageModelWindow: item.languageModelWindow } : {}) }
        : undefined;
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
