/**
 * How the outline view and the status bar show a proposal. Pure: OutlineResult in, labels, icons
 * and texts out; outline/provider.ts turns them into TreeItems.
 */
import type { OutlineEntry, OutlineResult } from '../../../server/src/protocol';
import { normalizeTitle } from '../../../server/src/core/normalize';

export interface EntryPresentation {
  label: string;
  description: string;
  tooltip: string;
  /** A codicon id, and a theme color id for it when not the default. */
  icon: { id: string; color?: string };
  /** `missing` entries get the inline "Insert Section" action (package.json, view/item/context). */
  contextValue: 'written' | 'empty' | 'guidance' | 'missing';
  /** Present entries reveal their heading when clicked. */
  reveal: boolean;
}

export function presentEntry(e: OutlineEntry): EntryPresentation {
  // Show the heading as written when it names the section differently (an alias such as "Scope"),
  // not when it only differs in case, numbering or an "(Optional)" mark.
  const asWritten = e.heading && normalizeTitle(e.heading) !== normalizeTitle(e.title) ? `as "${e.heading.trim()}"` : '';
  const optional = e.required ? '' : ' (optional)';
  switch (e.state) {
    case 'written':
      return {
        label: e.title,
        description: asWritten,
        tooltip: `${e.title}${optional}: written.`,
        icon: { id: 'pass', color: 'testing.iconPassed' },
        contextValue: 'written',
        reveal: true,
      };
    case 'empty':
      return {
        label: e.title,
        description: ['empty', asWritten].filter(Boolean).join(', '),
        tooltip: `${e.title}${optional}: nothing written yet. Write it, or say why it does not apply ("N/A: <reason>").`,
        icon: { id: 'circle-outline' },
        contextValue: 'empty',
        reveal: true,
      };
    case 'guidance':
      return {
        label: e.title,
        description: ['template guidance left in', asWritten].filter(Boolean).join(', '),
        tooltip: `${e.title}${optional}: still holds the template's guidance or placeholder text. Replace it with your own.`,
        icon: { id: 'edit', color: 'list.warningForeground' },
        contextValue: 'guidance',
        reveal: true,
      };
    case 'missing':
      // A missing required section is something to do; a missing optional one is only on offer.
      // "optional" leads the label: a long title (a KEP question) cuts off the description.
      return e.required
        ? {
            label: e.title,
            description: 'missing',
            tooltip: `${e.title}: required, not in the document. Insert it with the + button.`,
            icon: { id: 'circle-slash', color: 'list.errorForeground' },
            contextValue: 'missing',
            reveal: false,
          }
        : {
            label: `optional: ${e.title}`,
            description: 'missing',
            tooltip: `${e.title} (optional): not in the document. Insert it with the + button if the proposal needs it.`,
            icon: { id: 'circle-large-outline', color: 'disabledForeground' },
            contextValue: 'missing',
            reveal: false,
          };
  }
}

/** The outline view's description: "9 of 12 required sections written". */
export function progressDescription(p: OutlineResult['progress']): string {
  return `${p.written} of ${p.required} required ${p.required === 1 ? 'section' : 'sections'} written`;
}

/** The status bar item: "$(checklist) 9/12 sections", with a tooltip that says what it counts. */
export function statusBar(o: OutlineResult): { text: string; tooltip: string } {
  return {
    text: `$(checklist) ${o.progress.written}/${o.progress.required} sections`,
    tooltip: `${o.template.name} proposal: ${progressDescription(o.progress)}. Click to show the Proposal outline.`,
  };
}

/**
 * What the outline does when the active editor changes: follow a markdown file (of a scheme in
 * `schemes`, those the server reads) or untitled
 * document; clear for another text file; keep the current outline for editors that are not
 * documents the user writes (the Output panel, a git diff's left side). No active text editor
 * means a webview or other non-text editor has focus (the guidance preview, settings): keep the
 * outline while its document is still visible, clear it when its editor was closed.
 */
export function onActiveEditor(editor: { languageId: string; scheme: string } | undefined, shownStillVisible: boolean, schemes: readonly string[] = ['file']): 'follow' | 'clear' | 'keep' {
  if (!editor) return shownStillVisible ? 'keep' : 'clear';
  if (editor.scheme !== 'untitled' && !schemes.includes(editor.scheme)) return 'keep';
  return editor.languageId === 'markdown' ? 'follow' : 'clear';
}
