/** Command ids of the manifest. Kept free of imports: the activation shell loads it. */
export const COMMANDS = {
  selectModel: 'tokenSpend.selectModel',
  openComparison: 'tokenSpend.openComparison',
  compareSelection: 'tokenSpend.compareSelection',
  setOutputTokens: 'tokenSpend.setOutputTokens',
  setCurrency: 'tokenSpend.setCurrency',
  setCallsPerDay: 'tokenSpend.setCallsPerDay',
  copyReport: 'tokenSpend.copyReport',
  showPricingSources: 'tokenSpend.showPricingSources',
  reloadPricing: 'tokenSpend.reloadPricing',
  updatePricing: 'tokenSpend.updatePricing',
  showSpend: 'tokenSpend.showSpend',
  refreshSpend: 'tokenSpend.refreshSpend',
  showAlwaysSentContext: 'tokenSpend.showAlwaysSentContext',
} as const;
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
