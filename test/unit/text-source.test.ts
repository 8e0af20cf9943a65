import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SNIFF_LENGTH } from '../../src/core/textPolicy';
import { standInForVscode } from './vscode-stand-in';

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}
standInForVscode({ Position, Range, l10n: { t: (m: string) => m }, workspace: { notebookDocuments: [] } });
const { notCounted, textOf } = require('../../src/vscode/textSource') as typeof import('../../src/vscode/textSource');
const { Cancelled } = require('../../src/vscode/countService') as typeof import('../../src/vscode/countService');

/** A one-line document that records each read: the whole text, or a range (offsets as "character"). */
function largeDocument(length: number) {
  const reads: string[] = [];
  const doc = {
    uri: { scheme: 'file', path: '/work/big.txt', toString: () => 'file:///work/big.txt' },
    version: 1,
    lineCount: 1,
    lineAt: () => ({ range: { end: new Position(0, length) } }),
    offsetAt: (p: Position) => p.character,
    positionAt: (offset: number) => new Position(0, Math.min(offset, length)),
    getText(range?: Range) {
      reads.push(range ? `${range.start.character}-${range.end.character}` : 'all');
      return 'a'.repeat(range ? range.end.character - range.start.character : length);
    },
  };
  return { doc, reads, editor: { document: doc, selections: [] } };
}

test('a status-bar update of a large document reads its first 64K once, and not the rest', () => {
  const { doc, reads, editor } = largeDocument(2_000_000);
  assert.equal(notCounted(editor as never), undefined);
  const source = textOf(editor as never, true, true);
  assert.deepEqual(reads, [`0-${SNIFF_LENGTH}`], 'notCounted and textOf share one read of the sample');
  assert.equal(source.length, 2_000_000);
  // A new version is checked again; the text itself is read only when asked for, and not after an edit.
  doc.version = 2;
  assert.equal(notCounted(editor as never), undefined);
  assert.deepEqual(reads, [`0-${SNIFF_LENGTH}`, `0-${SNIFF_LENGTH}`]);
  assert.throws(() => source.text, Cancelled);
  assert.equal(reads.includes('all'), false);
});
