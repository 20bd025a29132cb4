// Code actions: the core's fixes, "show documentation", and fix-all; and the server's commands
// (open a rule's documentation, and the code lens clicks: apply a RESTORE's fix, explain it).
import { CodeActionKind, MessageType, ShowMessageNotification, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, FindingFix } from '../core/analysisTypes';
import { fixAllEdits } from '../core/fixes/fixAll';
import { hasInferredVersions, pinInferredVersions } from '../core/fixes/pinInferred';
import { RULES } from '../core/rules';
import { explainStatement, lensFinding } from './codeLens';
import { addToCollectionsAction } from './collectionsFix';
import type { ServerContext } from './context';
import { ruleDocsUri } from './convert';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, type StatementCommandArgs } from './protocol';

export function registerCodeActionHandlers(ctx: ServerContext): void {
  const { connection, documents, cache, guarded } = ctx;

  connection.onCodeAction((params) =>
    guarded('codeAction', [] as CodeAction[], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const entry = await cache.analysisOf(doc);
      const uri = doc.uri;
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const actions: CodeAction[] = [];
      const toAction = (fix: FindingFix, kind: string, diagnostics: Diagnostic[]): CodeAction => ({
        title: fix.title,
        kind,
        diagnostics,
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits } },
      });
      if (wants(CodeActionKind.QuickFix)) {
        // A select-all range can carry thousands of diagnostics: look findings up by key, and
        // answer for the first MAX_QUICK_FIX_DIAGNOSTICS only (a light bulb shows a handful; the
        // reply for 40k was 169 MB).
        const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).slice(0, MAX_QUICK_FIX_DIAGNOSTICS);
        const byKey = ours.length > 0 ? findingsByKey(entry.analysis) : undefined;
        for (const d of ours) {
          const f = byKey!.get(`${String(d.code)}:${d.range.start.line}:${d.range.start.character}`);
          if (!f) continue;
          for (const fix of f.fixes) actions.push(toAction(fix, CodeActionKind.QuickFix, [d]));
          if (f.rule === 'missing-version' && f.statement !== undefined) {
            const add = addToCollectionsAction(ctx, uri, entry.analysis.statements[f.statement], d);
            if (add) actions.push(add);
          }
          actions.push({
            title: `Show documentation for ${f.rule}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            command: { title: `Show documentation for ${f.rule}`, command: Commands.showRuleDocs, arguments: [f.rule] },
          });
        }
      }
      if (wants(CodeActionKind.RefactorRewrite)) {
        // Versions a statement under the cursor got from evidence in code: write them as a directive.
        const from = doc.offsetAt(params.range.start);
        const to = doc.offsetAt(params.range.end);
        const { statements } = entry.analysis;
        for (let i = 0; i < statements.length; i++) {
          const st = statements[i];
          if (st.span.end < from || st.keyword.start > to || !hasInferredVersions(entry.analysis, st)) continue;
          const fix = pinInferredVersions(doc.getText(), entry.options, entry.analysis, i);
          if (fix) actions.push(toAction({ ...fix, edits: fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) }, CodeActionKind.RefactorRewrite, []));
        }
      }
      if (wants(FIX_ALL_KIND) || (only && only.includes(CodeActionKind.SourceFixAll))) {
        const edits = fixAllEdits(entry.analysis, doc);
        if (edits.length > 0) {
          actions.push({ title: 'Fix all CockroachDB Restore Guard problems that have one clear fix', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
        }
      }
      return actions;
    }),
  );

  connection.onExecuteCommand((params) =>
    guarded('executeCommand', null, async () => {
      if (params.command === Commands.showRuleDocs) {
        const rule = String(params.arguments?.[0] ?? '');
        if (!RULES.has(rule as never)) return null;
        await connection.window.showDocument({ uri: ruleDocsUri(rule), external: false, takeFocus: true });
      } else if (params.command === Commands.applyStatementFix || params.command === Commands.explainStatement) {
        const args = statementArgs(params.arguments?.[0]);
        if (!args) return null;
        return params.command === Commands.applyStatementFix ? applyStatementFix(args) : explain(args);
      }
      return null;
    }),
  );

  function showMessage(type: MessageType, message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  /**
   * Code lens click on an unsupported (or unknown) RESTORE: offer the finding's fixes as choices
   * (window/showMessageRequest) and apply the one picked. A click never applies a version by
   * itself: which cluster to run on, or which versions are true, is the user's call. (VS Code's
   * client shows its own quick-fix menu instead.)
   */
  async function applyStatementFix(args: StatementCommandArgs): Promise<unknown> {
    const doc = documents.get(args.uri);
    if (!doc) return null;
    if (doc.version !== args.version) {
      showMessage(MessageType.Warning, 'CockroachDB Restore Guard: the document changed since the code lens was shown; click it again.');
      return null;
    }
    const entry = await cache.analysisOf(doc);
    const finding = args.rule ? lensFinding(entry.analysis, args.statement, args.rule) : undefined;
    if (!finding || finding.fixes.length === 0) return explain(args); // the rule is off or ignored here: nothing to fix, explain instead
    if (!ctx.client.applyEdit) {
      showMessage(MessageType.Info, `CockroachDB Restore Guard: ${finding.message} Use the quick fixes on the RESTORE line (your editor cannot apply edits from the server).`);
      return null;
    }
    const picked = await connection.window.showInformationMessage(finding.message, ...finding.fixes.map((f) => ({ title: f.title })));
    const fix = picked && finding.fixes.find((f) => f.title === picked.title);
    if (!fix) return { applied: false };
    // The document may have changed while the choices were shown.
    if (documents.get(args.uri)?.version !== args.version) {
      showMessage(MessageType.Warning, 'CockroachDB Restore Guard: the document changed while the choices were shown; click the lens again.');
      return { applied: false };
    }
    const edit: WorkspaceEdit = ctx.client.documentChanges
      ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits as TextEdit[] }] }
      : { changes: { [doc.uri]: fix.edits as TextEdit[] } };
    const result = await connection.workspace.applyEdit({ label: fix.title, edit });
    return { applied: result.applied, title: fix.title };
  }

  /** Code lens click on a supported RESTORE (non-VS Code clients; VS Code shows the hover instead). */
  async function explain(args: StatementCommandArgs): Promise<unknown> {
    const doc = documents.get(args.uri);
    if (!doc) return null;
    const entry = await cache.analysisOf(doc);
    const st = entry.analysis.statements[args.statement];
    if (!st || st.kind !== 'restore' || doc.version !== args.version) return null;
    showMessage(MessageType.Info, `CockroachDB Restore Guard: ${explainStatement(st, entry.options.catalog)}`);
    return null;
  }
}

/** Diagnostics of one code action request that get quick fixes. */
export const MAX_QUICK_FIX_DIAGNOSTICS = 200;

/** Findings by rule and start position (the first one wins, as a search in document order would). */
function findingsByKey(analysis: Analysis): Map<string, Finding> {
  const map = new Map<string, Finding>();
  for (const f of analysis.findings) {
    const key = `${f.rule}:${f.range.start.line}:${f.range.start.character}`;
    if (!map.has(key)) map.set(key, f);
  }
  return map;
}

function statementArgs(raw: unknown): StatementCommandArgs | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const a = raw as Partial<StatementCommandArgs>;
  if (typeof a.uri !== 'string' || typeof a.version !== 'number' || typeof a.statement !== 'number') return undefined;
  return a as StatementCommandArgs;
}
