// Version evidence: what a runbook's own code says about the versions it runs on (the binaries
// it downloads, the images it deploys, the cluster settings it sets, the banners of pasted
// transcripts). docs/how-versions-are-known.md lists every form and what each one says.
import type { Version } from '../versions';

/**
 * - `version-setting`: `SET CLUSTER SETTING version = 'X'` (the upgrade to X is finalized)
 * - `hold`: `SET CLUSTER SETTING cluster.preserve_downgrade_option = 'X'` (cluster at X, finalization held)
 * - `hold-reset`: `RESET CLUSTER SETTING cluster.preserve_downgrade_option` (or `= DEFAULT`)
 * - `binaries`: nodes run X (`cockroach-vX.Y.Z` in a URL or path, an image tag, the operator's
 *   `cockroachDBVersion`, Helm's `image.tag=`)
 * - `reported`: a transcript reports that the binaries are X (`Build Tag:`, `CockroachDB CCL vX`); read as binaries
 */
export type EvidenceKind = 'version-setting' | 'hold' | 'hold-reset' | 'binaries' | 'reported';

export interface Evidence {
  kind: EvidenceKind;
  /** The version it states (a catalogued one); undefined only for `hold-reset`. */
  version?: Version;
  /** Document span of the evidence: the statement, or the matched text (`cockroach-v24.3.1`). */
  start: number;
  end: number;
  /** Document span of the version text itself (for `hold-reset`, the statement's span). */
  versionStart: number;
  versionEnd: number;
  /** What the evidence is, for provenance: `SET CLUSTER SETTING version`, `image cockroachdb/cockroach:v24.3.1`. */
  label: string;
}
