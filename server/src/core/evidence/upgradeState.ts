// What evidence does to the scope (docs/how-versions-are-known.md, "The state these facts
// move"): the analyzer keeps the target and mid-upgrade flag as it walks the document; evidence
// also moves two things only evidence knows, the binaries the nodes run and whether
// finalization is held. Pure: the analyzer applies the returned changes.
import type { VersionFact } from '../analysisTypes';
import { compareMajors, type Version } from '../versions';
import type { Evidence } from './evidenceTypes';

export class UpgradeState {
  /** The binaries the nodes run, as last evidenced (with the fact that said so). */
  binaries: VersionFact | undefined = undefined;
  /** `cluster.preserve_downgrade_option` is set: an upgrade does not finalize by itself. */
  hold = false;
}

/** What one piece of evidence changes: a new target and/or a new mid-upgrade flag. */
export interface EvidenceEffect {
  target?: VersionFact;
  mixed?: boolean;
}

/** The fact a piece of evidence on `line` (0-based) makes for `version`. */
export function evidenceFact(e: Evidence, version: Version, line: number): VersionFact {
  return { version, source: 'evidence', line, offset: e.start, evidence: e.label };
}

function newer(a: Version | undefined, b: Version | undefined): boolean {
  return a !== undefined && b !== undefined && compareMajors(a.major, b.major) > 0;
}

/**
 * Applies `e` (on 0-based `line`) to `state`, given the target in force, and returns what
 * changes in the analyzer's scope. A `target-version` directive sets only the target and
 * `mixed-version` only the flag; evidence moves both, as the table in the docs says.
 */
export function applyEvidence(state: UpgradeState, target: VersionFact, e: Evidence, line: number): EvidenceEffect {
  switch (e.kind) {
    case 'version-setting':
      // The upgrade to X is finalized.
      state.hold = false;
      return { target: evidenceFact(e, e.version!, line), mixed: false };
    case 'hold': {
      // The cluster is at X and stays there until the hold is reset.
      state.hold = true;
      return { target: evidenceFact(e, e.version!, line), mixed: newer(state.binaries?.version, e.version) };
    }
    case 'hold-reset': {
      state.hold = false;
      // Binaries newer than the cluster version: the upgrade finalizes now.
      if (state.binaries !== undefined && newer(state.binaries.version, target.version)) {
        return { target: { ...evidenceFact(e, state.binaries.version!, line), evidence: `${e.label} with ${state.binaries.evidence ?? 'newer binaries'} on line ${state.binaries.line! + 1}` }, mixed: false };
      }
      return { mixed: false };
    }
    case 'binaries':
    case 'reported': {
      const fact = evidenceFact(e, e.version!, line);
      state.binaries = fact;
      // Held: nodes on newer binaries run the old cluster version until finalization.
      if (state.hold) return { mixed: newer(e.version, target.version) };
      return { target: fact, mixed: false };
    }
  }
}
