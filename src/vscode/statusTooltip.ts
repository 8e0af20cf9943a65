import * as vscode from 'vscode';
import { TOOLTIP_COMMANDS, statusTooltipMarkdown, type TooltipInput } from '../core/statusTooltip';
import type { UiLocale } from '../core/l10n';

/** The status bar's tooltip: the core's Markdown, trusted for its own command links only. */
export function statusTooltip(input: TooltipInput, locale: UiLocale): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: TOOLTIP_COMMANDS };
  md.supportThemeIcons = true;
  md.appendMarkdown(statusTooltipMarkdown(input, locale));
  return md;
}
