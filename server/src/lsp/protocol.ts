// The contract between the client and the server: settings section, command ids, code action
// kinds, and the custom requests and notifications as typed `RequestType`/`NotificationType`s.
// Defined once here and imported by both sides, so a method name, its params and its result
// cannot drift apart: `sendRequest(PLAN_REQUEST, p)` and `onRequest(PLAN_REQUEST, h)` are
// type-checked against the same declaration.
// This module is bundled into the desktop and the web builds of both sides: it imports no
// `vscode`, no Node built-in, and only the platform-neutral message types of the protocol
// package (whose `browser` entry the web bundles resolve).
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export const SETTINGS_SECTION = 'crdbRestoreGuard';
export const DIAGNOSTIC_SOURCE = 'crdb-restore-guard';
export const FIX_ALL_KIND = 'source.fixAll.crdbRestoreGuard';

export const Commands = {
  /** Server command: open a rule's documentation page (args: [ruleId]). */
  showRuleDocs: 'crdbRestoreGuard.showRuleDocumentation',
  /** Server command (code lens): apply a RESTORE's preferred quick fix (args: [StatementCommandArgs with rule]). */
  applyStatementFix: 'crdbRestoreGuard.applyStatementFix',
  /**
   * Server command (code lens): explain a RESTORE's verdict (args: [StatementCommandArgs]). The
   * server answers with window/showMessage; the VS Code client intercepts it and shows the hover.
   */
  explainStatement: 'crdbRestoreGuard.explainStatement',
  /** Client commands. */
  restartServer: 'crdbRestoreGuard.restartServer',
  showOutput: 'crdbRestoreGuard.showOutput',
  /** Walkthrough: open the sample runbook (an untitled copy). */
  openSample: 'crdbRestoreGuard.openSample',
  /** "Plan a restore across versions" (optional args: [{ backup?, target? }] skip the quick picks). */
  planRestore: 'crdbRestoreGuard.planRestore',
} as const;

/** Arguments of the code lens commands. */
export interface StatementCommandArgs {
  uri: string;
  /** Document version the lens was computed for. */
  version: number;
  /** Index of the statement in the analysis. */
  statement: number;
  /** applyStatementFix: the rule whose preferred fix to apply. */
  rule?: string;
  /** Position of the statement's keyword (where the VS Code client shows the hover). */
  position: { line: number; character: number };
}

/** Client → server request: catalog releases for the quick picks, newest first. */
export const RELEASES_REQUEST = new RequestType<ReleasesParams | undefined, ReleaseItem[], void>('crdbRestoreGuard/releases');

export interface ReleasesParams {
  /** Document whose settings (extraReleases, today) apply. */
  uri?: string;
  /** When set: only releases at or after it, each described as a restore target of this backup version. */
  backup?: string;
}

export interface ReleaseItem {
  version: string;
  type: 'regular' | 'innovation';
  /** Quick pick label, description and detail, worded by the server. */
  label: string;
  description: string;
  detail: string;
}

/** Client → server request: the runbook section for a restore across versions, in the document's form. */
export const PLAN_REQUEST = new RequestType<PlanParams, PlanResponse, void>('crdbRestoreGuard/plan');

export interface PlanParams {
  uri: string;
  /** Where the text goes (decides markdown vs SQL form and the heading level). */
  position: { line: number; character: number };
  backup: string;
  target: string;
}

export interface PlanResponse {
  /** Text to insert at `position`, line breaks included; absent with `error`. */
  text?: string;
  /**
   * Where the text goes: the start of the line after the cursor's line, statement or block (or
   * the end of the document), never inside a line.
   */
  position?: { line: number; character: number };
  title?: string;
  /** Versions the data passes through, both ends included. */
  hops?: string[];
  error?: string;
}

/** Server → client notification: analysis state for the language status item. */
export const STATUS_NOTIFICATION = new NotificationType<StatusParams>('crdbRestoreGuard/status');

export interface StatusParams {
  uri: string;
  state: 'ok' | 'error' | 'skipped';
  /** Milliseconds the last analysis took. */
  durationMs: number;
  /** Every finding of the document, including those left out of the published list. */
  findings: number;
  /** Findings left out of the published diagnostics (capped per document); absent when none. */
  omitted?: number;
  /** Of `findings`, how many are errors and warnings (the status item's icon says the worst). */
  errors: number;
  warnings: number;
  /** Set when the document is not analysed at all (outside the workspace, our own docs). */
  outOfScope?: boolean;
  message?: string;
}
