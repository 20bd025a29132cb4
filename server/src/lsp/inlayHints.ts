// Inlay hints (LSP 3.17): what the analyzer inferred, shown where it matters without hovering.
// After a RESTORE's collection: the backup version and where it came from; after a BACKUP's
// collection: the version it is taken on. Pure: takes an Analysis, returns document offsets
// and labels; insightHandlers.ts turns them into LSP InlayHints.
import type { Analysis, AnalyzedStatement, VersionFact } from '../core/analysisTypes';
import { describeFact } from '../core/facts';

export interface InlayHintSpec {
  /** Document offset the hint sits at (the end of the collection literal). */
  offset: number;
  label: string;
  tooltip: string;
  /** Index into Analysis.statements. */
  statement: number;
}

/**
 * The hints whose offsets fall in `[start, end]` (the whole document when omitted), in
 * document order. A statement without a collection (still being typed) gets none.
 */
export function inlayHintsFor(analysis: Analysis, start = 0, end = Number.MAX_SAFE_INTEGER): InlayHintSpec[] {
  const out: InlayHintSpec[] = [];
  analysis.statements.forEach((st, i) => {
    const span = st.collectionSpan;
    if (!span || span.end < start || span.end > end) return;
    if (st.kind === 'restore') {
      const target = st.target?.source === 'evidence' ? `;${NBSP}target${NBSP}${st.target.version?.major}${NBSP}(${inferredLine(st.target)})` : '';
      out.push({ offset: span.end, label: restoreLabel(st.backup) + target, tooltip: restoreTooltip(st), statement: i });
    } else if (st.kind === 'backup') {
      const inferred = st.target?.source === 'evidence' ? `${NBSP}(${inferredLine(st.target)})` : '';
      out.push({ offset: span.end, label: `⇢${NBSP}${st.target?.version?.major ?? '?'}${inferred}`, tooltip: backupTooltip(st), statement: i });
    }
  });
  return out.sort((a, b) => a.offset - b.offset);
}

/** No-break space: a hint is never wrapped in the middle on a long line. */
const NBSP = '\u00a0';

/** `← 23.2 (line 14)` (the line of the BACKUP or directive it came from; the tooltip says which) / `← 24.3` / `← ?`. */
export function restoreLabel(f: VersionFact | undefined): string {
  const v = f?.version?.major;
  if (!v || !f) return `←${NBSP}?`;
  if (f.source === 'evidence') return `←${NBSP}${v}${NBSP}(${inferredLine(f)})`;
  // A line of this document only (facts from settings or other files say so in the tooltip).
  const fromLine = f.line !== undefined && (f.source === 'backup-statement' || f.source === 'directive' || f.source === 'front-matter');
  return fromLine ? `←${NBSP}${v}${NBSP}(line${NBSP}${f.line! + 1})` : `←${NBSP}${v}`;
}

/** `inferred, line 40` (the hover and tooltip say from what), unbreakable. */
function inferredLine(f: VersionFact): string {
  return f.line === undefined ? 'inferred' : `inferred,${NBSP}line${NBSP}${f.line + 1}`;
}

function restoreTooltip(st: AnalyzedStatement): string {
  return `Backup version: ${describeFact(st.backup)}. Target version: ${describeFact(st.target)}.`;
}

function backupTooltip(st: AnalyzedStatement): string {
  const t = st.target;
  return t?.version
    ? `This BACKUP is taken on ${describeFact(t)}; a later RESTORE … FROM LATEST IN the same collection uses it as its backup version.`
    : `This BACKUP is taken on an unknown version (${t?.reason ?? 'no target-version in force'}).`;
}
