// The two requests behind the "plan a restore across versions" command: the release list for
// its quick picks, and the runbook section to insert at the cursor. Both read the cached
// analysis of the document's current version (analysisOf), never analyse again.
import { parseBoolean } from '../core/directives';
import type { Analysis } from '../core/analysisTypes';
import { frameInsertion, planRestore, type PlanForm } from '../core/plan';
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
      const offset = lines.offset(params.position);
      const line = lines.lineOf(offset);
      let form: PlanForm = entry.options.languageId;
      let headingLevel = 2;
      const outline = outlineOf(entry, doc);
      if (outline) {
        const block = outline.codeBlocks.find((b) => line > b.line && line < b.endLine);
        if (block && block.kind !== 'sql') return { error: 'The cursor is inside a code block: put it in prose or in a SQL block.' };
        if (block) form = 'sql';
        const heading = [...outline.headings].reverse().find((h) => h.endLine < line);
        if (heading) headingLevel = Math.min(6, heading.level + 1);
      }
      const mixed = mixedVersionAt(entry.analysis, offset);
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
      const before = text.slice(lines.lineStart(line), offset);
      const after = text.slice(offset, lines.lineEnd(line));
      const previousBlank = line === 0 || lines.lineText(line - 1).trim() === '';
      return { text: frameInsertion(r.plan.text, form, before, after, previousBlank, eol), title: r.plan.title, hops: r.plan.hops };
    }),
  );
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
