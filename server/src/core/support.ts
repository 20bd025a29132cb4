// Support windows of a release (docs/behaviour.md#rules, version-end-of-support).
import type { MajorRelease } from './catalog/catalogTypes';
import { comparePatch, type Version } from './versions';

export interface SupportEnd {
  date: string;
  kind: 'maintenance support' | 'assistance support' | 'LTS assistance support';
}

/**
 * When support for `v` ends: innovation releases at maintenance end; regular releases at
 * assistance end, or at LTS assistance end for a patch at or past the initial LTS patch.
 * Undefined when the catalog has no date (never ends, as far as we know).
 */
export function supportEnd(rel: MajorRelease, v: Version): SupportEnd | undefined {
  if (rel.type === 'innovation') {
    return rel.maintenanceEnd ? { date: rel.maintenanceEnd, kind: 'maintenance support' } : undefined;
  }
  if (v.patch !== undefined && rel.initialLtsPatch && rel.ltsAssistanceEnd) {
    if (comparePatch(`${v.major}.${v.patch}`, rel.initialLtsPatch) >= 0) {
      return { date: rel.ltsAssistanceEnd, kind: 'LTS assistance support' };
    }
  }
  return rel.assistanceEnd ? { date: rel.assistanceEnd, kind: 'assistance support' } : undefined;
}
