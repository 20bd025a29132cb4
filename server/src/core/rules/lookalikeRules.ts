// Checks on directive look-alikes (core/lookalikes.ts): text meant as a directive that is not
// read. The finding says, in one sentence, the form that would be read; its fix writes that form
// with the same keys and values, so it states nothing the user did not write.
import { lookalikeForm, type Lookalike } from '../lookalikes';
import type { LookalikeCheck, RuleChecks } from './ruleTypes';

/** Messages are one line of plain text at most this long (the form is shortened to fit). */
export const LOOKALIKE_MESSAGE_MAX = 120;

/** The message before the form, by what went wrong where. */
function lead(l: Lookalike): string {
  if (l.place === 'prose') return 'Ignored: a directive in markdown goes in an HTML comment: ';
  if (l.place === 'sql-line') {
    return l.hidesStatement
      ? `Ignored: ${l.marker} is no SQL comment and hides the statement after it; write `
      : `Ignored: ${l.marker} is no SQL comment; write `;
  }
  if (l.problem === 'no-prefix') return 'Ignored: a directive starts with crdb:, as in ';
  if (l.problem === 'no-colon') return 'Ignored: crdb needs a colon after it to start a directive: ';
  return 'Ignored: a directive comment opens with <!-- and no extra dash: ';
}

/**
 * `lead` followed by the form, within LOOKALIKE_MESSAGE_MAX: as many whole entries as fit,
 * then `…`; a first entry too long on its own is cut.
 */
export function lookalikeMessage(l: Lookalike): string {
  const head = lead(l);
  const full = head + lookalikeForm(l);
  if (full.length <= LOOKALIKE_MESSAGE_MAX) return full;
  const fits = (entries: string): string | undefined => {
    const m = `${head}${l.open}crdb: ${entries} …${l.close}`;
    return m.length <= LOOKALIKE_MESSAGE_MAX ? m : undefined;
  };
  for (let n = l.entries.length - 1; n >= 1; n--) {
    const m = fits(l.entries.slice(0, n).join(' '));
    if (m !== undefined) return m;
  }
  const room = LOOKALIKE_MESSAGE_MAX - `${head}${l.open}crdb:  …${l.close}`.length;
  return `${head}${l.open}crdb: ${l.entries[0].slice(0, Math.max(0, room))} …${l.close}`;
}

/** The fix's title: the form itself when it is short, as a light bulb shows it on one line. */
function fixTitle(l: Lookalike): string {
  const form = lookalikeForm(l);
  return form.length <= 60 ? `Rewrite as ${form}` : 'Rewrite as a crdb: directive (same keys and values)';
}

export const directiveLookalike: LookalikeCheck = {
  scope: 'lookalike',
  check({ lookalike: l }) {
    return [
      {
        message: lookalikeMessage(l),
        start: l.start,
        end: l.end,
        fixes: () => [
          {
            title: fixTitle(l),
            edits: [{ start: l.start, end: l.end, newText: lookalikeForm(l) }],
            preferred: true,
            // One answer, made of what the user wrote: fix-all and --fix apply it.
            unambiguous: true,
          },
        ],
      },
    ];
  },
};

export const LOOKALIKE_CHECKS = {
  'directive-lookalike': directiveLookalike,
} satisfies RuleChecks;
