// Names shared by the client and the server: settings section, command ids, code action kinds.
// Defined once here (as vscode-eslint does) so the two sides cannot drift.

export const SETTINGS_SECTION = 'crdbRestoreGuard';
export const DIAGNOSTIC_SOURCE = 'crdb-restore-guard';
export const FIX_ALL_KIND = 'source.fixAll.crdbRestoreGuard';

export const Commands = {
  /** Server command: open a rule's documentation page (args: [ruleId]). */
  showRuleDocs: 'crdbRestoreGuard.showRuleDocumentation',
  /** Client commands. */
  restartServer: 'crdbRestoreGuard.restartServer',
  showOutput: 'crdbRestoreGuard.showOutput',
} as const;

/** Server → client notification: analysis state for the language status item. */
export const STATUS_NOTIFICATION = 'crdbRestoreGuard/status';

export interface StatusParams {
  uri: string;
  state: 'ok' | 'error' | 'skipped';
  /** Milliseconds the last analysis took. */
  durationMs: number;
  findings: number;
  message?: string;
}

/** Editor settings beyond the shared ones of SPEC §8. */
export interface ServerOnlySettings {
  /** Documents larger than this are not analyzed (an information diagnostic says so). */
  maxFileSizeMb?: number;
  /** Report problems for every .sql/.md file in the workspace, not only open ones. */
  workspaceDiagnostics?: boolean;
}
