/** The CLI's own English messages; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const CLI_MESSAGES = {
  current: 'Current model: {0}',
  costLine: '{0} per call ({1}–{2} as the answer is half or twice as long), {3} per month at {4} calls a day',
  suggestion: '{0} per call',
  suggestionSaves: '{0} per call, saves {1}',
  rulesLine: 'Applied: {0}',
  rulesSeparator: '; ',
  cheaper: 'Cheaper equivalents (same quality class or better, fits the context, same capabilities):',
  none: 'No cheaper equivalent found.',
  saves: 'saves',
  unpriced: 'unpriced: {0}',
  overBudget: 'over budget: one call of {0} costs {1}, more than the budget of {2}',
  noBudget: 'cannot check the budget: {0} is unpriced ({1})',
  rates: 'Exchange rates of {0}: {1} ({2}).',
} as const;

/** `token-spend context` messages; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const CONTEXT_MESSAGES = {
  heading: 'Always sent with each request in {0}, priced as input of {1}:',
  none: 'No instruction file that an agent sends with every request was found in {0}.',
  oneFile: '1 file',
  files: '{0} files',
  colAgent: 'Agent / file',
  colTokens: 'Tokens',
  colPerRequest: 'Per request',
  colPerMonth: 'Per month ({0} a day)',
  reasonAlways: 'always',
  reasonGlob: 'matches the file',
  reasonFolder: 'folder of the file',
  reasonEditing: 'being edited',
  unpriced: 'unpriced',
  overBudget: '{0} sends {1} of instructions with each request, more than the budget of {2}',
  noBudget: 'cannot check the budget for {0}: the model is unpriced ({1})',
} as const;
