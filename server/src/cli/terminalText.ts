// Document text (messages quote collection URIs and directive values) and file names reach
// the terminal. A control character in them could clear the screen, set the window title or
// hide a line, so every text format shows control characters as visible escapes (`\x1B`)
// instead of sending them. Tab stays a tab in nothing we print either: it becomes `\t`.

// C0 controls, DEL, C1 controls, and the line/paragraph separators and bidi controls that
// reorder what a terminal shows (the "Trojan Source" characters).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `s` with every control character written as a visible escape. */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** Whether the CLI should colour its text output (NO_COLOR and FORCE_COLOR win over the TTY check). */
export function wantsColour(env: Record<string, string | undefined>, isTty: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTty && env.TERM !== 'dumb';
}
