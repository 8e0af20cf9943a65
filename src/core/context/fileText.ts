/**
 * An instruction file's bytes as the text an agent sends, or why it is not counted. Files come
 * from a cloned repository: an AGENTS.md may be an archive, random bytes or UTF-16. Binary is what
 * the editor calls binary (textPolicy.inspectText on the first 64K characters), so the CLI and the
 * editor agree; other bytes are read as UTF-8, as the agents read them.
 */
import { inspectText, SNIFF_LENGTH } from '../textPolicy';

export type InstructionText = { text: string } | { problem: string };

export function instructionFileText(bytes: Uint8Array, path: string): InstructionText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: `${path}: UTF-16 text; not counted (save it as UTF-8)` };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const verdict = inspectText(text.slice(0, SNIFF_LENGTH));
  if (verdict.kind === 'binary') {
    return {
      problem: `${path}: looks like a binary file (${verdict.reason === 'nul' ? 'it contains NUL bytes' : 'it is full of control characters'}); not counted`,
    };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
