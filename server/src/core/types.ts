// Shared shapes of the analysis core. Pure data: no vscode or LSP import anywhere in core/.
//
// Offsets are UTF-16 code-unit indexes into a JS string (what `charCodeAt` counts), so a
// document offset converts to an LSP position (0-based line, UTF-16 column) without
// re-encoding.

/** Half-open span `[start, end)` of offsets into some text (a document or a region). */
export interface Span {
  start: number;
  end: number;
}

/** LSP-style position: 0-based line, 0-based UTF-16 column. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

// ---------------------------------------------------------------------------------------------
// SQL scanner output (server/src/core/sql). All offsets are into the scanned text.

/**
 * `show`: SHOW BACKUP / SHOW BACKUPS, kept only for the collection it reads (navigation and
 * hover across files); it is never checked and never a version fact.
 */
export type StatementKind = 'restore' | 'backup' | 'schedule' | 'show' | 'other';

/** What a RESTORE restores. `cluster` only for `RESTORE FROM …` with nothing between. */
export type RestoreTarget = 'cluster' | 'database' | 'table' | 'system-users' | 'virtual-cluster';

export interface SqlComment extends Span {
  kind: 'line' | 'block';
  /** The comment's text without `--`, `/*` and `*\/` (for nested comments: the outer body). */
  body: string;
  /** Offset of `body[0]` in the scanned text. */
  bodyStart: number;
}

/** One entry of a collection list, or the URI list of the old `… TO/FROM 'uri'` syntax. */
export interface CollectionRef extends Span {
  /** The string literal's value (escapes resolved); undefined for a placeholder or non-literal. */
  value?: string;
  /** `$1` etc. when the entry is a placeholder. */
  placeholder?: string;
}

/** `FROM LATEST IN …`, `FROM 'subdir' IN …`, `FROM $1 IN …` (RESTORE), `INTO 'subdir' IN …` (BACKUP). */
export interface BackupLocator extends Span {
  kind: 'latest' | 'subdir' | 'placeholder';
  value?: string;
}

export interface SqlOption extends Span {
  /** Lower-cased first word of the option, e.g. `incremental_location`, `detached`. */
  name: string;
}

export interface SqlStatement extends Span {
  kind: StatementKind;
  /** The leading keyword (`RESTORE`, `BACKUP`, `CREATE`, `SELECT` …), after any prompt. */
  keyword: Span;
  /** RESTORE only. */
  restoreTarget?: RestoreTarget;
  /** RESTORE (FROM x IN), BACKUP (INTO x IN) and SHOW BACKUP ([FROM] x IN) in the current syntax. */
  locator?: BackupLocator;
  /** The collection(s) after IN / INTO, or the URI list of old `BACKUP … TO` / `RESTORE … FROM 'uri', …`. */
  collections: readonly CollectionRef[];
  /** Old syntax: `BACKUP … TO 'uri'`, `RESTORE … FROM 'uri'[, …]` or `SHOW BACKUP 'uri'`, without IN. */
  oldSyntax: boolean;
  /** Options after WITH / WITH OPTIONS ( … ). */
  options: readonly SqlOption[];
  /** Ended by a top-level `;` (the span includes it). */
  terminated: boolean;
}

/**
 * `SET CLUSTER SETTING version = '…'`, `SET CLUSTER SETTING cluster.preserve_downgrade_option
 * = '…'` and `RESET CLUSTER SETTING cluster.preserve_downgrade_option` (or `= DEFAULT`): the
 * settings that say which version a cluster runs at (docs/how-versions-are-known.md). Other
 * settings are not reported.
 */
export interface ClusterSettingStatement extends Span {
  /** The leading SET or RESET keyword. */
  keyword: Span;
  setting: 'version' | 'preserve_downgrade_option';
  /** RESET, or SET … = DEFAULT: the setting goes back to its default. */
  reset: boolean;
  /** The string literal's value (SET only); undefined when the value is not a text literal. */
  value?: string;
  /** Span of the value token (SET only). */
  valueSpan?: Span;
}

export interface SqlScan {
  statements: SqlStatement[];
  comments: SqlComment[];
  /** The version-related cluster setting statements, in order (also listed in `statements` as `other`). */
  settings: ClusterSettingStatement[];
}

// ---------------------------------------------------------------------------------------------
// Embedded regions: SQL found inside a markdown document (fences, shell `-e` strings, heredocs).

/**
 * A run of region text that is a verbatim copy of document text: region offsets
 * `[regionStart, regionStart + length)` are document offsets `[docStart, docStart + length)`.
 * Region text between segments (e.g. a `\n` joining two lines) maps to the end of the previous
 * segment.
 */
export interface Segment {
  regionStart: number;
  docStart: number;
  length: number;
}

export interface SqlRegion {
  /** SQL text with container prefixes (`> `, list indentation) and shell quoting removed. */
  text: string;
  /** Sorted by regionStart; together they cover every region character that came from the document. */
  segments: Segment[];
  /**
   * True when the SQL sits inside a shell string (`cockroach sql -e "…"`): a directive inserted
   * by a quick fix must be an inline block comment there, not a `--` line.
   */
  inline: boolean;
}

/** Text of a comment that may hold a `crdb:` directive, at a contiguous place in the document. */
export interface DirectiveComment {
  /** The comment's inner text (for `<!-- x -->`: ` x `; for `# x`: ` x`). */
  body: string;
  /** Document offset of `body[0]`. */
  bodyStart: number;
  /** Document span of the whole comment. */
  start: number;
  end: number;
}

/** One `key: value` entry of the front matter's `crdb:` mapping, positions in the document. */
export interface FrontMatterEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value as written (quotes removed, `24.10` stays `24.10`). */
  value: string;
  valueStart: number;
  valueEnd: number;
}

export interface MarkdownExtraction {
  /** SQL regions in document order (fences of sql/psql/crdb/cockroach/cockroachdb, `-e` values, heredocs). */
  regions: SqlRegion[];
  /** HTML comments in prose and `# …` comment lines in shell blocks, in document order. */
  directiveComments: DirectiveComment[];
  /** Entries of the front matter's `crdb:` mapping (empty when there is none). */
  frontMatter: FrontMatterEntry[];
  /** Document span of the front matter block, if any. */
  frontMatterSpan?: Span;
  /**
   * Line ranges `[start, end)` (pairs, ascending) of paragraph and heading text (link
   * reference definitions are paragraph text to the extraction: markdown/blockTokens.ts).
   * The keystroke path (core/proseEdit.ts) relies on what markdown's block rules guarantee
   * there: letters typed after a line's first letter change no block, so the extraction stays
   * the same but for HTML comments, which it checks against `directiveComments`.
   */
  proseLines?: Int32Array;
  /**
   * Every fenced and indented code block, whatever its language, in threes: first content line,
   * end line (exclusive; a fence's closing line may be included), kind (CodeBlockKind). Version
   * evidence (core/evidence) is read from these lines and never from prose.
   */
  codeBlocks?: Int32Array;
}

/** The kind of a code block in MarkdownExtraction.codeBlocks. */
export const enum CodeBlockKind {
  /** A fence of any other language, unlabeled, or an indented code block. */
  Other = 0,
  /** A SQL fence (its comments are SQL comments). */
  Sql = 1,
  /** A shell fence. */
  Shell = 2,
}
