// SQL scans kept between analyses of one document, by region text. Typing in prose, or in one
// SQL block of a long runbook, leaves every other region's text as it was; its scan (offsets
// relative to the region) is still exact, so the keystroke path scans only what changed.
import { scanSql } from './sql';
import type { SqlScan } from './types';

export class ScanCache {
  /** Scans of the last finished analysis. */
  private kept = new Map<string, SqlScan>();
  /** Scans used by the analysis running now. */
  private used = new Map<string, SqlScan>();

  /** The scan of `text`: kept from the last analysis when the region is unchanged, else made now. */
  scan(text: string): SqlScan {
    let scan = this.used.get(text) ?? this.kept.get(text);
    if (scan === undefined) scan = scanSql(text);
    this.used.set(text, scan);
    return scan;
  }

  /** An analysis finished: keep only the scans of the regions it had (a removed region's scan goes). */
  settle(): void {
    this.kept = this.used;
    this.used = new Map();
  }

  /** The kept scan of `text`, if any (without using it). */
  get(text: string): SqlScan | undefined {
    return this.kept.get(text);
  }

  /** Regions whose scans are kept. */
  get size(): number {
    return this.kept.size;
  }
}
