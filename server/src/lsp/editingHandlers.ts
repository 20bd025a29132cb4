// While typing: hovers (the facts and verdict of a RESTORE, a version's release facts) and
// completion inside crdb: directives. Both map the pure results of hover.ts and completion.ts
// to LSP, on the cached analysis of the document's current version.
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver/node';
import { completeDirective } from './completion';
import { docsUri } from './convert';
import type { ServerContext } from './context';
import { hoverAt, toPlainText } from './hover';
import { collectionHover, otherWritersLines } from './collectionHover';
import { useKey } from '../core/workspace/fileFacts';

const COMPLETION_KIND = {
  key: CompletionItemKind.Property,
  version: CompletionItemKind.Value,
  value: CompletionItemKind.EnumMember,
  rule: CompletionItemKind.Reference,
} as const;

export function registerEditingHandlers(ctx: ServerContext): void {
  const { connection, documents, cache, guarded } = ctx;

  connection.onHover((params) =>
    guarded('hover', null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const entry = await cache.analysisOf(doc);
      const offset = doc.offsetAt(params.position);
      const workspace = ctx.workspace;
      // On a collection string: its writers and readers across the workspace.
      const onCollection = entry.analysis.statements.find((s) => s.collectionSpan && offset >= s.collectionSpan.start && offset <= s.collectionSpan.end);
      const key = onCollection && useKey(onCollection);
      const h =
        workspace && onCollection && key !== undefined
          ? { markdown: collectionHover(key, workspace.facts.usesOf(key)), span: onCollection.collectionSpan! }
          : hoverAt(entry.analysis, offset, entry.options.catalog, entry.options.today, (st) => {
              const k = useKey(st);
              return workspace && k !== undefined && st.backup?.source === 'workspace-backup' ? otherWritersLines(workspace.facts.writersOf(k), st.backup) : [];
            }, docsUri('getting-started'));
      if (!h) return null;
      return {
        contents: ctx.client.markdownHover ? { kind: MarkupKind.Markdown, value: h.markdown } : { kind: MarkupKind.PlainText, value: toPlainText(h.markdown) },
        range: { start: doc.positionAt(h.span.start), end: doc.positionAt(h.span.end) },
      };
    }),
  );

  // Completion inside crdb: directives
  connection.onCompletion((params) =>
    guarded('completion', null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const line = params.position.line;
      const prefix = doc.getText({ start: { line, character: 0 }, end: params.position });
      const entry = await cache.analysisOf(doc);
      const result = completeDirective(prefix, entry.options.catalog, entry.options.today);
      if (!result) return null;
      return {
        isIncomplete: false,
        items: result.items.map((it) => ({
          label: it.label,
          kind: COMPLETION_KIND[it.kind],
          detail: it.detail,
          documentation: it.documentation ? { kind: MarkupKind.Markdown, value: it.documentation } : undefined,
          sortText: it.sortText,
          preselect: it.preselect,
          filterText: it.insertText,
          textEdit: {
            range: { start: { line, character: result.replaceStart }, end: { line, character: result.replaceEnd } },
            newText: it.insertText,
          },
        })),
      };
    }),
  );
}
