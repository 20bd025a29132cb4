// What a text must contain to matter, checked before analysing it: the workspace index and the
// CLI read whole documentation trees, most of whose pages never mention a backup.
// Every statement the analysis keeps is a BACKUP, a RESTORE, a CREATE SCHEDULE … FOR BACKUP or
// a SHOW BACKUP (so its text holds one of those words), and every directive holds `crdb`: a text holding
// none of them has no statement, no directive, and so no finding and no collection fact.

const NAMES_COLLECTION = /backup|restore/i;
const MAY_HAVE_FINDINGS = /backup|restore|crdb/i;

/** False when the text cannot hold a statement naming a collection. */
export function mayNameCollection(text: string): boolean {
  return NAMES_COLLECTION.test(text);
}

/** False when the analysis of the text is certain to find nothing. */
export function mayHaveFindings(text: string): boolean {
  return MAY_HAVE_FINDINGS.test(text);
}
