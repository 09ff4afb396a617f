/**
 * The template guidance document: what "Show Template Guidance" opens in a markdown preview.
 * Pure: the server's GuidanceResult in, the document's markdown out.
 */
import type { GuidanceResult } from '../../server/src/protocol';

/**
 * The path of the one read-only guidance document (its preview tab is titled after it). Each
 * request replaces its text, so the preview beside the proposal follows the section being written
 * instead of piling up a tab per section.
 */
export const GUIDANCE_PATH = '/Template Guidance.md';

export function guidanceMarkdown(g: GuidanceResult): string {
  const kind = g.required ? 'a required section' : 'an optional section';
  const body = g.guidance.trim() || '_The template gives no guidance for this section._';
  return `# ${g.section}\n\n_${g.template} template, ${kind}._\n\n${body}\n`;
}

export const NO_GUIDANCE_MESSAGE = 'No template guidance here: put the cursor in a section of a proposal.';
