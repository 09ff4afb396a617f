import { strict as assert } from 'node:assert';
import { guidanceMarkdown, GUIDANCE_PATH } from '../../client/src/guidance';
import { nothingToInsertMessage } from '../../client/src/insertMessages';
import { RestartNotice } from '../../client/src/restartNotice';

describe('client: messages', () => {
  it('tells about the first server restart only, once per session', () => {
    const notice = new RestartNotice();
    assert.equal(notice.onClosed(false), undefined, 'not restarting: the client reports that itself');
    assert.equal(notice.onClosed(true), "Proposal Kit's language server stopped and was restarted.");
    assert.equal(notice.onClosed(true), undefined);
    assert.equal(notice.onClosed(true), undefined);
  });

  it('Insert Missing Sections with nothing to insert: says whether the file is not a proposal or complete', () => {
    assert.equal(
      nothingToInsertMessage(null, 'README.md'),
      "README.md is not a proposal: it follows none of Proposal Kit's templates. Name one in its front matter (template: <id>) or match it with the proposalKit.files setting.",
    );
    const outline = { uri: 'file:///k.md', version: 1, template: { id: 'klip', name: 'KLIP', version: 'current' }, progress: { written: 3, required: 11 }, entries: [] };
    assert.equal(nothingToInsertMessage(outline, 'klip-7-x.md'), 'Nothing to insert: klip-7-x.md has every required section of the KLIP template.');
  });

  it('the guidance document: the section, its template and whether it is required, then the guidance', () => {
    assert.equal(GUIDANCE_PATH, '/Template Guidance.md');
    assert.equal(
      guidanceMarkdown({ template: 'KLIP', section: 'Test plan', required: true, guidance: 'Explain how you will know it works.\n' }),
      '# Test plan\n\n_KLIP template, a required section._\n\nExplain how you will know it works.\n',
    );
    assert.equal(
      guidanceMarkdown({ template: 'KEP', section: 'Drawbacks', required: false, guidance: '  ' }),
      '# Drawbacks\n\n_KEP template, an optional section._\n\n_The template gives no guidance for this section._\n',
    );
  });
});
