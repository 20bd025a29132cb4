// Human wording for where an inferred version came from; messages and hovers both use it.
import type { VersionFact } from './analysisTypes';

/**
 * `directive on line 3`, `BACKUP on line 14`, `front matter`, `the defaultTargetVersion setting`,
 * `the collections setting ('s3://acme/prod')`, `BACKUP in ops/nightly.sql on line 14`.
 * `inferred: SET CLUSTER SETTING version, line 40`.
 */
export function factOrigin(f: VersionFact): string {
  const line = f.line === undefined ? '' : ` on line ${f.line + 1}`;
  switch (f.source) {
    case 'directive':
      return `directive${line}`;
    case 'front-matter':
      return `front matter${line}`;
    case 'backup-statement':
      return `BACKUP${line}`;
    case 'evidence':
      return `inferred: ${f.evidence ?? 'evidence in code'}${f.line === undefined ? '' : `, line ${f.line + 1}`}`;
    case 'default-setting':
      return 'the defaultTargetVersion setting';
    case 'collections-setting':
      return `the collections setting${f.collection ? ` ('${f.collection}')` : ''}`;
    case 'workspace-backup':
      return `BACKUP in ${f.file ?? 'another file'}${line}`;
    case 'none':
      return 'nothing';
  }
}

/** `23.2 (BACKUP on line 14)` or `unknown (no …)`. */
export function describeFact(f: VersionFact | undefined): string {
  if (!f) return 'unknown';
  return f.version ? `${f.version.major} (${factOrigin(f)})` : `unknown (${f.reason ?? 'not stated'})`;
}

/**
 * `target 24.3 (inferred: SET CLUSTER SETTING version, line 40)` when a statement's target came
 * from evidence in code; undefined otherwise (code lenses add it to their title).
 */
export function inferredTarget(f: VersionFact | undefined): string | undefined {
  return f?.source === 'evidence' && f.version ? `target ${describeFact(f)}` : undefined;
}
