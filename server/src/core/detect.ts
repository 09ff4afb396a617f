/**
 * Which template a document follows, with a confidence between 0 and 1. The evidence, strongest
 * first: `template: <id>` in front matter, the file path conventions, the title, and how many of the
 * template's headings the document has. Documents below the threshold are not proposals: they get
 * no findings at all.
 */
import picomatch from 'picomatch';
import type { ProposalModel } from './parse';
import type { TemplateSchema, TemplateVersion } from './template';
import { isLoneTitle } from './template';
import { normalizeTitle } from './normalize';

export interface Detection {
  template: TemplateSchema;
  /** The version the document follows best: the template itself, or one of its older versions. */
  version: TemplateVersion;
  confidence: number;
  reason: 'front-matter' | 'forced' | 'path' | 'title' | 'headings';
}

/** Documents whose best evidence is weaker than this are not treated as proposals. */
export const MIN_CONFIDENCE = 0.4;

export function detectTemplate(
  model: ProposalModel,
  path: string | undefined,
  templates: readonly TemplateSchema[],
  forcedId?: string,
): Detection | null {
  if (!templates.length) return null;
  const keys = headingKeys(model);
  const byId = (id: string): TemplateSchema | undefined => templates.find((t) => t.id === id);

  if (forcedId) {
    const t = byId(forcedId);
    return t ? { template: t, version: bestVersion(t, keys), confidence: 1, reason: 'forced' } : null;
  }
  const declared = model.frontMatter?.data?.template;
  if (typeof declared === 'string' && byId(declared.trim())) {
    const t = byId(declared.trim()) as TemplateSchema;
    return { template: t, version: bestVersion(t, keys), confidence: 1, reason: 'front-matter' };
  }

  let best: Detection | null = null;
  const consider = (d: Detection): void => {
    if (!best || d.confidence > best.confidence) best = d;
  };
  const normalPath = path ? path.replace(/\\/g, '/') : undefined;
  const title = titleText(model);
  for (const t of templates) {
    const similarity = Math.max(similarityTo(t, keys), ...t.versions.map((v) => similarityTo(v, keys)));
    if (normalPath && t.detect.paths.length && picomatch(t.detect.paths, { dot: true, nocase: true })(normalPath)) {
      consider({ template: t, version: bestVersion(t, keys), confidence: Math.max(0.9, similarity), reason: 'path' });
    }
    if (title !== null && t.detect.title?.test(title)) {
      consider({ template: t, version: bestVersion(t, keys), confidence: Math.max(0.8, similarity), reason: 'title' });
    }
    consider({ template: t, version: bestVersion(t, keys), confidence: similarity, reason: 'headings' });
  }
  const found = best as Detection | null;
  if (!found || found.confidence < MIN_CONFIDENCE) return null;
  return { ...found, confidence: Math.round(found.confidence * 100) / 100 };
}

function titleText(model: ProposalModel): string | null {
  const first = model.sections[0];
  return first && first.heading.level === 1 ? first.heading.text : null;
}

/** The normalised headings of the document, except a lone H1 title. */
export function headingKeys(model: ProposalModel): string[] {
  const skipTitle = model.sections.length > 0 && model.sections[0].heading.level === 1 && isLoneTitle(model);
  return model.sections.slice(skipTitle ? 1 : 0).map((s) => normalizeTitle(s.heading.text));
}

/**
 * Harmonic mean of two shares: the template's sections the document has, and the document's
 * headings that are template sections. Needs at least three sections in common.
 */
export function similarityTo(version: TemplateVersion, docKeys: readonly string[]): number {
  if (!version.sections.length || !docKeys.length) return 0;
  const docSet = new Set(docKeys);
  const specKeys = new Set<string>();
  let specHits = 0;
  for (const s of version.sections) {
    for (const k of s.keys) specKeys.add(k);
    if (s.keys.some((k) => docSet.has(k))) specHits++;
  }
  const docHits = docKeys.filter((k) => specKeys.has(k)).length;
  if (specHits < 3) return 0;
  const recall = specHits / version.sections.length;
  const precision = docHits / docKeys.length;
  return (2 * precision * recall) / (precision + recall);
}

/** The current template unless an older version fits the document clearly better. */
export function bestVersion(t: TemplateSchema, docKeys: readonly string[]): TemplateVersion {
  let best: TemplateVersion = t;
  let bestScore = similarityTo(t, docKeys) + 0.05;
  for (const v of t.versions) {
    const score = similarityTo(v, docKeys);
    if (score > bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}
