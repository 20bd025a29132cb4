// Quick-fix edits around one statement, in the form the place needs (SPEC §7, §11.13):
// a `-- crdb:` line above the statement (keeping list indentation and `> ` prefixes), or an
// inline `/* crdb: … */` in SQL that sits inside a shell string.
import type { Fix, TextEditOffsets } from '../analysisTypes';
import type { Directive, DirectiveEntry } from '../directives';

export interface StatementPlace {
  /** Document offset where inserted text goes: the statement line's first non-blank character, or the keyword when inline. */
  insertAt: number;
  /** What follows an inserted line break so the original line keeps its container prefix and indentation. */
  continuation: string;
  inline: boolean;
  eol: string;
  /** A directive attached to the statement (just above it, trailing on its line, or inside it). */
  attached?: Directive;
  /** The target-version entry in force, when it sits in `attached`. */
  targetEntry?: DirectiveEntry;
}

/** Works out where a statement's fixes go (the analyzer, which knows the document). */
export interface StatementLocator<E> {
  placeOf(statement: number, targetEntryInForce: E): StatementPlace;
}

export class StatementEditor<E = unknown> {
  private placed?: StatementPlace;

  /**
   * Where edits go is worked out only when a fix is actually built: most statements never
   * get one. (No closure here: an editor is made for every statement of every keystroke.)
   */
  constructor(
    private readonly locator: StatementLocator<E>,
    private readonly statement: number,
    private readonly targetEntryInForce: E,
  ) {}

  private get place(): StatementPlace {
    return (this.placed ??= this.locator.placeOf(this.statement, this.targetEntryInForce));
  }

  /** Comment lines (text without comment markers) plus a directive, inserted above the statement. */
  private insert(comments: string[], directive: string | undefined, sqlLines: string[] = []): TextEditOffsets {
    const p = this.place;
    if (p.inline) {
      const parts = [
        ...comments.map((c) => `/* ${c} */`),
        ...sqlLines,
        ...(directive ? [`/* crdb: ${directive} */`] : []),
      ];
      return { start: p.insertAt, end: p.insertAt, newText: parts.join(' ') + ' ' };
    }
    const lines = [...comments.map((c) => `-- ${c}`), ...sqlLines, ...(directive ? [`-- crdb: ${directive}`] : [])];
    const newText = lines.map((l) => l + p.eol + p.continuation).join('');
    return { start: p.insertAt, end: p.insertAt, newText };
  }

  /** A directive (`key=value …`) inserted above the statement, as one edit. */
  directiveAbove(entries: string): TextEditOffsets {
    return this.insert([], entries);
  }

  setTarget(version: string, preferred = false): Fix {
    const entry = this.place.targetEntry;
    const edit =
      entry && entry.value !== undefined
        ? { start: entry.valueStart, end: entry.valueEnd, newText: version }
        : this.insert([], `target-version=${version}`);
    return { title: `Set the target version to ${version}`, edits: [edit], preferred };
  }

  upgradePath(path: readonly string[]): Fix {
    const last = path[path.length - 2];
    const target = path[path.length - 1];
    const hops = path.slice(1, -1).map((v, i) => `step ${i + 1}: on a ${v} cluster, RESTORE the ${path[i]} backup, then BACKUP it again`);
    const comments = [
      `Upgrade path ${path.join(' → ')} (a restore may skip innovation releases, never a regular one):`,
      ...hops,
      `step ${hops.length + 1}: on the ${target} cluster, run this RESTORE on the ${last} backup`,
    ];
    return {
      title: `Insert the upgrade path ${path.join(' → ')}`,
      edits: [this.insert(comments, `backup-version=${last}`)],
    };
  }

  versionTemplate(backup: string | undefined, target: string | undefined, fallback: string): Fix {
    const b = backup ?? target ?? fallback;
    const t = target ?? backup ?? fallback;
    return {
      title: `Add a version directive (backup-version=${b} target-version=${t}; edit the values)`,
      edits: [this.insert([], `backup-version=${b} target-version=${t}`)],
    };
  }

  finalizeUpgrade(target: string | undefined): Fix {
    const set = target ? [`SET CLUSTER SETTING version = '${target}';`] : [];
    const comments = target
      ? ['Finalize the upgrade before a full-cluster restore:']
      : ["Finalize the upgrade before a full-cluster restore: SET CLUSTER SETTING version = '<new version>';"];
    return { title: 'Finalize the upgrade before this full-cluster RESTORE', edits: [this.insert(comments, 'mixed-version=false', set)] };
  }

  ignore(ruleId: string): Fix {
    const d = this.place.attached;
    const existing = d?.entries.find((e) => e.key === 'ignore' && e.value);
    let edit: TextEditOffsets;
    if (existing) edit = { start: existing.valueEnd, end: existing.valueEnd, newText: `,${ruleId}` };
    else if (d && d.origin !== 'front-matter') edit = { start: d.appendAt, end: d.appendAt, newText: ` ignore=${ruleId}` };
    else edit = this.insert([], `ignore=${ruleId}`);
    return { title: `Ignore ${ruleId} for this statement`, edits: [edit] };
  }
}
