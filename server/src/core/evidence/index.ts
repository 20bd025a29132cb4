// Version evidence of a document, in document order (docs/how-versions-are-known.md). The
// analyzer collects it with the statements (analyzer/collectStatements.ts); this entry point is
// for tests and tools that want the evidence alone.
import { collectStatementsAndDirectives } from '../analyzer/collectStatements';
import type { Catalog } from '../catalog/catalog';
import { LineIndex } from '../lineIndex';
import type { Evidence } from './evidenceTypes';

export type { Evidence, EvidenceKind } from './evidenceTypes';

/** Every piece of evidence in the document, in document order. */
export function evidenceOf(text: string, languageId: 'sql' | 'markdown', catalog: Catalog): Evidence[] {
  return collectStatementsAndDirectives(text, languageId, new LineIndex(text), catalog).evidence;
}
