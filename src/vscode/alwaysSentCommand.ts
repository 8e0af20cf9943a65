import * as vscode from 'vscode';
import type { SentReason } from '../core/context';
import { formatMoney, formatTokens } from '../core/format/money';
import type { AlwaysSentService } from './alwaysSent';
import { assumptionsFrom, currentModel, uiLocale, type Services } from './context';
import { literalIcons } from './iconText';

interface FileItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

function reasonText(reason: SentReason): string {
  switch (reason) {
    case 'always':
      return vscode.l10n.t('always');
    case 'glob':
      return vscode.l10n.t('matches the file');
    case 'folder':
      return vscode.l10n.t('folder of the file');
    case 'subfolder':
      return vscode.l10n.t('in a subfolder');
    case 'editing':
      return vscode.l10n.t('being edited');
  }
}

/**
 * "Show Always-Sent Context": per agent, biggest first, the instruction files it sends with every
 * request in the active editor's folder, with their tokens and cost; picking a file opens it.
 */
export async function showAlwaysSentContext(services: Services, alwaysSent: AlwaysSentService): Promise<void> {
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to see the instruction files agents send with every request.'));
    return;
  }
  const settings = services.settings.get();
  const catalogue = await services.pricing.catalogue();
  const model = currentModel(catalogue, settings, services.problems);
  const rates = services.pricing.exchangeRates(catalogue);
  // A folder itself (no editor open) is looked up through a file inside it.
  const probe = vscode.workspace.getWorkspaceFolder(uri) ? uri : vscode.Uri.joinPath(uri, 'AGENTS.md');
  const result = await alwaysSent.forDocument(probe, model, assumptionsFrom(settings), rates);
  if (!result?.priced.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No instruction file that an agent sends with every request was found in this folder.'));
    return;
  }
  const locale = uiLocale();
  const money = (n: number | undefined) => (n === undefined ? vscode.l10n.t('unpriced') : formatMoney(n, settings.currency, locale));
  const items: FileItem[] = [];
  for (const p of result.priced) {
    items.push({
      kind: vscode.QuickPickItemKind.Separator,
      label: vscode.l10n.t(
        '{0}: {1} tokens, {2} per request, {3} a month',
        p.agentName,
        (p.exact ? '' : '≈') + formatTokens(p.tokens, locale),
        money(p.perCall),
        money(p.perMonth),
      ),
    });
    for (const f of p.files) {
      items.push({
        label: `$(file) ${literalIcons(f.path)}`,
        description: vscode.l10n.t('{0} tokens', formatTokens(f.tokens, locale)),
        detail: reasonText(f.reason),
        uri: vscode.Uri.joinPath(result.folder.uri, f.path),
      });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Token Spend: Always Sent with Each Request ({0})', model.name),
    placeHolder: vscode.l10n.t('Instruction files per agent, biggest first; pick one to open it'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked?.uri) await vscode.window.showTextDocument(picked.uri);
}
