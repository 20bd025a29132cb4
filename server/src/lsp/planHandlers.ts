// The two requests behind the "plan a restore across versions" command: the release list for
// its quick picks, and the runbook section to insert at the cursor. Both read the cached
// analysis of the document's current version (analysisOf), never analyse again.
import { parseBoolean } from '../core/directives';
import type { Analysis } from '../core/analysisTypes';
import { planRestore, type PlanForm } from '../core/plan';
import { isSupported, upgradePath, verdict } from '../core/policy';
import { analyzeOptions } from '../core/settings';
import { supportEnd } from '../core/support';
import { compareMajors, parseVersion } from '../core/versions';
import { linesOf, outlineOf } from './analysisCache';
import type { ServerContext } from './context';
import { PLAN_REQUEST, RELEASES_REQUEST, type PlanResponse, type ReleaseItem } from './protocol';

export function registerPlanHandlers(ctx: ServerContext): void {
  const { connection, documents, cache, settings, guarded } = ctx;

  // Release list for the plan command's quick picks, worded here so the client stays logic-free.
  connection.onRequest(RELEASES_REQUEST, (params) =>
    guarded(RELEASES_REQUEST.method, [] as ReleaseItem[], async () => {
      const doc = params?.uri ? documents.get(params.uri) : undefined;
      const s = doc ? await settings.forDocument(doc.uri) : await settings.forDocument(params?.uri ?? '');
      const options = doc ? (await cache.analysisOf(doc)).options : analyzeOptions(s, 'sql');
      const { catalog, today } = options;
      const backup = params?.backup ? parseVersion(params.backup)?.major : undefined;
      const items: ReleaseItem[] = [];
      for (const r of [...catalog.releases].reverse()) {
        if (backup && compareMajors(r.version, backup) < 0) continue;
        let description = `${r.type} release${r.userSupplied ? ' (extraReleases)' : ''}`;
        if (backup) {
          const v = verdict(catalog, backup, r.version);
          if (v.kind === 'same') description += ' · same version';
          else if (isSupported(v)) description += ' · restores directly';
          else {
            const path = upgradePath(catalog, backup, r.version);
            // At most a few hops named: with hundreds of extraReleases the list would make the reply megabytes.
            const via = path.slice(1, -1);
            description += ` · ${path.length - 1} steps via ${via.length > 12 ? `${via.slice(0, 3).join(', ')}, …, ${via.slice(-2).join(', ')}` : via.join(', ')}`;
          }
        }
        const dates: string[] = [r.gaDate ? `GA ${r.gaDate}` : 'not released yet'];
        const end = supportEnd(r, parseVersion(r.version)!);
        if (end) dates.push(`${today > end.date ? 'support ended' : 'supported until'} ${end.date} (${end.kind})`);
        if (r.type === 'regular' && r.ltsAssistanceEnd) dates.push(`LTS until ${r.ltsAssistanceEnd}`);
        items.push({ version: r.version, type: r.type, label: r.version, description, detail: dates.join(' · ') });
      }
      return items;
    }),
  );

  connection.onRequest(PLAN_REQUEST, (params) =>
    guarded(PLAN_REQUEST.method, { error: 'planning failed; see the server log' } as PlanResponse, async (): Promise<PlanResponse> => {
      const doc = params?.uri ? documents.get(params.uri) : undefined;
      if (!doc) return { error: 'Open the runbook or SQL file the plan goes into first.' };
      const entry = await cache.analysisOf(doc);
      const text = doc.getText();
      const lines = linesOf(entry, doc);
      const cursor = lines.offset(params.position);
      const cursorLine = lines.lineOf(cursor);
      // Whole lines only: the plan goes after the cursor's line, statement or block, never into a line.
      let form: PlanForm = entry.options.languageId;
      let headingLevel = 2;
      let lastLine = cursorLine;
      const outline = outlineOf(entry, doc);
      const block = outline?.codeBlocks.find((b) => cursorLine >= b.line && cursorLine <= b.endLine);
      const inSql = entry.options.languageId === 'sql' || (block?.kind === 'sql' && cursorLine > block.line && cursorLine < block.endLine);
      if (inSql) {
        form = 'sql';
        // After the statement the cursor is in (its last line), if any.
        const st = entry.analysis.statements.find((x) => cursor >= x.span.start && cursor <= x.span.end);
        if (st) lastLine = Math.max(cursorLine, lines.lineOf(Math.max(st.span.start, st.span.end - 1)));
      } else if (outline) {
        form = 'markdown';
        if (block) lastLine = block.endLine; // after the code block (shell, other)
        else while (lastLine + 1 < lines.lineCount && lines.lineText(lastLine + 1).trim() !== '' && !outline.codeBlocks.some((b) => b.line === lastLine + 1)) lastLine++; // after the paragraph
      }
      if (outline) {
        const heading = [...outline.headings].reverse().find((h) => h.endLine <= lastLine && !(block && h.endLine > block.line && h.endLine < block.endLine));
        if (heading) headingLevel = Math.min(6, heading.level + 1);
      }
      const insertLine = lastLine + 1;
      const atEnd = insertLine >= lines.lineCount;
      const insertAt = atEnd ? text.length : lines.lineStart(insertLine);
      const mixed = mixedVersionAt(entry.analysis, insertAt);
      const eol = /\r\n/.test(text) ? '\r\n' : '\n';
      const r = planRestore(entry.options.catalog, {
        backup: String(params.backup ?? ''),
        target: String(params.target ?? ''),
        form,
        headingLevel,
        eol,
        resetMixedVersion: mixed,
      });
      if (!r.ok) return { error: r.error };
      const restated = restatement(entry.analysis, insertAt, entry.options.defaultTargetVersion?.text, mixed);
      // At the end of a document that ends with a line break, the line above is the last one with text.
      const endsWithBreak = /[\r\n]$/.test(text);
      const lineAbove = atEnd ? lines.lineText(lines.lineCount - (endsWithBreak && lines.lineCount > 1 ? 2 : 1)) : insertLine > 0 ? lines.lineText(insertLine - 1) : '';
      const lineBelow = atEnd ? '' : lines.lineText(insertLine);
      const needsBreak = atEnd && text.length > 0 && !endsWithBreak;
      const framed = frameSection(r.plan.text, restated, form, { needsBreak, blankAbove: lineAbove.trim() === '', blankBelow: lineBelow.trim() === '', eol });
      const position = doc.positionAt(insertAt);
      return { text: framed, position: { line: position.line, character: position.character }, title: r.plan.title, hops: r.plan.hops };
    }),
  );
}

/**
 * The `crdb:` entries in force at `offset` that a plan's directives would change for the
 * statements after it: the target version (the default setting's when no directive set one),
 * the backup version stated by a directive, and mixed-version. Restated after the plan, they
 * keep those statements' verdicts.
 */
export function restatement(analysis: Analysis, offset: number, defaultTarget: string | undefined, mixed: boolean): string | undefined {
  let target: string | undefined;
  let backup: string | undefined;
  let targetAt = -1;
  let backupAt = -1;
  for (const d of analysis.directives) {
    for (const e of d.entries) {
      if (e.keyStart >= offset || e.value === undefined || !parseVersion(e.value)) continue;
      if (e.key === 'target-version' && e.keyStart > targetAt) [target, targetAt] = [e.value, e.keyStart];
      if (e.key === 'backup-version' && e.keyStart > backupAt) [backup, backupAt] = [e.value, e.keyStart];
    }
  }
  target ??= defaultTarget;
  const parts = [target && `target-version=${target}`, backup && `backup-version=${backup}`, mixed && 'mixed-version'].filter(Boolean);
  return parts.length > 0 ? `crdb: ${parts.join(' ')}` : undefined;
}

/** The plan with what it changes restated after it, on lines of its own, blank-line separated in markdown. */
function frameSection(
  plan: string,
  restated: string | undefined,
  form: PlanForm,
  around: { needsBreak: boolean; blankAbove: boolean; blankBelow: boolean; eol: string },
): string {
  const { eol } = around;
  let out = around.needsBreak ? eol : '';
  if (form === 'markdown' && !around.blankAbove) out += eol;
  out += plan;
  if (restated) {
    out += form === 'markdown' ? `${eol}<!-- ${restated} -->${eol}` : `-- Back to the plan before this section:${eol}-- ${restated}${eol}`;
  }
  if (form === 'markdown' && !around.blankBelow) out += eol;
  return out;
}

/** Whether a `mixed-version` directive is in force at `offset`. */
function mixedVersionAt(analysis: Analysis, offset: number): boolean {
  let on = false;
  let at = -1;
  for (const d of analysis.directives) {
    for (const e of d.entries) {
      if (e.key !== 'mixed-version' || e.keyStart >= offset || e.keyStart < at) continue;
      const v = parseBoolean(e.value);
      if (v === undefined) continue;
      on = v;
      at = e.keyStart;
    }
  }
  return on;
}
