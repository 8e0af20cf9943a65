import * as vscode from 'vscode';
import { currencyWhenUnset, parseSettings, type Expectation, type SettingKey, type SettingProblem, type Settings } from './settingsSchema';
import type { ProblemReporter } from './problems';

export const SECTION = 'tokenSpend';

/** Reads and validates the settings; reports each invalid value once and falls back to the default. */
export class SettingsService implements vscode.Disposable {
  private current: Settings | undefined;
  private readonly emitter = new vscode.EventEmitter<Settings>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly problems: ProblemReporter) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.current = undefined;
      this.emitter.fire(this.get());
    });
  }

  get(): Settings {
    if (!this.current) {
      const config = vscode.workspace.getConfiguration(SECTION);
      // A currency set at any level (even to USD) is the user's choice; only an unset one follows the display language.
      const where = config.inspect?.('currency');
      const chosen = [where?.globalValue, where?.workspaceValue, where?.workspaceFolderValue].some((v) => v !== undefined);
      const language = vscode.env?.language ?? 'en';
      const { settings, problems } = parseSettings((key) => (key === 'currency' && !chosen ? currencyWhenUnset(language) : config.get(key)));
      const messages = problems.map(describeProblem);
      this.problems.forgetAllExcept('settings', messages);
      for (const m of messages) {
        this.problems.report('settings', m, [
          { title: vscode.l10n.t('Open Settings'), run: () => void vscode.commands.executeCommand('workbench.action.openSettings', SECTION) },
        ]);
      }
      this.current = settings;
    }
    return this.current;
  }

  /**
   * Writes a setting because the user asked for it (a command). Writes where the effective value
   * comes from: the workspace folder or workspace if set there, otherwise the user settings.
   */
  async update(key: SettingKey, value: unknown): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const where = config.inspect(key);
    const target =
      where?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : where?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update(key, value, target);
    this.current = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export function settingId(key: SettingKey): string {
  return `${SECTION}.${key}`;
}

function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case 'oneOf':
      return vscode.l10n.t('one of {0}', e.options.join(', '));
    case 'number':
      if (e.max === Infinity) return vscode.l10n.t('a number of at least {0}', e.min);
      return e.integer ? vscode.l10n.t('a whole number from {0} to {1}', e.min, e.max) : vscode.l10n.t('a number from {0} to {1}', e.min, e.max);
    case 'string':
      return vscode.l10n.t('a text value');
    case 'stringList':
      return vscode.l10n.t('a list of vendor ids, for example ["deepseek", "openai"]');
    case 'numberMap': {
      const range =
        e.max === Infinity
          ? vscode.l10n.t('a number greater than {0}', e.min)
          : e.min === e.max
            ? String(e.min)
            : vscode.l10n.t('a number from {0} to {1}', e.min, e.max);
      return e.keys ? vscode.l10n.t('{0} for each of {1}', range, e.keys.join(', ')) : range;
    }
  }
}

export function describeProblem(p: SettingProblem): string {
  const id = settingId(p.key);
  const expected = describeExpectation(p.expected);
  return p.entry !== undefined
    ? vscode.l10n.t('Setting {0}: the entry "{1}" = {2} is ignored; expected {3}.', id, p.entry, p.value, expected)
    : vscode.l10n.t('Setting {0} = {1} is invalid and the default is used instead; expected {2}.', id, p.value, expected);
}
