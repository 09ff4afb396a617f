import { upgradeOf } from '../upgrade';
import { q, type RawFinding, type Rule } from './rule';

const list = (names: string[]): string => (names.length < 3 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

export const templateVersion: Rule = {
  id: 'template-version',
  severity: 'information',
  description: 'The document follows an older version of its template: the current one adds or renames sections, or adds fields.',
  check(a) {
    const u = upgradeOf(a);
    if (!u) return [];
    const changes: string[] = [];
    const fields = u.fields.length ? `the ${list(u.fields.map((f) => q(f.name)))} field${u.fields.length === 1 ? '' : 's'}` : '';
    if (u.added.length) changes.push(`adds ${list(u.added.map((s) => q(s.name)))}${fields ? ` as well as ${fields}` : ''}`);
    else if (fields) changes.push(`adds ${fields}`);
    if (u.renamed.length) changes.push(`renames ${list(u.renamed.map((r) => `${q(r.from)} to ${q(r.to.name)}`))}`);
    const what = (): string => {
      const sections = u.added.length ? (u.renamed.length ? 'the sections and rename the headings' : u.added.length === 1 ? 'it' : 'them') : u.renamed.length === 1 ? 'the new title' : 'the new titles';
      if (!u.fields.length) return sections;
      const plural = u.fields.length === 1 ? 'field' : 'fields';
      if (!u.added.length && !u.renamed.length) return u.fields.length === 1 ? 'it' : 'them';
      if (!u.added.length) return `the ${plural} and rename the ${u.renamed.length === 1 ? 'heading' : 'headings'}`;
      return `the ${u.added.length === 1 ? 'section' : 'sections'} and ${plural}${u.renamed.length ? ' and rename the headings' : ''}`;
    };
    const where = a.title ? a.title.heading.span : a.model.sections[0]?.heading.span ?? { start: 0, end: a.model.lines.lineEnd(0) };
    const finding: RawFinding = {
      rule: 'template-version',
      message: `Written with an older ${a.template.name} template (${a.version.version}): the current template ${changes.join(' and ')}. Add ${what()} to follow the current template.`,
      range: a.model.lines.rangeOf(where),
      data: { kind: 'upgrade' },
    };
    return [finding];
  },
};
