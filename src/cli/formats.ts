// Output formats of the commands, known to the option parser before any command module is loaded.

/** Output formats of `tollgate check`. */
export const CHECK_FORMATS = ['text', 'json', 'junit', 'sarif', 'github', 'policyreport'] as const;

/** Output formats of `tollgate report`. */
export const REPORT_FORMATS = ['table', 'json', 'markdown'] as const;

/** Output formats of `tollgate rollout status`. */
export const ROLLOUT_FORMATS = ['text', 'json', 'markdown'] as const;
