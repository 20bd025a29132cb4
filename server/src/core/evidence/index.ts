// Version evidence of a document, in document order (docs/how-versions-are-known.md).
import type { Catalog } from '../catalog/catalog';
import { LineIndex } from '../lineIndex';
import { extractMarkdown } from '../markdown';
import { toDocOffset } from '../regions';
import { scanSql } from '../sql';
import type { SqlScan } from '../types';
import { codeEvidence } from './codeEvidence';
import type { Evidence } from './evidenceTypes';
import { settingEvidence } from './settingEvidence';

export type { Evidence, EvidenceKind } from './evidenceTypes';

/** One scanned SQL region of the document. */
export interface ScannedRegion {
  scan: SqlScan;
  /** Region offset → document offset. */
  doc: (offset: number) => number;
  /** The region is a SQL fence (or a whole .sql file), not SQL inside a shell block. */
  sqlFence: boolean;
}

export interface EvidenceInput {
  text: string;
  lines: LineIndex;
  catalog: Catalog;
  /** Markdown only: MarkdownExtraction.codeBlocks. A .sql file has none (only its statements count). */
  codeBlocks?: Int32Array;
  /** The SQL regions, in document order. */
  regions: readonly ScannedRegion[];
}

/** Every piece of evidence in the document, in document order. */
export function documentEvidence(input: EvidenceInput): Evidence[] {
  const fromSql: Evidence[] = [];
  let comments: number[] | undefined;
  for (const r of input.regions) {
    if (r.scan.settings.length > 0) settingEvidence(r.scan.settings, r.doc, input.catalog, fromSql);
    if (input.codeBlocks !== undefined && r.sqlFence && r.scan.comments.length > 0) {
      comments ??= [];
      for (const c of r.scan.comments) comments.push(r.doc(c.start), r.doc(c.end));
    }
  }
  if (input.codeBlocks === undefined || input.codeBlocks.length === 0) return fromSql;
  const fromCode: Evidence[] = [];
  codeEvidence({ text: input.text, lines: input.lines, codeBlocks: input.codeBlocks, sqlComments: comments ?? [], catalog: input.catalog }, fromCode);
  if (fromCode.length === 0) return fromSql;
  return mergeInOrder(fromSql, fromCode);
}

function mergeInOrder(a: Evidence[], b: Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start <= b[j].start)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/**
 * The evidence of a whole document on its own (the analyzer reuses its own extraction and scans
 * through `documentEvidence`; tests and tools call this).
 */
export function evidenceOf(text: string, languageId: 'sql' | 'markdown', catalog: Catalog): Evidence[] {
  const lines = new LineIndex(text);
  if (languageId === 'sql') {
    return documentEvidence({ text, lines, catalog, regions: [{ scan: scanSql(text), doc: (o) => o, sqlFence: true }] });
  }
  const md = extractMarkdown(text);
  const regions: ScannedRegion[] = md.regions.map((region) => ({
    scan: scanSql(region.text),
    doc: (o: number) => toDocOffset(region, o),
    sqlFence: !region.inline,
  }));
  return documentEvidence({ text, lines, catalog, codeBlocks: md.codeBlocks ?? new Int32Array(0), regions });
}
