// Quick-fix edits around one statement, in the form the place needs (docs/behaviour.md#quick-fixes, docs/behaviour.md#where-fixes-write-directives):
// a `-- crdb:` line above the statement (keeping list indentation and `> ` prefixes), or an
// inline `/* crdb: … */` in SQL that sits inside a shell string.
import type { Fix, TextEditOffsets } from '../analysisTypes';
import type { Directive, DirectiveEntry } from '../directives';
import { stepCollection } from '../plan';

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
  /** Where a directive after the statement goes, what precedes it, and its form (`-- crdb:` or, after a shell command, `# crdb:`). */
  afterAt: number;
  afterPrefix: string;
  afterStyle: 'sql' | 'shell';
  /** RESTORE: what it restores as written (`DATABASE bank`; empty for a full cluster). Undefined inline or when unknown. */
  restoreTargetText?: string;
  /** Line-based places: the document text from `insertAt` to the statement's collection literal, and the literal. */
  head?: string;
  collectionLiteral?: string;
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

  /** A directive on the line after the statement (after a shell command: `# crdb:`). */
  private after(directive: string): TextEditOffsets {
    const p = this.place;
    const line = p.afterStyle === 'shell' ? `# crdb: ${directive}` : `-- crdb: ${directive}`;
    return { start: p.afterAt, end: p.afterAt, newText: p.afterPrefix + line + p.eol };
  }

  /**
   * "Run this RESTORE on an X cluster": the target of this statement only. The target in force
   * (`previousTarget`, as written) is restated after it, so no other statement's verdict changes.
   */
  runOn(version: string, previousTarget: string): Fix {
    const entry = this.place.targetEntry;
    const edit =
      entry && entry.value !== undefined
        ? { start: entry.valueStart, end: entry.valueEnd, newText: version }
        : this.insert([], `target-version=${version}`);
    return { title: `Run this RESTORE on a ${version} cluster`, edits: [edit, this.after(`target-version=${previousTarget}`)] };
  }

  /**
   * "Restore through X": the real hops above the statement, for each X of the upgrade path: a
   * RESTORE of the same target on an X cluster, then a BACKUP of it into a new collection (a
   * placeholder to edit); the statement then reads from the last new collection, on its own
   * target (`target`, as written). Two edits: the hops above, the collection replaced (an
   * editor can join them, with the text between, into one snippet). Undefined where the
   * statement cannot be rewritten so (inside a shell string, several or no collections, a named
   * backup, the old syntax).
   */
  restoreThrough(path: readonly string[], target: string, st: { oldSyntax: boolean; collections: unknown[]; locator?: { kind: string } }): Fix | undefined {
    const p = this.place;
    if (p.inline || p.head === undefined || p.collectionLiteral === undefined || p.restoreTargetText === undefined) return undefined;
    if (st.oldSyntax || st.collections.length !== 1 || st.locator?.kind !== 'latest') return undefined;
    // Behind a terminal prompt, unprompted lines are output: the hops would not be statements.
    if (!/^restore\b/i.test(p.head)) return undefined;
    const hops = path.slice(1, -1);
    if (hops.length === 0) return undefined;
    // SYSTEM USERS come from a full-cluster backup: the hops carry the whole cluster.
    const what = /^SYSTEM\s+USERS$/i.test(p.restoreTargetText) ? '' : p.restoreTargetText;
    const sp = what === '' ? '' : ' ';
    const lines: string[] = [];
    let source = p.collectionLiteral;
    for (const x of hops) {
      const into = `'${stepCollection(x)}'`;
      lines.push(`-- crdb: target-version=${x}`, `RESTORE${sp}${what} FROM LATEST IN ${source};`, `BACKUP${sp}${what} INTO ${into};`);
      source = into;
    }
    lines.push(`-- crdb: target-version=${target}`);
    const hopsText = lines.map((l) => l + p.eol + p.continuation).join('');
    const literalAt = p.insertAt + p.head.length;
    const names = hops.length === 1 ? hops[0] : `${hops.slice(0, -1).join(', ')} and ${hops[hops.length - 1]}`;
    return {
      title: `Restore through ${names} (upgrade path ${path.join(' → ')})`,
      edits: [
        { start: p.insertAt, end: p.insertAt, newText: hopsText },
        { start: literalAt, end: literalAt + p.collectionLiteral.length, newText: source },
      ],
    };
  }

  /**
   * missing-version: a directive whose unknown values are placeholders (`?`, reported as an
   * invalid version until replaced; VS Code turns them into snippet placeholders), the known
   * ones filled in. It states no version the user did not give.
   */
  versionTemplate(backup: string | undefined, target: string | undefined): Fix {
    return {
      title: 'Add a version directive (fill in the ? values)',
      edits: [this.insert([], `backup-version=${backup ?? '?'} target-version=${target ?? '?'}`)],
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
