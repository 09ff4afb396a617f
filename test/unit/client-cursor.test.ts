import { strict as assert } from 'node:assert';
import { scaffold } from '../../server/src/core/scaffold';
import { firstLineToWrite } from '../../server/src/core/cursor';
import { template } from './helpers';

const INPUT = { title: 'Faster Builds', author: 'Ada Lovelace', date: '2026-11-20', sig: 'node' };

describe('client: where the cursor goes in a new proposal', () => {
  const expected: Record<string, { line: number; heading: string }> = {
    klip: { line: 10, heading: '## Motivation and background' },
    kep: { line: 8, heading: '## Release Signoff Checklist' },
    materialize: { line: 7, heading: '## The Problem' },
    kepler: { line: 11, heading: '## Summary' },
  };
  for (const [id, want] of Object.entries(expected)) {
    it(`${id}: the empty line under the first section heading, not the title`, () => {
      const text = scaffold(template(id), INPUT, []).text;
      assert.deepEqual(firstLineToWrite(text), { line: want.line, character: 0 });
      const lines = text.split('\n');
      assert.equal(lines[want.line - 1], want.heading);
      assert.equal(lines[want.line], '');
    });
  }

  it('skips empty lines inside a multi-line comment', () => {
    const text = ['# Title', '', '## Goals', '<!--', 'guidance', '', 'more guidance', '-->', '', 'text'].join('\n');
    assert.deepEqual(firstLineToWrite(text), { line: 8, character: 0 });
  });

  it('skips empty lines inside a fenced code block', () => {
    const text = ['# Title', '## Goals', '```', 'a', '', 'b', '```', '', 'text'].join('\n');
    assert.deepEqual(firstLineToWrite(text), { line: 7, character: 0 });
  });

  it('without a title, the first heading is the first section; CRLF line ends count as line ends', () => {
    assert.deepEqual(firstLineToWrite('## Goals\r\n\r\n<!-- g -->\r\n'), { line: 1, character: 0 });
  });

  it('with no empty line below the heading: the end of the heading line', () => {
    assert.deepEqual(firstLineToWrite('# Title\n## Goals\ntext'), { line: 1, character: 8 });
  });

  it('with no section at all: the end of the document', () => {
    assert.deepEqual(firstLineToWrite('# Title\n\nJust text'), { line: 2, character: 9 });
  });
});
