// The scope walk: directives, version evidence and statements in document order, what is in
// force at each statement (target, backup-version, mixed-version, pending ignores), and the
// facts each statement is given from them and from the BACKUPs before it
// (docs/rules/missing-version.md, docs/how-versions-are-known.md). Directives and evidence are
// one stream: each sets what it says, and the latest wins.
import type { AnalyzedDirective, AnalyzeOptions, RuleId, VersionFact } from '../analysisTypes';
import { isDirectiveKey, parseBoolean, type DirectiveEntry } from '../directives';
import type { Evidence } from '../evidence/evidenceTypes';
import { applyEvidence, UpgradeState } from '../evidence/upgradeState';
import type { LineIndex } from '../lineIndex';
import { verdict } from '../policy';
import { ALL_RULE_IDS } from '../rules';
import { parseVersion } from '../versions';
import { BackupFacts } from './backupFacts';
import type { CollectedDocument } from './collectStatements';

/** The target-version entry in force, with its directive (a fix may edit it in place). */
export type TargetEntry = { directive: AnalyzedDirective; entry: DirectiveEntry };

/** No ignores pending: shared, never mutated (most statements have none). */
export const NO_IGNORES: ReadonlySet<RuleId> = new Set();

/** The directives in force at one point of the walk. */
export class Scope {
  target: VersionFact;
  targetEntry?: TargetEntry;
  backupDirective?: VersionFact;
  /** Mid-upgrade, the 0-based line that said so, and, when evidence said so, what it was. */
  mixed: { on: boolean; line: number | undefined; by?: string; to?: string } = { on: false, line: undefined };
  /** Rules an `ignore=` silences for the next statement. */
  pendingIgnore: ReadonlySet<RuleId> = NO_IGNORES;
  /** Whether evidence counts (the inferVersions setting, then `infer=` directives). */
  infer: boolean;
  /** What only evidence moves: the binaries the nodes run, and the finalization hold. */
  readonly upgrade = new UpgradeState();

  constructor(opts: AnalyzeOptions) {
    this.infer = opts.inferVersions !== false;
    this.target = opts.defaultTargetVersion
      ? { version: opts.defaultTargetVersion, source: 'default-setting' }
      : { source: 'none', reason: 'no target-version directive before it and no defaultTargetVersion setting' };
  }

  /** 1-based line of the `mixed-version` directive in force, when it is on. */
  get mixedVersionLine(): number | undefined {
    return this.mixed.on && this.mixed.line !== undefined ? this.mixed.line + 1 : undefined;
  }

  /** The pending ignores, which a statement consumes. */
  takeIgnores(): ReadonlySet<RuleId> {
    const ignores = this.pendingIgnore;
    this.pendingIgnore = NO_IGNORES;
    return ignores;
  }

  /** Puts one directive entry in force; `line` is its value's (0-based) line. */
  apply(d: AnalyzedDirective, e: DirectiveEntry, line: number): void {
    if (!isDirectiveKey(e.key)) return; // a misspelt key is never applied (docs/rules/unknown-directive-key.md)
    const source = d.origin === 'front-matter' ? 'front-matter' : 'directive';
    switch (e.key) {
      case 'target-version':
      case 'backup-version': {
        const version = e.value === undefined ? undefined : parseVersion(e.value);
        const fact: VersionFact = version
          ? { version, source, line, offset: e.valueStart }
          : { source, line, offset: e.valueStart, reason: `the ${e.key} value on line ${line + 1} is invalid` };
        if (e.key === 'target-version') {
          this.target = fact;
          this.targetEntry = { directive: d, entry: e };
        } else {
          this.backupDirective = fact;
        }
        break;
      }
      case 'mixed-version':
        this.mixed = { on: parseBoolean(e.value) ?? false, line };
        break;
      case 'infer':
        // An invalid value is reported and changes nothing.
        this.infer = parseBoolean(e.value) ?? this.infer;
        break;
      case 'ignore':
        for (const id of (e.value ?? '').split(',')) {
          if (!(ALL_RULE_IDS as readonly string[]).includes(id)) continue;
          if (this.pendingIgnore === NO_IGNORES) this.pendingIgnore = new Set<RuleId>();
          (this.pendingIgnore as Set<RuleId>).add(id as RuleId);
        }
        break;
    }
  }

  /** Puts one piece of evidence in force (when inference is on); `line` is its 0-based line. */
  applyEvidence(e: Evidence, line: number): void {
    if (!this.infer) return;
    const effect = applyEvidence(this.upgrade, this.target, e, line);
    if (effect.target !== undefined) {
      this.target = effect.target;
      this.targetEntry = undefined;
    }
    if (effect.mixed !== undefined) {
      const bin = this.upgrade.binaries;
      this.mixed =
        effect.mixed && bin?.version !== undefined
          ? {
              on: true,
              line,
              by: `inferred: nodes run ${bin.version.major} (${bin.evidence}, line ${(bin.line ?? 0) + 1}) while finalization is held at ${this.target.version?.major ?? 'an older version'}`,
              to: bin.version.major,
            }
          : { on: false, line };
    }
  }
}

/** What the walk reports to (the rule runner). */
export interface ScopeVisitor {
  /** One entry of a directive, before it is put in force; `ownIgnores` are the directive's own `ignore=` ids. */
  entry(d: AnalyzedDirective, entry: DirectiveEntry, ownIgnores: ReadonlySet<string>): void;
  /** One statement, its facts set; `ignores` are the rules silenced for it. */
  statement(index: number, ignores: ReadonlySet<RuleId>, scope: Scope): void;
}

/**
 * Applies directives and gives statements their facts in document order; at the same place a
 * directive comes first. Both lists are already in order in practice, so this is a merge, not a sort.
 */
export function walkScope(doc: CollectedDocument, lines: LineIndex, opts: AnalyzeOptions, visitor: ScopeVisitor): void {
  const scope = new Scope(opts);
  const backups = new BackupFacts(opts);
  const { directives, directiveOrders, statements, evidence } = doc;
  const dirs = inOrder(directiveOrders);
  const stmts = inOrder(statements.map((s) => s.keyword.start));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < dirs.length || j < stmts.length || k < evidence.length) {
    // At one place: a directive, then evidence, then a statement.
    const nextStatement = j < stmts.length ? statements[stmts[j]].keyword.start : Infinity;
    const nextDirective = i < dirs.length ? directiveOrders[dirs[i]] : Infinity;
    if (k < evidence.length && evidence[k].start < nextDirective && evidence[k].start <= nextStatement) {
      const e = evidence[k++];
      scope.applyEvidence(e, lines.lineOf(e.start));
    } else if (i < dirs.length && nextDirective <= nextStatement) {
      const d = directives[dirs[i++]];
      const own = directiveIgnores(d);
      for (const entry of d.entries) {
        visitor.entry(d, entry, own);
        scope.apply(d, entry, lines.lineOf(entry.valueStart));
      }
    } else {
      const index = stmts[j++];
      const st = statements[index];
      // SHOW BACKUP is kept for navigation only: no facts, no rules, and `ignore=` passes it by.
      if (st.kind === 'other' || st.kind === 'show') continue;
      const ignores = scope.takeIgnores();
      st.target = scope.target;
      if (st.kind === 'backup') backups.record(st, scope.target, lines.lineOf(st.keyword.start));
      if (st.kind === 'restore') {
        st.backup = backups.lookup(st, scope.backupDirective);
        st.mixedVersion = scope.mixed.on;
        if (scope.mixed.on && scope.mixed.by !== undefined) {
          st.mixedBy = scope.mixed.by;
          st.upgradingTo = scope.mixed.to;
        }
        const b = st.backup.version;
        const t = st.target.version;
        if (b && t) st.verdict = verdict(opts.catalog, b.major, t.major);
      }
      visitor.statement(index, ignores, scope);
    }
  }
}

/** The rule ids a directive's own `ignore=` entries name (they silence its own findings). */
function directiveIgnores(d: AnalyzedDirective): ReadonlySet<string> {
  let own: ReadonlySet<string> = NO_IGNORES;
  for (const e of d.entries) {
    if (e.key !== 'ignore' || !e.value) continue;
    if (own === NO_IGNORES) own = new Set<string>();
    for (const id of e.value.split(',')) (own as Set<string>).add(id);
  }
  return own;
}

/** Positions 0..n-1 in ascending order of `keys`, equal keys in their original order (the identity when already sorted). */
function inOrder(keys: readonly number[]): ArrayLike<number> {
  const order = new Int32Array(keys.length);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    order[i] = i;
    if (i > 0 && keys[i] < keys[i - 1]) sorted = false;
  }
  if (sorted) return order;
  return Array.from(order).sort((a, b) => keys[a] - keys[b] || a - b);
}
