// The language-model tool `tokenSpend_estimateCost`: an agent in chat asks what a text or a file
// costs on some models and what the cheapest equivalent is, and gets the rows of the CLI's --json
// (core estimate_cost). The user confirms first, told exactly what is read.
import * as vscode from 'vscode';
import { decodeText } from '../core/decodeText';
import { TOOL_LIMITS } from '../core/limits';
import { estimateCost, ToolInputError, type ToolHost } from '../core/tools';
import { currentModel, type Services } from './context';

import { COST_TOOL_NAME } from './agentTools';

interface ToolInput {
  text?: unknown;
  path?: unknown;
  model?: unknown;
  models?: unknown;
}

/** `path` as the agent gave it: absolute, or relative to the first workspace folder. */
export function toolFileUri(path: string): vscode.Uri | undefined {
  if (/^([a-zA-Z]:[\\/]|[\\/])/.test(path)) return vscode.Uri.file(path);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, ...path.split(/[\\/]+/).filter(Boolean)) : undefined;
}

/** The text of an open editor (unsaved edits included), else the file on disk; bounded. */
async function readToolText(path: string): Promise<string> {
  const uri = toolFileUri(path);
  if (!uri) throw new Error(`cannot read ${path}: no folder is open, so give an absolute path`);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text: string;
  if (open) text = open.getText();
  else {
    let bytes: Uint8Array;
    try {
      const info = await vscode.workspace.fs.stat(uri);
      if (info.type & vscode.FileType.Directory) throw new Error('it is a folder');
      // A device or pipe (a link to /dev/zero) has size 0 and no end: never read it.
      if (!(info.type & vscode.FileType.File)) throw new Error('not a regular file (a device, pipe or socket)');
      if (info.size > TOOL_LIMITS.textChars * 4) throw new Error(`${info.size.toLocaleString('en')} bytes is over the limit`);
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      const why = err instanceof vscode.FileSystemError && err.code === 'FileNotFound' ? 'no such file' : (err as Error).message;
      throw new Error(`cannot read ${path}: ${why}`, { cause: err });
    }
    text = decodeText(bytes, path);
  }
  if (text.length > TOOL_LIMITS.textChars)
    throw new Error(`${path} has ${text.length.toLocaleString('en')} characters, over the ${TOOL_LIMITS.textChars.toLocaleString('en')}-character limit`);
  return text;
}

/** What the confirmation names: the file, or the text passed in the call. */
export function describeToolRead(input: ToolInput): string {
  if (typeof input.path === 'string') {
    const uri = toolFileUri(input.path);
    return vscode.l10n.t(
      'Token Spend reads {0} and prices it with the bundled prices. Nothing leaves this machine.',
      uri ? vscode.workspace.asRelativePath(uri) : input.path,
    );
  }
  return vscode.l10n.t(
    'Token Spend prices the text you passed ({0} characters) with the bundled prices. Nothing leaves this machine.',
    typeof input.text === 'string' ? input.text.length.toLocaleString() : '0',
  );
}

export class CostTool implements vscode.LanguageModelTool<ToolInput> {
  constructor(private readonly services: Services) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ToolInput>): vscode.PreparedToolInvocation {
    return {
      invocationMessage: vscode.l10n.t('Pricing tokens with Token Spend'),
      confirmationMessages: { title: vscode.l10n.t('Estimate token cost'), message: new vscode.MarkdownString(describeToolRead(options.input ?? {})) },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<ToolInput>): Promise<vscode.LanguageModelToolResult> {
    const result = await this.run(options.input);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(result, null, 2))]);
  }

  /** The comparison for the tool's input; the user's model and currency fill what the agent left out. */
  async run(input: unknown): Promise<unknown> {
    const catalogue = await this.services.pricing.catalogue();
    const settings = this.services.settings.get();
    const rates = this.services.pricing.exchangeRates(catalogue);
    const host: ToolHost = {
      catalogue,
      readText: readToolText,
      discover: () => Promise.reject(new Error('not offered by this tool')),
      compare: (text, cat, a, o) => this.services.counts.compare(text, cat, a, { ...o, exchangeRates: rates }),
    };
    const given = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const withDefaults = {
      ...given,
      model: given.model ?? currentModel(catalogue, settings, this.services.problems).id,
      currency: given.currency ?? settings.currency,
    };
    try {
      return await estimateCost(withDefaults, host);
    } catch (err) {
      // The agent sees the message and can fix its call; no stack trace.
      throw new Error(err instanceof ToolInputError ? `${COST_TOOL_NAME}: ${err.message}` : (err as Error).message, { cause: err });
    }
  }
}
