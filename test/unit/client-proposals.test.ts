import { strict as assert } from 'node:assert';
import type { WorkspaceProposal } from '../../server/src/protocol';
import { proposalRows, type Row } from '../../client/src/proposals/present';

const proposal = (over: Partial<WorkspaceProposal> & Pick<WorkspaceProposal, 'path'>): WorkspaceProposal => ({
  uri: `file:///ws/${over.path}`,
  title: '',
  template: { id: 'klip', name: 'KLIP' },
  status: 'In Discussion',
  statusRank: 0,
  progress: { written: 8, required: 10 },
  errors: 0,
  next: null,
  missing: [],
  ...over,
});

/** Rows as "indent label | description", depth first. */
const flat = (rows: Row[], depth = 0): string[] => rows.flatMap((r) => [`${'  '.repeat(depth)}${r.label} | ${r.description}`, ...flat(r.children, depth + 1)]);

describe('client: the Proposals view', () => {
  const list: WorkspaceProposal[] = [
    proposal({ path: 'design-proposals/klip-2-b.md', title: 'KLIP 2 - B', status: 'Design Approved', statusRank: 1, errors: 1, progress: { written: 9, required: 10 }, next: { status: 'In development', missing: ['Test plan'] } }),
    proposal({ path: 'design-proposals/klip-1-a.md', title: 'KLIP 1 - A', next: { status: 'Design Approved', missing: ['Design', 'Test plan'] } }),
    proposal({ path: 'doc/developer/design/20261102_sink.md', template: { id: 'materialize', name: 'Materialize' }, status: null, statusRank: null, progress: { written: 6, required: 6 } }),
    proposal({ path: 'design-proposals/klip-3-c.md', title: 'KLIP 3 - C', status: 'WIP', statusRank: null, missing: ['Design'] }),
  ];

  it('groups by template (by name), then status (the template\'s order, unknown ones after, none last), with completeness, errors and what the next status needs', () => {
    assert.deepEqual(flat(proposalRows(list)), [
      'KLIP | 3 proposals',
      '  In Discussion | 1 proposal',
      '    KLIP 1 - A | 8 of 10, 0 errors',
      '      Design | needed for Design Approved',
      '      Test plan | needed for Design Approved',
      '  Design Approved | 1 proposal',
      '    KLIP 2 - B | 9 of 10, 1 error',
      '      Test plan | needed for In development',
      '  WIP | 1 proposal',
      '    KLIP 3 - C | 8 of 10, 0 errors',
      '      Design | required',
      'Materialize | 1 proposal',
      '  no status | 1 proposal',
      '    20261102_sink.md | 6 of 6, 0 errors',
    ]);
  });

  it('a proposal row opens its file and says in its tooltip what it needs next; its icon says whether it has errors', () => {
    const rows = proposalRows(list);
    const klip2 = rows[0].children[1].children[0];
    assert.equal(klip2.open, 'file:///ws/design-proposals/klip-2-b.md');
    assert.equal(klip2.tooltip, 'design-proposals/klip-2-b.md\nKLIP, Design Approved: 9 of 10 required sections written, 1 error.\nTo reach In development: Test plan.');
    assert.deepEqual(klip2.icon, { id: 'error', color: 'list.errorForeground' });
    const done = rows[1].children[0].children[0];
    assert.equal(done.tooltip, 'doc/developer/design/20261102_sink.md\nMaterialize: 6 of 6 required sections written, 0 errors.\nEvery required section is written.');
    assert.deepEqual(done.icon, { id: 'pass', color: 'testing.iconPassed' });
    assert.deepEqual([rows[0].id, rows[0].children[0].id, klip2.id], ['template:klip', 'template:klip/status:In Discussion', 'file:///ws/design-proposals/klip-2-b.md']);
  });
});
