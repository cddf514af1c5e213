/** Where our loader keeps a failed outcome on `window.cadesplugin` (not enumerable), so any adapter can read it. */
export const LOAD_FAILURE_KEY = 'ofd_signer_load_failure';
