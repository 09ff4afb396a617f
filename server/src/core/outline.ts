/** The template-aware outline: the template's sections in order, each with its state in the document. */
import type { Analysis } from './analyze';
import { progressOf, type Progress } from './check';
import type { Range } from './types';

export type OutlineState = 'written' | 'empty' | 'guidance' | 'missing';

export interface OutlineNode {
  title: string;
  heading?: string;
  level: number;
  state: OutlineState;
  required: boolean;
  section: number;
  range?: Range;
  children: OutlineNode[];
}

export interface Outline {
  template: { id: string; name: string; version: string };
  progress: Progress;
  entries: OutlineNode[];
}

export function outlineOf(a: Analysis): Outline {
  const specs = a.version.sections;
  const node = (i: number): OutlineNode => {
    const spec = specs[i];
    const p = a.present.get(i);
    let state: OutlineState;
    if (p) state = p.state === 'todo' ? 'empty' : p.state;
    else state = a.inline.has(i) ? 'written' : a.leadInsLeft.has(i) ? 'guidance' : 'missing';
    const out: OutlineNode = {
      title: spec.name,
      level: spec.level,
      state,
      required: a.required(spec),
      section: i,
      children: spec.children.map(node),
    };
    if (p) {
      out.heading = p.section.heading.text;
      out.range = a.model.lines.rangeOf(p.section.heading.span);
    }
    return out;
  };
  return {
    template: { id: a.template.id, name: a.template.name, version: a.version.version },
    progress: progressOf(a),
    entries: specs.filter((s) => s.parent === null).map((s) => node(s.index)),
  };
}
