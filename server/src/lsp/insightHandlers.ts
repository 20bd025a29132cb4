// Beyond diagnostics: inlay hints, code lenses and the outline. Each reads the cached analysis
// of the document's current version (analysisOf), never analyses again, and maps the pure
// specs of inlayHints.ts, codeLens.ts and documentSymbols.ts to LSP.
import { InlayHintKind, SymbolKind, type CodeLens, type DocumentSymbol, type InlayHint, type SymbolInformation } from 'vscode-languageserver/node';
import { linesOf, outlineOf, type CachedAnalysis } from './analysisCache';
import { codeLensesFor } from './codeLens';
import type { ServerContext } from './context';
import { documentSymbols, type SymbolNode } from './documentSymbols';
import { inlayHintsFor } from './inlayHints';
import { Commands, type StatementCommandArgs } from './protocol';
import { SERVER_DEFAULTS } from './settingsStore';

function enabled(entry: CachedAnalysis, key: 'inlayHints' | 'codeLens'): boolean {
  return (entry.settings[key] ?? SERVER_DEFAULTS[key]) !== false;
}

const SYMBOL_KIND: Record<SymbolNode['kind'], SymbolKind> = {
  heading: SymbolKind.String, // what VS Code's own markdown outline uses for headings
  restore: SymbolKind.Event,
  backup: SymbolKind.Package,
};

export function registerInsightHandlers(ctx: ServerContext): void {
  const { connection, documents, cache, guarded } = ctx;

  connection.languages.inlayHint.on((params) =>
    guarded('inlayHint', [] as InlayHint[], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const entry = await cache.analysisOf(doc);
      if (!enabled(entry, 'inlayHints')) return [];
      const hints = inlayHintsFor(entry.analysis, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end));
      return hints.map((h) => ({
        position: doc.positionAt(h.offset),
        label: h.label,
        kind: InlayHintKind.Type,
        tooltip: h.tooltip,
        paddingLeft: true,
      }));
    }),
  );

  connection.onCodeLens((params) =>
    guarded('codeLens', [] as CodeLens[], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const entry = await cache.analysisOf(doc);
      if (!enabled(entry, 'codeLens')) return [];
      return (entry.lenses ??= codeLensesFor(entry.analysis, entry.options.catalog)).map((l) => {
        const st = entry.analysis.statements[l.statement];
        const args: StatementCommandArgs = {
          uri: doc.uri,
          version: entry.version,
          statement: l.statement,
          position: doc.positionAt(st.keyword.start),
        };
        if (l.action.kind === 'fix') args.rule = l.action.rule;
        return {
          range: l.range,
          command: { title: l.title, command: l.action.kind === 'fix' ? Commands.applyStatementFix : Commands.explainStatement, arguments: [args] },
        };
      });
    }),
  );

  connection.onDocumentSymbol((params) =>
    guarded('documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const entry = await cache.analysisOf(doc);
      if (entry.skipped) return [];
      if (ctx.client.editorMarkdownOutline && entry.options.languageId === 'markdown') return [];
      const nodes = (entry.symbols ??= documentSymbols(entry.analysis, linesOf(entry, doc), outlineOf(entry, doc)?.headings));
      const toSymbol = (n: SymbolNode): DocumentSymbol => ({
        name: n.name,
        detail: n.detail,
        kind: SYMBOL_KIND[n.kind],
        range: n.range,
        selectionRange: n.selectionRange,
        children: n.children.map(toSymbol),
      });
      if (ctx.client.hierarchicalSymbols) return nodes.map(toSymbol);
      // Flat SymbolInformation for clients without hierarchical support, with the heading path as container.
      const flat: SymbolInformation[] = [];
      const walk = (ns: SymbolNode[], container: string | undefined) => {
        for (const n of ns) {
          flat.push({ name: n.name, kind: SYMBOL_KIND[n.kind], location: { uri: doc.uri, range: n.range }, containerName: container });
          walk(n.children, container ? `${container} › ${n.name}` : n.name);
        }
      };
      walk(nodes, undefined);
      return flat;
    }),
  );
}
