import { strict as assert } from 'node:assert';
import type { OutlineEntry, OutlineResult } from '../../server/src/protocol';
import { coalesce } from '../../client/src/outline/coalesce';
import { onActiveEditor, presentEntry, progressDescription, statusBar } from '../../client/src/outline/present';

const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 12 } };
const entry = (over: Partial<OutlineEntry>): OutlineEntry => ({ title: 'Design', level: 2, state: 'written', required: true, section: 5, children: [], ...over });

describe('client: the outline view and status bar', () => {
  it('an icon, description and action per state', () => {
    assert.deepEqual(presentEntry(entry({ heading: 'Design', range })), {
      label: 'Design',
      description: '',
      tooltip: 'Design: written.',
      icon: { id: 'pass', color: 'testing.iconPassed' },
      contextValue: 'written',
      reveal: true,
    });
    assert.deepEqual(presentEntry(entry({ state: 'empty', heading: '2. design:', range })), {
      label: 'Design',
      description: 'empty',
      tooltip: 'Design: nothing written yet. Write it, or say why it does not apply ("N/A: <reason>").',
      icon: { id: 'circle-outline' },
      contextValue: 'empty',
      reveal: true,
    });
    assert.deepEqual(presentEntry(entry({ state: 'guidance', heading: 'High Level Design', range })), {
      label: 'Design',
      description: 'template guidance left in, as "High Level Design"',
      tooltip: "Design: still holds the template's guidance or placeholder text. Replace it with your own.",
      icon: { id: 'edit', color: 'list.warningForeground' },
      contextValue: 'guidance',
      reveal: true,
    });
    assert.deepEqual(presentEntry(entry({ state: 'missing', title: 'Test plan' })), {
      label: 'Test plan',
      description: 'missing',
      tooltip: 'Test plan: required, not in the document. Insert it with the + button.',
      icon: { id: 'circle-slash', color: 'list.errorForeground' },
      contextValue: 'missing',
      reveal: false,
    });
  });

  it('a missing optional section looks different from a missing required one, and says so first', () => {
    assert.deepEqual(presentEntry(entry({ state: 'missing', required: false, title: 'User Stories' })), {
      label: 'optional: User Stories',
      description: 'missing',
      tooltip: 'User Stories (optional): not in the document. Insert it with the + button if the proposal needs it.',
      icon: { id: 'circle-large-outline', color: 'disabledForeground' },
      contextValue: 'missing',
      reveal: false,
    });
  });

  it('the heading as written shows only when it names the section differently', () => {
    assert.equal(presentEntry(entry({ title: 'User Stories', heading: 'User Stories (Optional)', range })).description, '');
    assert.equal(presentEntry(entry({ title: 'What is in scope', heading: 'Scope', range })).description, 'as "Scope"');
  });

  it('progress: the view description and the status bar item', () => {
    const o: OutlineResult = { uri: 'file:///k.md', version: 3, template: { id: 'klip', name: 'KLIP', version: 'current' }, progress: { written: 9, required: 12 }, entries: [] };
    assert.equal(progressDescription(o.progress), '9 of 12 required sections written');
    assert.equal(progressDescription({ written: 0, required: 1 }), '0 of 1 required section written');
    assert.deepEqual(statusBar(o), {
      text: '$(checklist) 9/12 sections',
      tooltip: 'KLIP proposal: 9 of 12 required sections written. Click to show the Proposal outline.',
    });
  });

  it('follows markdown editors, clears for other files, keeps for the Output panel, diffs and webviews', () => {
    assert.equal(onActiveEditor({ languageId: 'markdown', scheme: 'file' }, false), 'follow');
    assert.equal(onActiveEditor({ languageId: 'markdown', scheme: 'untitled' }, true), 'follow');
    assert.equal(onActiveEditor({ languageId: 'typescript', scheme: 'file' }, true), 'clear');
    assert.equal(onActiveEditor({ languageId: 'log', scheme: 'output' }, false), 'keep');
    assert.equal(onActiveEditor({ languageId: 'markdown', scheme: 'git' }, false), 'keep');
    // No text editor active: a webview (the guidance preview) has focus while the proposal is still
    // shown beside it, or the last editor was closed.
    assert.equal(onActiveEditor(undefined, true), 'keep');
    assert.equal(onActiveEditor(undefined, false), 'clear');
  });

  it('refreshes coalesce: triggers while a refresh runs fold into exactly one more run', async () => {
    const releases: (() => void)[] = [];
    let runs = 0;
    const refresh = coalesce(async () => {
      runs++;
      await new Promise<void>((resolve) => releases.push(resolve));
    });
    const first = refresh();
    void refresh();
    void refresh();
    const fourth = refresh();
    assert.equal(runs, 1);
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.equal(runs, 2);
    releases.shift()!();
    await Promise.all([first, fourth]);
    assert.equal(runs, 2);
    // Idle again: the next trigger runs at once.
    const fifth = refresh();
    assert.equal(runs, 3);
    releases.shift()!();
    await fifth;
  });

  it('a failed refresh (server restarting) does not stop the next one', async () => {
    let runs = 0;
    const refresh = coalesce(async () => {
      runs++;
      if (runs === 1) throw new Error('Client is not running');
    });
    await refresh();
    await refresh();
    assert.equal(runs, 2);
  });
});
