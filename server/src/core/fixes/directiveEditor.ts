// Quick-fix edits inside one directive: fix a key or value, or silence a rule on it.
import type { Fix } from '../analysisTypes';
import type { Directive, DirectiveEntry } from '../directives';

/**
 * Per directive, its `ignore=` entry with a value (null: none); looked up once, not once per
 * entry and rule. Not a speed memo but a bound on growth: without it one directive of 32k keys
 * took 6 s (test/fuzz/regressions.test.ts).
 */
const ignoreEntries = new WeakMap<Directive, DirectiveEntry | null>();

function ignoreEntryOf(d: Directive): DirectiveEntry | undefined {
  let e = ignoreEntries.get(d);
  if (e === undefined) {
    e = d.entries.find((x) => x.key === 'ignore' && x.value) ?? null;
    ignoreEntries.set(d, e);
  }
  return e ?? undefined;
}

export class DirectiveEditor {
  constructor(
    private readonly text: string,
    private readonly eol: string,
    private readonly directive: Directive,
    private readonly entry: DirectiveEntry,
  ) {}

  replaceKey(key: string): Fix {
    const e = this.entry;
    return {
      title: `Change "${e.key}" to "${key}"`,
      edits: [{ start: e.keyStart, end: e.keyEnd, newText: key }],
      preferred: true,
      unambiguous: true,
    };
  }

  replaceValue(value: string, unambiguous = false): Fix {
    const e = this.entry;
    return {
      title: `Change the value to ${value}`,
      edits: [{ start: e.valueStart, end: e.valueEnd, newText: value }],
      preferred: true,
      unambiguous,
    };
  }

  replaceRange(start: number, end: number, newText: string, title: string): Fix {
    return { title, edits: [{ start, end, newText }], preferred: true, unambiguous: true };
  }

  ignore(ruleId: string): Fix {
    const d = this.directive;
    const existing = ignoreEntryOf(d);
    const title = `Ignore ${ruleId} for this directive`;
    if (existing) return { title, edits: [{ start: existing.valueEnd, end: existing.valueEnd, newText: `,${ruleId}` }] };
    if (d.origin === 'front-matter') {
      // A new `ignore:` line under the entry, with the entry's indentation.
      const lineStart = this.text.lastIndexOf('\n', this.entry.keyStart - 1) + 1;
      const indent = /^[ \t]*/.exec(this.text.slice(lineStart, this.entry.keyStart))?.[0] ?? '  ';
      let lineEnd = this.text.indexOf('\n', this.entry.valueEnd);
      if (lineEnd < 0) lineEnd = this.text.length;
      if (this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      return { title, edits: [{ start: lineEnd, end: lineEnd, newText: `${this.eol}${indent}ignore: ${ruleId}` }] };
    }
    return { title, edits: [{ start: d.appendAt, end: d.appendAt, newText: ` ignore=${ruleId}` }] };
  }
}
