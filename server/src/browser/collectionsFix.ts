// The web worker's stand-in for lsp/collectionsFix.ts, which reads and writes
// .crdb-restore-guard.json on disk: in VS Code for the Web there is no disk to write, so that
// quick fix is not offered there (scripts/bundle.mjs substitutes this module in the worker build).
import type { CodeAction, Diagnostic } from 'vscode-languageserver/browser';
import type { AnalyzedStatement } from '../core/analysisTypes';
import type { ServerContext } from '../lsp/context';

export const COLLECTION_PLACEHOLDER = '?';

export function addToCollectionsAction(_ctx: ServerContext, _docUri: string, _st: AnalyzedStatement, _diagnostic: Diagnostic): CodeAction | undefined {
  return undefined;
}
