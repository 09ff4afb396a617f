/**
 * Where the cursor goes in a new proposal: on the first line to write, the first empty line after
 * the first section heading (the title is not a section). Lines inside a block (a multi-line HTML
 * comment, a code block) are not empty lines to write on. Pure: text in, a zero-based position out.
 */
import { parseProposal } from './parse';
import { isLoneTitle } from './template';
import type { Position } from './types';

export function firstLineToWrite(text: string): Position {
  const model = parseProposal(text);
  const sections = model.sections;
  const first = sections.length && sections[0].heading.level === 1 && isLoneTitle(model) ? sections[1] : sections[0];
  if (!first) return model.lines.positionAt(text.length);
  const blocks = sections.flatMap((s) => s.blocks).map((b) => ({ from: model.lines.positionAt(b.span.start).line, to: model.lines.positionAt(b.span.end).line }));
  const headingEnd = model.lines.positionAt(first.heading.span.end);
  const lines = text.split(/\r\n|\r|\n/);
  for (let line = headingEnd.line + 1; line < lines.length; line++) {
    if (lines[line].trim() !== '') continue;
    if (blocks.some((b) => b.from < line && line < b.to)) continue;
    return { line, character: 0 };
  }
  // No empty line anywhere below: the end of the heading line, where Enter starts the section.
  return headingEnd;
}
