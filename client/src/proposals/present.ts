/**
 * How the Proposals view shows the workspace's proposals: grouped by template, then by status in
 * the template's order, each with its completeness and error count, and under it what it still
 * needs for the next status. Pure: the server's list in, rows out; provider.ts makes TreeItems.
 */
import type { WorkspaceProposal } from '../../../server/src/protocol';

export interface Row {
  /** Stable across refreshes (keeps what the user expanded expanded). */
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: { id: string; color?: string };
  /** The proposal a click opens. */
  open?: string;
  expanded: boolean;
  children: Row[];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "8 of 10, 1 error": the figure a proposal's row shows. */
export function proposalDescription(p: WorkspaceProposal): string {
  return `${p.progress.written} of ${p.progress.required}, ${plural(p.errors, 'error')}`;
}

function proposalRow(p: WorkspaceProposal): Row {
  const name = p.path.split('/').pop() ?? p.path;
  // What the proposal needs next: for the next status when the template has them, else what it requires now.
  const needs = p.next ? p.next.missing : p.missing;
  const why = p.next ? `needed for ${p.next.status}` : 'required';
  const next = p.next ? `To reach ${p.next.status}: ${needs.length ? needs.join(', ') : 'nothing more to write'}.` : needs.length ? `Still to write: ${needs.join(', ')}.` : 'Every required section is written.';
  return {
    id: p.uri,
    label: p.title || name,
    description: proposalDescription(p),
    tooltip: `${p.path}\n${p.template.name}${p.status ? `, ${p.status}` : ''}: ${p.progress.written} of ${p.progress.required} required sections written, ${plural(p.errors, 'error')}.\n${next}`,
    icon: p.errors ? { id: 'error', color: 'list.errorForeground' } : needs.length ? { id: 'circle-large-outline' } : { id: 'pass', color: 'testing.iconPassed' },
    open: p.uri,
    expanded: false,
    children: needs.map((section) => ({ id: `${p.uri}#${section}`, label: section, description: why, tooltip: `${section}: not written yet, ${why}.`, icon: { id: 'circle-outline' }, expanded: false, children: [] })),
  };
}

/** The view's rows: a template, its statuses, their proposals (each by path within its group). */
export function proposalRows(list: readonly WorkspaceProposal[]): Row[] {
  const byTemplate = new Map<string, WorkspaceProposal[]>();
  for (const p of list) byTemplate.set(p.template.id, [...(byTemplate.get(p.template.id) ?? []), p]);
  const templates = [...byTemplate.values()].sort((a, b) => a[0].template.name.localeCompare(b[0].template.name));
  return templates.map((ps) => {
    const t = ps[0].template;
    const byStatus = new Map<string, WorkspaceProposal[]>();
    for (const p of ps) byStatus.set(p.status ?? '', [...(byStatus.get(p.status ?? '') ?? []), p]);
    // The template's order; statuses it does not know after those, by name; no status last.
    const rank = (g: WorkspaceProposal[]): number => (g[0].status === null ? Infinity : (g[0].statusRank ?? 1000));
    const statuses = [...byStatus.values()].sort((a, b) => rank(a) - rank(b) || (a[0].status ?? '').localeCompare(b[0].status ?? ''));
    return {
      id: `template:${t.id}`,
      label: t.name,
      description: plural(ps.length, 'proposal'),
      tooltip: `${plural(ps.length, 'proposal')} written with the ${t.name} template.`,
      icon: { id: 'file-text' },
      expanded: true,
      children: statuses.map((group) => {
        const status = group[0].status;
        return {
          id: `template:${t.id}/status:${status ?? ''}`,
          label: status ?? 'no status',
          description: plural(group.length, 'proposal'),
          tooltip: status ? `${t.name} proposals with the status ${status}.` : `${t.name} proposals that give no status.`,
          icon: { id: 'milestone' },
          expanded: true,
          children: [...group].sort((a, b) => a.path.localeCompare(b.path)).map(proposalRow),
        };
      }),
    };
  });
}
