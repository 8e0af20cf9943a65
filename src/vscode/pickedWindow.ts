import type * as vscode from 'vscode';

const KEY = 'tokenSpend.languageModelWindow';

/**
 * The input window (`maxInputTokens`) VS Code's Language Model API stated for the model the user last
 * picked from their own models in Select Model: the window they really have (for Copilot, after its
 * own prompt). Kept across restarts; forgotten when a model is picked from the pricing file's list
 * or by id, and ignored once the setting names another model.
 */
export class PickedWindow {
  constructor(private readonly memento: vscode.Memento) {}

  /** The stated window when `modelId` is the model it was picked with, otherwise undefined. */
  of(modelId: string): number | undefined {
    const v = this.memento.get<unknown>(KEY);
    if (typeof v !== 'object' || v === null) return undefined;
    const { modelId: id, window } = v as { modelId?: unknown; window?: unknown };
    return id === modelId && typeof window === 'number' && Number.isInteger(window) && window > 0 ? window : undefined;
  }

  async set(modelId: string, window: number | undefined): Promise<void> {
    await this.memento.update(KEY, window !== undefined ? { modelId, window } : undefined);
  }
}
