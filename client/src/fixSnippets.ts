// Quick fixes that leave placeholders (a `?` version in a directive, a `'<collection for …>'`
// collection) are applied in VS Code as a snippet: the placeholders are selected one after the
// other, and one collection named in several places is typed once. Other editors get the text
// as is, and the placeholders are reported until replaced. Pure (no vscode import).

const PLACEHOLDER = /(-version=)\?(?=[\s*-]|$)|'(<collection (?:for|of) the [^'<>]* backup>)'/g;

/** The fix text as snippet syntax, or undefined when it has no placeholder. */
export function fixSnippet(text: string): string | undefined {
  const stops = new Map<string, number>();
  let out = '';
  let last = 0;
  let found = false;
  for (const m of text.matchAll(PLACEHOLDER)) {
    found = true;
    out += escape(text.slice(last, m.index));
    if (m[1] !== undefined) {
      out += `${m[1]}\${${stops.size + 1 + countVersionStops(out)}:?}`;
    } else {
      let n = stops.get(m[2]);
      if (n === undefined) stops.set(m[2], (n = stops.size + 1 + countVersionStops(out)));
      out += `'\${${n}:${escape(m[2])}}'`;
    }
    last = m.index! + m[0].length;
  }
  if (!found) return undefined;
  return out + escape(text.slice(last));
}

/** Version tab stops already written (each `?` is its own stop). */
function countVersionStops(snippet: string): number {
  return (snippet.match(/-version=\$\{\d+:\?\}/g) ?? []).length;
}

/** Snippet syntax: `$`, `}` and `\` are literal only when escaped. */
function escape(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}
