import { allowedValue, bareValue, type MetadataEntry } from '../metadata';
import { normalizeProse } from '../normalize';
import { scanPlaceholders, shorten } from '../placeholders';
import { type RawFinding, type Rule } from './rule';

const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** Dates as people write them when a template did not ask for YYYY-MM-DD: 2018-8-22, 2017/01/13, 3/29/17, May 19, 2022, 16 Dec 2024, 16-Dec-2024. */
const OTHER_DATES = [
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/,
  /^\d{1,2}[-/.]\d{1,2}[-/.](?:\d{2}|\d{4})$/,
  new RegExp(`^${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}$`, 'i'),
  new RegExp(`^\\d{1,2}(?:st|nd|rd|th)?[-\\s]${MONTH}[-\\s,]+\\d{4}$`, 'i'),
];

/** What is wrong with a date field's value, or null: a YYYY-MM-DD date must be a real one; a date written another way is a date. */
function dateProblem(label: string, value: string): string | null {
  const iso = ISO_DATE.exec(value);
  if (iso) {
    const [month, day] = [Number(iso[2]), iso[3] === undefined ? 1 : Number(iso[3])];
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? null : `${label} '${value}' is not a real date: write it as YYYY-MM-DD (month ${iso[2]}${iso[3] === undefined ? '' : `, day ${iso[3]}`}).`;
  }
  return OTHER_DATES.some((re) => re.test(value)) ? null : `${label} '${value}' is not a date: write it as YYYY-MM-DD.`;
}
/** A date form (`dd-mmm-yyyy`) as a pattern: `dd` one or two digits, `mmm` a month's three letters. */
function dateFormRe(form: string): RegExp {
  const parts = form.split(/([-/.])/);
  return new RegExp(`^${parts.map((p) => (/^y+$/.test(p) ? `\\d{${p.length}}` : p === 'mmm' ? MONTH_ABBR : /^[dm]{2}$/.test(p) ? '\\d{1,2}' : `\\${p}`)).join('')}$`, 'i');
}
const MONTH_ABBR = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';

/** An address, a markdown or autolink, or a pull request or issue reference (`#123`, `owner/repo#123`). */
const LINK = /[a-z][a-z0-9+.-]*:\/\/\S|\]\(\S|\]\[|<[a-z]+:|(?:^|[\s(])[\w.-]*(?:\/[\w.-]+)?#\d+\b|\bwww\.\S/i;

function check(entry: MetadataEntry): string | null {
  const { field } = entry;
  const value = bareValue(entry.value);
  const label = field.name;
  if (!value && field.emptyAllowed) return null;
  if (!value) return `${label} has no value: fill it in${field.values.length ? ` (one of ${field.values.join(', ')})` : ''}.`;
  const shown = normalizeProse(entry.value);
  const isTemplateText = [field.placeholder, ...(field.placeholders ?? [])].some((p) => p !== undefined && normalizeProse(p) === shown);
  if (field.values.length) {
    // A value the template shows and allows ("Draft") is fine; its list of choices left in is not.
    const allowed = allowedValue(value, field.values);
    if (allowed !== undefined && allowed.toLowerCase() === value.toLowerCase()) return null;
    if (isTemplateText) return `${label} still shows the template's text: pick one of ${field.values.join(', ')}.`;
    if (allowed !== undefined) return null;
    return `${label} '${value}' is not an allowed value: expected one of ${field.values.join(', ')}.`;
  }
  if (isTemplateText) return `${label} is still the template's placeholder '${shorten(entry.value)}': replace it with the real value.`;
  const hits = scanPlaceholders([{ kind: 'text', value: entry.value, span: entry.valueSpan }]);
  if (hits.length) return `${label} still holds the placeholder '${hits[0].text}': replace it with the real value.`;
  if (field.kind === 'date' && field.dateForm) {
    if (!dateFormRe(field.dateForm).test(value)) return `${label} '${value}' is not written as the template asks: write it as ${field.dateForm}${field.placeholder ? ` (like ${field.placeholder})` : ''}.`;
  } else if (field.kind === 'date') {
    const problem = dateProblem(label, value);
    if (problem) return problem;
  }
  if (field.kind === 'link' && !LINK.test(entry.value)) return `${label} '${shorten(value)}' is not a link: give the address (https://...) or a [text](address) link.`;
  return null;
}

export const metadata: Rule = {
  id: 'metadata',
  severity: 'warning',
  description: 'A metadata field (status, author, dates) is missing, not an allowed value, or still a placeholder.',
  check(a) {
    const out: RawFinding[] = [];
    const lines = a.model.lines;
    const fm = a.model.frontMatter;
    if (fm?.error) out.push({ rule: 'metadata', message: fm.error.message, range: lines.rangeOf(fm.error.span), field: 'front matter' });
    for (const entry of a.metadata) {
      const message = check(entry);
      if (!message) continue;
      const span = entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.keySpan;
      out.push({
        rule: 'metadata',
        message,
        range: lines.rangeOf(span),
        field: entry.field.name,
        ...(entry.field.values.length ? { data: { kind: 'status' as const, values: entry.field.values } } : {}),
      });
    }
    // Required fields are those of the version the document follows: a field the template added
    // later is not asked of an older document (see `versionFields`).
    for (const field of a.fields) {
      if (!a.fieldRequired(field) || a.metadata.some((e) => e.field === field)) continue;
      const where = a.title ? a.title.heading.span : { start: 0, end: lines.lineEnd(0) };
      const choices = field.values.length ? ` (one of ${field.values.join(', ')})` : '';
      const because = field.required ? '' : ` (the template asks it of ${field.requiredWhen} proposals)`;
      out.push({
        rule: 'metadata',
        message:
          field.source === 'front-matter'
            ? fm?.form === 'pre'
              ? `The metadata block at the top (<pre>) has no ${field.name} line: add "${field.name}: <value>"${choices}${because}.`
              : `The front matter has no ${field.name} key: add "${field.name}: <value>"${choices}${because}.`
            : field.source === 'header'
              ? `The ${field.name} line is missing: add "${field.shape ?? `${field.name}: <value>`}"${choices} to the lines above the title${because}.`
              : `The ${field.name} line is missing: add "${field.shape ?? `**${field.name}**: <value>`}"${choices} under the title${because}.`,
        range: lines.rangeOf(where),
        field: field.name,
      });
    }
    return out;
  },
};
