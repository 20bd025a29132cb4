// What the analyzer produces: findings (with their fixes) and the facts it inferred per
// statement, which hovers, inlay hints, code lenses and the outline read.
import type { Catalog } from './catalog/catalog';
import type { Directive } from './directives';
import type { LineIndex } from './lineIndex';
import type { Verdict } from './policy';
import type { RuleId } from './rules/ruleTable';
import type { BackupLocator, Range, RestoreTarget, Severity, Span, SqlRegion, StatementKind } from './types';
import type { Version } from './versions';

/** Rule ids come from the rule table (rules/ruleTable.ts). */
export type { RuleId };

export type SeverityOrOff = Severity | 'off';

/** Where a version the analyzer uses came from. */
export type FactSource =
  | 'directive'
  | 'front-matter'
  | 'backup-statement'
  /** Version evidence in code (docs/how-versions-are-known.md). */
  | 'evidence'
  | 'default-setting'
  /** The `collections` setting / config key (docs/workspace.md). */
  | 'collections-setting'
  /** A BACKUP in another file of the workspace (docs/workspace.md). */
  | 'workspace-backup'
  | 'none';

export interface VersionFact {
  /** Undefined when unknown (never set, cleared by an invalid value, or a BACKUP of unknown version). */
  version?: Version;
  source: FactSource;
  /** 0-based document line of the directive value or BACKUP keyword (in `file` when that is set). */
  line?: number;
  /** `workspace-backup`: the other file holding the BACKUP, as shown to the user (a workspace-relative path). */
  file?: string;
  /**
   * `workspace-backup`: where that BACKUP's collection is, under the workspace index's own key of
   * the file (a URI in the language server, a path in the CLI), for a link to it.
   */
  at?: { file: string; range: Range };
  /** `collections-setting`: the key as written in the setting. */
  collection?: string;
  /** Document offset of the fact, for "newest fact wins". */
  offset?: number;
  /** Why the version is unknown, when it is. */
  reason?: string;
  /** Source `evidence`: what the evidence is (`SET CLUSTER SETTING version`, `cockroach-v24.3.1 binaries`). */
  evidence?: string;
}

export interface TextEditOffsets {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEditOffsets[];
  /** Shown first in the light bulb. */
  preferred?: boolean;
  /** Safe to apply without asking (fix-all applies these). */
  unambiguous?: boolean;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FindingFix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
  unambiguous?: boolean;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  /** Document offsets of the range. */
  start: number;
  end: number;
  /** Path of the rule's documentation page inside the project, e.g. `docs/rules/restore-skips-release.md`. */
  docsPath: string;
  fixes: FindingFix[];
  /** Index into Analysis.statements when the finding is about a statement. */
  statement?: number;
}

export interface AnalyzedStatement {
  kind: StatementKind;
  restoreTarget?: RestoreTarget;
  locator?: Pick<BackupLocator, 'kind' | 'value'>;
  /** Collection URIs as written (decoded literals); undefined entries are placeholders. */
  collections: (string | undefined)[];
  /** Identity key of the (default) collection; undefined for placeholders. */
  collectionKey?: string;
  /** Document span of the default collection's literal (or placeholder), where inlay hints go. */
  collectionSpan?: Span;
  oldSyntax: boolean;
  options: string[];
  /** Document span of the statement and of its keyword. */
  span: Span;
  keyword: Span;
  /** Keyword through end of its line: where statement findings sit. */
  range: Range;
  /** Index of the SQL region it came from. */
  region: number;
  /** RESTORE: the facts used; BACKUP: `target` is the version it is taken on. */
  backup?: VersionFact;
  target?: VersionFact;
  mixedVersion?: boolean;
  /** RESTORE mid-upgrade because evidence says so: which (`inferred: cockroach-v24.3.1 binaries while finalization is held, line 48`). */
  mixedBy?: string;
  /** With `mixedBy`: the major version of the binaries the upgrade finalizes to. */
  upgradingTo?: string;
  verdict?: Verdict;
}

export interface AnalyzedDirective extends Directive {
  /** 0-based line of the directive's start. */
  line: number;
}

export interface Analysis {
  findings: Finding[];
  /** The BACKUP, RESTORE, CREATE SCHEDULE and SHOW BACKUP statements, in document order (other SQL is only scanned past). */
  statements: AnalyzedStatement[];
  directives: AnalyzedDirective[];
  regions: SqlRegion[];
  /** Problems with the input itself (never thrown), e.g. "document too large". */
  notes: string[];
  /** Markdown only: what tells whether an edit of the text can change this analysis (core/proseEdit.ts). */
  basis?: ProseEditBasis;
  /**
   * Set on an analysis derived from the previous version's by a prose edit (core/proseEdit.ts):
   * positions on `line` at or after `fromColumn` moved along the line; no other position changed.
   */
  shifted?: { line: number; fromColumn: number };
}

export interface ProseEditBasis {
  /** Line index of the analysed text (it holds the text). */
  lines: LineIndex;
  /** MarkdownExtraction.proseLines of the text. */
  proseLines: Int32Array;
  /** `[start, end)` pairs of every comment the extraction found (directive or not), ascending. */
  comments: Int32Array;
}

/** Everything the analysis depends on besides the text. */
export interface AnalyzeOptions {
  languageId: 'sql' | 'markdown';
  catalog: Catalog;
  /** Rule id → severity override (or `off`). */
  rules: Partial<Record<RuleId, SeverityOrOff>>;
  defaultTargetVersion?: Version;
  /** Local calendar date `YYYY-MM-DD` for end-of-support checks. */
  today: string;
  /** Whether version evidence in code counts (default true); a document's `crdb: infer=true` turns it back on. */
  inferVersions?: boolean;
  /** The `collections` setting: collection identity key → the version its backups are taken on. */
  collections?: ReadonlyMap<string, CollectionVersion>;
  /**
   * The BACKUPs into a collection in the workspace's other files (core/workspace/): asked only
   * for a RESTORE whose document and `collections` say nothing about its collection. Absent
   * (one document alone, as in unit tests), nothing beyond the document and the setting counts.
   */
  otherFiles?: OtherFilesLookup;
}

/** One entry of the `collections` setting. */
export interface CollectionVersion {
  /** The key as written (for messages). */
  written: string;
  version: Version;
}

/** What a RESTORE asks the workspace: the version of `key`'s backups, from files other than its own. */
export type OtherFilesLookup = (key: string, explicitSubdir: boolean) => VersionFact | undefined;
