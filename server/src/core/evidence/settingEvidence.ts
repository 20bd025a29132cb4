// Evidence from SQL: the version-related cluster settings the SQL scanner reports.
import type { Catalog } from '../catalog/catalog';
import type { ClusterSettingStatement } from '../types';
import { parseVersion } from '../versions';
import type { Evidence } from './evidenceTypes';

const HOLD = 'cluster.preserve_downgrade_option';

/**
 * Appends the evidence of `settings` (offsets of the scanned text, mapped to the document by
 * `doc`) to `out`. A value that is not a catalogued version (a placeholder such as
 * `'{{previous_version}}'`, a function call, a typo) is no evidence; a RESET always is.
 */
export function settingEvidence(settings: readonly ClusterSettingStatement[], doc: (offset: number) => number, catalog: Catalog, out: Evidence[]): void {
  for (let i = 0; i < settings.length; i++) {
    const s = settings[i];
    const start = doc(s.keyword.start);
    const end = doc(s.end);
    if (s.reset) {
      // `SET … version = DEFAULT` does not exist in CockroachDB; only the hold is reset.
      if (s.setting !== 'preserve_downgrade_option') continue;
      out.push({ kind: 'hold-reset', start, end, versionStart: start, versionEnd: end, label: `RESET CLUSTER SETTING ${HOLD}` });
      continue;
    }
    const value = s.value === undefined ? undefined : s.value.trim();
    const version = value === undefined ? undefined : parseVersion(value);
    if (value === undefined || version === undefined || !catalog.has(version.major) || s.valueSpan === undefined) continue;
    const quoted = s.value === value && s.valueSpan.end - s.valueSpan.start === value.length + 2;
    out.push({
      kind: s.setting === 'version' ? 'version-setting' : 'hold',
      version,
      start,
      end,
      // Inside the quotes of a plain '…' literal; the whole token otherwise.
      versionStart: doc(s.valueSpan.start) + (quoted ? 1 : 0),
      versionEnd: doc(s.valueSpan.end) - (quoted ? 1 : 0),
      label: s.setting === 'version' ? 'SET CLUSTER SETTING version' : `SET CLUSTER SETTING ${HOLD}`,
    });
  }
}
