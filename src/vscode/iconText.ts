/**
 * VS Code draws `$(name)` as an icon in status bar text, quick-pick labels and Markdown with theme
 * icons. Names from a user's pricing file are shown as written: `\$(` is VS Code's escape for it
 * (microsoft/vscode#124703).
 */
export function literalIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
