// Evidence in the text of code blocks: binaries (download URLs, tarball names and paths with
// `cockroach-vX.Y.Z`, images `cockroachdb/cockroach:vX.Y.Z`, the operator's
// `cockroachDBVersion:`, Helm's `image.tag=`) and versions reported in pasted transcripts
// (`Build Tag: vX.Y.Z`, `CockroachDB CCL vX.Y.Z` / `CockroachDB OSS vX.Y.Z`).
//
// Only code counts: a match must lie on a content line of a code block, outside SQL comments
// (SQL fences) and outside `#` comments (other blocks). Prose, headings, links and inline code
// are never code blocks. The document is searched once with one regular expression of the
// forms' fixed leads (a single native pass, measured faster than one indexOf pass per lead),
// so the cost is linear in its length whatever the number of blocks.
import type { Catalog } from '../catalog/catalog';
import type { LineIndex } from '../lineIndex';
import { CodeBlockKind } from '../types';
import { parseVersion } from '../versions';
import type { Evidence, EvidenceKind } from './evidenceTypes';

export interface CodeEvidenceInput {
  text: string;
  lines: LineIndex;
  /** MarkdownExtraction.codeBlocks: first content line, end line, kind, in threes, ascending. */
  codeBlocks: Int32Array;
  /** Document spans `[start, end)` of the comments of the SQL in SQL fences, in pairs, ascending. */
  sqlComments: ArrayLike<number>;
  catalog: Catalog;
}

// `vX.Y.Z` with an optional `-alpha.N`/`-beta.N`/`-rc.N`, at a given place (sticky).
const BINARY_VERSION = /v?(\d{1,2}\.\d{1,3}\.\d{1,4}(?:-(?:alpha|beta|rc)\.?\d+)?)/y;

/** One form: its anchor is found by indexOf; `at` reads it at the anchor's offset. */
interface Form {
  kind: EvidenceKind;
  /** The text that must be at `start`; `prefix` chars before the indexOf anchor. */
  lead: string;
  /** Characters allowed between `lead` and the version (`:`, blanks, quotes). */
  gap: RegExp | undefined;
  label(version: string): string;
}

const FORMS: readonly Form[] = [
  { kind: 'binaries', lead: 'cockroach-v', gap: undefined, label: (v) => `cockroach-v${v} binaries` },
  { kind: 'binaries', lead: 'cockroachdb/cockroach:v', gap: undefined, label: (v) => `image cockroachdb/cockroach:v${v}` },
  { kind: 'binaries', lead: 'cockroachDBVersion', gap: /[ \t]*:[ \t]*["']?/y, label: (v) => `cockroachDBVersion: v${v}` },
  { kind: 'reported', lead: 'CockroachDB CCL v', gap: undefined, label: (v) => `CockroachDB CCL v${v}` },
  { kind: 'reported', lead: 'CockroachDB OSS v', gap: undefined, label: (v) => `CockroachDB OSS v${v}` },
  { kind: 'reported', lead: 'Build Tag:', gap: /[ \t]*/y, label: (v) => `Build Tag: v${v}` },
  { kind: 'binaries', lead: 'image.tag=', gap: /["']?/y, label: (v) => `image.tag=v${v}` },
];
const FORM_BY_LEAD = new Map(FORMS.map((f) => [f.lead, f]));
/** Every lead of FORMS (and nothing else): a match is looked up in FORM_BY_LEAD. */
const LEADS = /cockroach(?:-v|db\/cockroach:v|DBVersion)|CockroachDB (?:CCL|OSS) v|Build Tag:|image\.tag=/g;

/** Appends the evidence found in the code blocks of a markdown document to `out`, in document order. */
export function codeEvidence(input: CodeEvidenceInput, out: Evidence[]): void {
  const { text, codeBlocks } = input;
  if (codeBlocks.length === 0) return;
  // One pass, so the offsets ascend (the line memo relies on it) and the evidence comes in order.
  const memo = new LineMemo(input);
  LEADS.lastIndex = 0;
  for (let m = LEADS.exec(text); m !== null; m = LEADS.exec(text)) read(input, memo, FORM_BY_LEAD.get(m[0])!, m.index, out);
}

/** The evidence of `form` at `start` if it is a whole, catalogued, non-placeholder version in code. */
function read(input: CodeEvidenceInput, memo: LineMemo, form: Form, start: number, out: Evidence[]): void {
  const { text } = input;
  // A word starting before the lead is another name (`mycockroach-v1.2.3`, `helm-image.tag=`).
  if (start > 0 && isWordChar(text.charCodeAt(start - 1))) return;
  let at = start + form.lead.length;
  if (form.gap) {
    form.gap.lastIndex = at;
    const g = form.gap.exec(text);
    if (g) at += g[0].length;
  }
  BINARY_VERSION.lastIndex = at;
  const m = BINARY_VERSION.exec(text);
  if (!m) return; // `{VERSION}`, `$VERSION`, `<version>`, `{{ … }}`: a placeholder is no evidence
  const end = at + m[0].length;
  // A version running on into a placeholder or a longer word (`v24.3.1{SUFFIX}`, `v24.3.10x`) is none.
  const next = text.charCodeAt(end);
  if (isWordChar(next) || next === 0x7b /* { */ || next === 0x24 /* $ */ || next === 0x3c /* < */) return;
  const version = parseVersion(m[1]);
  if (version === undefined || !input.catalog.has(version.major)) return;
  if (!inCode(input, memo, start)) return;
  if (form.kind === 'reported' && form.lead.startsWith('CockroachDB') && memo.clientVersionAt < start) return;
  out.push({
    kind: form.kind,
    version,
    start,
    end,
    versionStart: end - m[1].length,
    versionEnd: end,
    label: form.label(m[1]),
  });
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Whether `offset` lies in a code block's content, outside a comment. */
function inCode(input: CodeEvidenceInput, memo: LineMemo, offset: number): boolean {
  const { codeBlocks } = input;
  const line = memo.at(offset);
  // The last block starting at or before the line.
  let lo = 0;
  let hi = codeBlocks.length / 3 - 1;
  let block = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codeBlocks[3 * mid] <= line) {
      block = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (block < 0 || line >= codeBlocks[3 * block + 1]) return false;
  if (codeBlocks[3 * block + 2] === CodeBlockKind.Sql) return !inSpans(input.sqlComments, offset);
  return offset < memo.hashCommentAt;
}

/** Whether `offset` lies in one of the `[start, end)` pairs (ascending). */
function inSpans(spans: ArrayLike<number>, offset: number): boolean {
  let lo = 0;
  let hi = spans.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid] <= offset) {
      if (offset < spans[2 * mid + 1]) return true;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return false;
}

/**
 * Facts about the line of the last offset asked, computed once per line: a line may hold many
 * matches, and looking at the line again for each would be quadratic. Offsets must ascend.
 */
class LineMemo {
  private line = -1;
  /** The first `Client version:` at or after the memo's line start (-1: none left). */
  private nextClient = -2;
  /** Where a `#` comment starts on the line (the line's end + 1 when none). */
  hashCommentAt = 0;
  /** Where `Client version:` stands on the line (the line's end + 1 when not there). */
  clientVersionAt = 0;

  constructor(private readonly input: CodeEvidenceInput) {}

  /** The 0-based line of `offset`, with the memo moved to it. */
  at(offset: number): number {
    const { lines, text } = this.input;
    const line = lines.lineOf(offset);
    if (line === this.line) return line;
    this.line = line;
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    this.hashCommentAt = hashCommentStart(text, start, end);
    // Offsets ascend, so the search moves forward only (linear over the whole pass).
    if (this.nextClient !== -1 && this.nextClient < start) this.nextClient = text.indexOf('Client version:', start);
    this.clientVersionAt = this.nextClient >= 0 && this.nextClient < end ? this.nextClient : end + 1;
    return line;
  }
}

/**
 * In shell, YAML, Dockerfiles and the like, `#` at the start of a line or after a blank starts a
 * comment. The `# Server version:` banner of `cockroach sql` is a transcript line, not a comment.
 */
function hashCommentStart(text: string, lineStart: number, lineEnd: number): number {
  // A loop over the line, not indexOf: that would search on past the line for a `#`.
  for (let i = lineStart; i < lineEnd; i++) {
    if (text.charCodeAt(i) !== 0x23) continue;
    const before = i === lineStart ? 32 : text.charCodeAt(i - 1);
    if (before !== 32 && before !== 9 && before !== 0x3e /* > */) continue;
    return SERVER_BANNER.test(text.slice(i, Math.min(lineEnd, i + 40))) ? lineEnd + 1 : i;
  }
  return lineEnd + 1;
}

const SERVER_BANNER = /^#[ \t]*Server version:/;
