/** The comparison panel's view type, shared by the activation shell, the host and the protocol (no imports: the shell loads it). */
export const VIEW_TYPE = 'tokenSpend.comparison';
