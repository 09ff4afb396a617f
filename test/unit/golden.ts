import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModel, parseProposal } from '../../server/src/core';
import { formatText } from '../../server/src/core/report';
import { builtinTemplates, corpusDocs, ROOT, runCli, type CorpusDoc } from './helpers';

/** Real proposals whose findings a person has read and judged right. */
const CHOSEN = [
  'design-proposals/klip-1-improve-udf-interfaces.md',
  'design-proposals/klip-10-suppress.md',
  'design-proposals/klip-59-json-functions.md',
  'design-proposals/klip-6-execution-plans.md',
  'keps/sig-windows/4802-windows-node-shutdown/README.md',
  'keps/sig-release/3744-stay-on-supported-go-versions/README.md',
  'keps/sig-auth/5681-conditional-authorization/README.md',
  'keps/sig-etcd/4326-downgrade/README.md',
  'doc/developer/design/20230322_metrics_since_granularity.md',
  'doc/developer/design/20251111_replacement_materialized_views.md',
  'doc/developer/design/20220303_secrets.md',
  'doc/developer/design/20240925_attribution_profiling.md',
  'docs/developer/proposal/EP-001-redfish-support.md',
  'docs/developer/proposal/EP-002-MSR-Fallback-Power-Meter.md',
  'enhancements/Release_workflow.md',
  'enhancements/CICDv1.md',
];

export const GOLDEN: CorpusDoc[] = CHOSEN.map((p) => {
  const doc = corpusDocs().find((d) => d.upstreamPath === p);
  if (!doc) throw new Error(`${p} is not in the corpus`);
  return doc;
});

export function goldenFile(doc: CorpusDoc): string {
  return path.join(ROOT, 'test', 'golden', doc.family, `${path.basename(doc.upstreamPath.replace(/\/README\.md$/, ''), '.md')}.txt`);
}

/** What a golden file holds: the detection, the completeness, then the findings as `check` prints them. */
export function goldenText(doc: CorpusDoc): string {
  const r = checkModel(parseProposal(fs.readFileSync(doc.file, 'utf8')), builtinTemplates(), { path: doc.upstreamPath });
  const head = r.detection
    ? `# ${doc.upstreamPath}: ${r.detection.template.id} (version ${r.detection.version.version}), ${r.progress?.written} of ${r.progress?.required} required sections written\n`
    : `# ${doc.upstreamPath}: not a proposal\n`;
  return head + formatText([{ path: doc.upstreamPath, template: null, progress: null, findings: r.findings }]);
}

/** The markdown summary of the repository's examples, as `proposal-kit check --format markdown examples` prints it. */
export const MARKDOWN_GOLDEN = { file: path.join(ROOT, 'test', 'golden', 'markdown', 'examples.md'), args: ['check', '--format', 'markdown', 'examples'] };

export function markdownGoldenText(): string {
  return runCli(MARKDOWN_GOLDEN.args, ROOT).out;
}
