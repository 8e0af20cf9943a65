import * as vscode from 'vscode';
import {
  alwaysSentContext,
  INSTRUCTION_FILE_GLOBS,
  instructionFileText,
  isInstructionPath,
  priceContext,
  type AgentContext,
  type PricedContext,
  type WorkspaceFile,
} from '../core/context';
import type { ExchangeRates, Model } from '../core/pricing/schema';
import type { Assumptions } from '../core/types';
import type { CountService } from './countService';

/** Where agents keep instruction files (core `isInstructionPath` decides; this only finds candidates). */
const INSTRUCTION_GLOB = `{${INSTRUCTION_FILE_GLOBS.join(',')}}`;
const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
/** Bounds of what is read: files found, size of one file, all of them together. */
const MAX_FILES = 300;
const MAX_FILE_BYTES = 1_000_000;
const MAX_TOTAL_BYTES = 10_000_000;

export interface AlwaysSentResult {
  folder: vscode.WorkspaceFolder;
  priced: PricedContext[];
}

/**
 * The instruction files agents send with every request in the workspace folder of the active
 * editor, found with `findFiles` (respects files.exclude, works in virtual workspaces), read once
 * and kept until one of them changes, counted on the worker with the current model's tokenizer.
 */
export class AlwaysSentService implements vscode.Disposable {
  private readonly files = new Map<string, Promise<WorkspaceFile[]>>();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly counts: CountService) {
    this.watcher = vscode.workspace.createFileSystemWatcher(
      `**/{AGENTS.md,AGENTS.override.md,CLAUDE.md,CLAUDE.local.md,GEMINI.md,.cursorrules,*.instructions.md,copilot-instructions.md,*.mdc,*.prompt.md}`,
    );
    const forget = () => {
      this.files.clear();
      this.changed.fire();
    };
    this.watcher.onDidCreate(forget);
    this.watcher.onDidChange(forget);
    this.watcher.onDidDelete(forget);
  }

  /** Each agent's always-sent files (with their text) for `uri`, or undefined outside any workspace folder. */
  async groupsFor(uri: vscode.Uri): Promise<{ folder: vscode.WorkspaceFolder; groups: AgentContext[] } | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const files = await this.filesOf(folder);
    const current = uri.path.startsWith(folder.uri.path + '/') ? uri.path.slice(folder.uri.path.length + 1) : undefined;
    return { folder, groups: alwaysSentContext(files, current) };
  }

  /** The priced always-sent context for `uri`'s workspace folder, or undefined outside any folder. */
  async forDocument(
    uri: vscode.Uri,
    model: Model,
    a: Assumptions,
    rates: ExchangeRates,
    token?: vscode.CancellationToken,
  ): Promise<AlwaysSentResult | undefined> {
    const found = await this.groupsFor(uri);
    if (!found) return undefined;
    const { folder, groups } = found;
    const counts = new Map<string, number>();
    let exact = true;
    for (const f of new Map(groups.flatMap((g) => g.files.map((x) => [x.path, x] as const))).values()) {
      const result = (
        await this.counts.count(f.text, [model.tokenizer], token, {
          kind: 'selection',
          uri: vscode.Uri.joinPath(folder.uri, f.path).with({ query: 'always-sent' }),
          version: 0,
        })
      ).get(model.tokenizer);
      counts.set(f.path, result?.tokens ?? 0);
      exact &&= result?.exact ?? false;
    }
    return { folder, priced: priceContext(groups, counts, exact, model, a, rates) };
  }

  private filesOf(folder: vscode.WorkspaceFolder): Promise<WorkspaceFile[]> {
    const key = folder.uri.toString();
    let found = this.files.get(key);
    if (!found) {
      found = readInstructionFiles(folder);
      this.files.set(key, found);
    }
    return found;
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

async function readInstructionFiles(folder: vscode.WorkspaceFolder): Promise<WorkspaceFile[]> {
  const uris = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, INSTRUCTION_GLOB),
    new vscode.RelativePattern(folder, EXCLUDE_GLOB),
    MAX_FILES,
  );
  const files: WorkspaceFile[] = [];
  let total = 0;
  for (const uri of uris) {
    const path = uri.path.slice(folder.uri.path.length + 1);
    if (!isInstructionPath(path)) continue;
    try {
      const { size, type } = await vscode.workspace.fs.stat(uri);
      // Only regular files (also behind a link): a link to /dev/zero or a pipe would be read for ever.
      if (!(type & vscode.FileType.File) || size > MAX_FILE_BYTES || total + size > MAX_TOTAL_BYTES) continue;
      const read = instructionFileText(await vscode.workspace.fs.readFile(uri), path);
      if ('problem' in read) continue; // binary or UTF-16: the CLI names it; here it is simply not counted
      total += size;
      files.push({ path, text: read.text });
    } catch {
      // Deleted or unreadable since findFiles: it is not sent either.
    }
  }
  return files.sort((x, y) => x.path.localeCompare(y.path));
}
