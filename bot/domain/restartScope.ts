/**
 * The reset flags of a provisioning job restart, shared by the words an admin types (commands/) and the
 * request Graph takes (graph/): the `synchronizationJobRestartScope` flags (reference §5.6). Neither layer
 * owns them, so both import them from here instead of from each other.
 */
export const RESTART_FLAGS = ['Watermark', 'Escrows', 'QuarantineState', 'ConnectorDataStore', 'ForceDeletes'] as const;
export type RestartFlag = (typeof RESTART_FLAGS)[number];
/** A reset scope as the API takes it: the flags, or `full` (= 15, which excludes ForceDeletes; reference §5.6). */
export type ResetScope = { kind: 'full' } | { kind: 'flags'; flags: readonly RestartFlag[] };
