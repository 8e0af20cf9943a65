// Text from a pricing file (model and vendor names, sources) is written to terminals and exports.
// An escape sequence in a name would retitle the terminal, clear it or overwrite lines: control
// characters are shown as \u codes instead, which also keeps JSON valid and equal in value.

// C0 controls but tab and line feed, a carriage return not followed by a line feed, DEL, C1 controls,
// and the invisible bidirectional controls (Arabic letter mark, LRM/RLM, embeddings and overrides
// U+202A–U+202E, isolates U+2066–U+2069): a right-to-left override in a file name makes
// `evil\u202Etxt.exe` show as `evilexe.txt` ("Trojan Source", CVE-2021-42574).
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** `text` with every control character a terminal would act on shown as a \u code. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Every control character, line and paragraph separators: a name in Markdown stays on its line.
// eslint-disable-next-line no-control-regex
const MARKDOWN_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Text from a pricing file as literal Markdown: line breaks (CR, LF, U+2028) become spaces, so a
 * name cannot leave its heading or table row, and the characters that make links, HTML, emphasis
 * and tables are escaped, so `[x](javascript:…)` or `<img onerror=…>` stay text.
 */
export function markdownText(text: string): string {
  return text.replace(MARKDOWN_BREAKS, ' ').replace(/[\\`*_[\]<>|#&!]/g, '\\$&');
}
