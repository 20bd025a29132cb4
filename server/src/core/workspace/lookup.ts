// Where a RESTORE's backup version comes from when its own document states nothing for its
// collection (docs/workspace.md): the `collections` setting, then the BACKUPs into the
// collection in the workspace's other files. The document itself is asked first, by the
// analyzer; this module is the rest of the lookup order, so the analyzer stays one call.
import type { AnalyzedStatement, AnalyzeOptions, VersionFact } from '../analysisTypes';
import { OLD_SYNTAX_PREFIX, useKey } from './fileFacts';

/**
 * The backup version of `st` beyond its document, or a fact of unknown version whose reason
 * names every place tried (the document, the setting, the other files).
 */
export function backupFactBeyondDocument(st: AnalyzedStatement, opts: AnalyzeOptions, inDocumentReason: string): VersionFact {
  const key = useKey(st);
  if (key === undefined) return { source: 'none', reason: inDocumentReason };
  const configured = key.startsWith(OLD_SYNTAX_PREFIX) ? undefined : opts.collections?.get(key);
  if (configured) return { version: configured.version, source: 'collections-setting', collection: configured.written };
  const explicitSubdir = !st.oldSyntax && st.locator !== undefined && st.locator.kind !== 'latest';
  const other = opts.otherFiles?.(key, explicitSubdir);
  if (other) return other;
  const places = opts.otherFiles ? ', not in the collections setting, and written by no other file of the workspace' : ', and not in the collections setting';
  return { source: 'none', reason: inDocumentReason + places };
}
