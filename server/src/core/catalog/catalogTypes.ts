// Shape of one major version in the release catalog (bundled or user-supplied).

export type ReleaseType = 'regular' | 'innovation';

export interface MajorRelease {
  /** Major version `YY.N` (or `2.1` for old releases), no `v`. */
  version: string;
  type: ReleaseType;
  /** ISO dates `YYYY-MM-DD`; absent when the catalog has none (e.g. unreleased). */
  gaDate?: string;
  maintenanceEnd?: string;
  assistanceEnd?: string;
  lastGaPatch?: string;
  /** First patch of the LTS (long-term support) phase, e.g. `24.1.6`. */
  initialLtsPatch?: string;
  ltsReleaseDate?: string;
  ltsMaintenanceEnd?: string;
  ltsAssistanceEnd?: string;
  newestPatch?: string;
  newestPatchDate?: string;
  /** Production patch releases, ascending. */
  patches?: string[];
  withdrawn?: string[];
  /** Number of alpha/beta/rc releases. */
  preReleases?: number;
  /** True for entries that came from `extraReleases` configuration. */
  userSupplied?: boolean;
}
