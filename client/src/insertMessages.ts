/**
 * What "Insert Missing Sections" says when it has nothing to insert. The server answers null both
 * for a document that is not a proposal and for one that misses nothing; the outline tells the two
 * apart. Pure.
 */
import type { OutlineResult } from '../../server/src/protocol';

export function nothingToInsertMessage(outline: OutlineResult | null, fileName: string): string {
  if (!outline) {
    return `${fileName} is not a proposal: it follows none of Proposal Kit's templates. Name one in its front matter (template: <id>) or match it with the proposalKit.files setting.`;
  }
  return `Nothing to insert: ${fileName} has every required section of the ${outline.template.name} template.`;
}

export const NOT_MARKDOWN_MESSAGE = 'Open a markdown proposal in the editor first.';
