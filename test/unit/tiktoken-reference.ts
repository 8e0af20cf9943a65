/**
 * js-tiktoken, the exactness reference for o200k_base and cl100k_base: `encode(text, [], [])`
 * (special-token strings as ordinary text), as the product's counts must equal.
 */
import { Tiktoken } from 'js-tiktoken/lite';
import type { OpenAiEncoding } from '../../src/core/tokenize/vendors/tiktoken';

const encoders = new Map<OpenAiEncoding, Tiktoken>();

export function referenceEncoder(encoding: OpenAiEncoding): Tiktoken {
  let enc = encoders.get(encoding);
  if (!enc) {
    const mod = encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base');
    enc = new Tiktoken(mod.default ?? mod);
    encoders.set(encoding, enc);
  }
  return enc;
}

/** js-tiktoken's count of `text`. */
export function countWithReference(encoding: OpenAiEncoding, text: string): number {
  return referenceEncoder(encoding).encode(text, [], []).length;
}
