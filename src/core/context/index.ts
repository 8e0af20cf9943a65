export { compileGlob, matchesAny, splitGlobList, type Glob } from './glob';
export {
  AGENT_NAMES,
  AGENTS,
  alwaysSentContext,
  INSTRUCTION_FILE_GLOBS,
  isInstructionPath,
  parseFrontMatter,
  type Agent,
  type AgentContext,
  type SentFile,
  type SentReason,
  type WorkspaceFile,
} from './rules';
export { countContextFiles, priceContext, type CountedFile, type PricedContext } from './price';
export { includedContext, MAX_INCLUDED_FILES, withIncluded, type IncludedContext } from './include';
export { instructionFileText, type InstructionText } from './fileText';
