/**
 * Puts sections into docs/benchmarks.md in place of the ones with the same `## ` heading, keeping
 * every other section as it is; a section the document does not have yet goes at its end.
 */
export function replaceSections(doc: string, sections: ReadonlyMap<string, readonly string[]>): string {
  const lines = doc.replace(/\n+$/, '').split('\n');
  for (const [title, section] of sections) {
    const start = lines.indexOf(`## ${title}`);
    if (start < 0) {
      lines.push('', ...section);
      continue;
    }
    const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
    const end = next < 0 ? lines.length : next;
    lines.splice(start, end - start, ...section);
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
