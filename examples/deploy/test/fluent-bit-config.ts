/** One `[SECTION]` of a Fluent Bit classic-mode config, keys as written (order kept). */
export interface FluentBitSection {
  name: string;
  entries: [key: string, value: string][];
}

/**
 * Parses Fluent Bit's classic config format: `[SECTION]` headers, then indented `Key Value`
 * lines; `#` starts a comment line. Enough to assert settings; not a full implementation
 * (no @INCLUDE, no @SET).
 */
export function parseFluentBitConfig(text: string): FluentBitSection[] {
  const sections: FluentBitSection[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const header = /^\[([A-Z_]+)\]$/.exec(line);
    if (header) {
      sections.push({ name: header[1]!, entries: [] });
      return;
    }
    const current = sections.at(-1);
    const entry = /^(\S+)\s+(.+)$/.exec(line);
    if (!current || !entry || !/^\s/.test(raw)) {
      throw new Error(`line ${i + 1}: expected an indented "Key Value" inside a section: ${raw}`);
    }
    current.entries.push([entry[1]!, entry[2]!.trim()]);
  });
  return sections;
}

/** Value of a key in a section (keys are case-insensitive in Fluent Bit), or undefined. */
export function setting(section: FluentBitSection, key: string): string | undefined {
  return section.entries.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

/** All values of a key that may repeat (grep's Exclude, for instance). */
export function settings(section: FluentBitSection, key: string): string[] {
  return section.entries.filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v);
}

/** The one section of `kind` (INPUT, FILTER, OUTPUT) whose Name is `plugin`. */
export function plugin(sections: FluentBitSection[], kind: string, name: string): FluentBitSection {
  const found = sections.filter((s) => s.name === kind && setting(s, 'Name') === name);
  if (found.length !== 1) throw new Error(`expected one [${kind}] ${name}, found ${found.length}`);
  return found[0]!;
}
