import * as vscode from 'vscode';

/** What is being counted: the selections (joined) or the whole document. */
export interface CountedText {
  kind: 'selection' | 'document';
  text: string;
  /** The file's base name, shown in the panel (never its content). */
  label: string;
  uri: vscode.Uri;
  version: number;
}

/**
 * Panes that are text editors to VS Code but not documents a prompt is written in: counting them
 * would make the status bar jump when the user glances at a log. For these the last real editor
 * stays counted.
 */
const IGNORED_SCHEMES = new Set(['output', 'debug', 'vscode-terminal', 'comment', 'vscode-scm', 'walkThroughSnippet', 'token-spend']);

export function isCountable(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return !!editor && !IGNORED_SCHEMES.has(editor.document.uri.scheme);
}

export function isIgnoredPane(editor: vscode.TextEditor | undefined): boolean {
  return !!editor && IGNORED_SCHEMES.has(editor.document.uri.scheme);
}

/** The text of every non-empty selection (joined by newlines) or, with none, the whole document. */
export function textOf(editor: vscode.TextEditor, preferSelection = true): CountedText {
  const doc = editor.document;
  const label = baseName(doc.uri);
  const selected = preferSelection ? editor.selections.filter((s) => !s.isEmpty) : [];
  if (selected.length) {
    // Sorted by position so the joined text reads in document order, whatever order they were made in.
    const ordered = [...selected].sort((a, b) => a.start.compareTo(b.start));
    return { kind: 'selection', text: ordered.map((s) => doc.getText(s)).join('\n'), label, uri: doc.uri, version: doc.version };
  }
  return { kind: 'document', text: doc.getText(), label, uri: doc.uri, version: doc.version };
}

export function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name || uri.toString(true);
}

/** Unicode code points, the unit the core reports characters in. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) n++;
    else {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}
