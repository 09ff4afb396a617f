/** Settings as the server and the CLI read them, with defaults and validation. */
import picomatch from 'picomatch';
import type { RuleId, SeveritySetting } from '../core';
import { RULE_IDS } from '../core';

export interface Settings {
  /** Globs for the files that are proposals; empty: any markdown file that looks like one. */
  files: string[];
  rules: Partial<Record<RuleId, SeveritySetting>>;
  /** Extra template folders, relative to the workspace folder. */
  templates: string[];
  author: string;
}

export const DEFAULT_SETTINGS: Settings = { files: [], rules: {}, templates: [], author: '' };

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

/** Reads a raw settings object; anything malformed is ignored, never thrown. */
export function readSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_SETTINGS };
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);
  const rules: Settings['rules'] = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (RULE_IDS.includes(k as RuleId) && typeof v === 'string' && SEVERITIES.has(v)) rules[k as RuleId] = v as SeveritySetting;
    }
  }
  return { files: strings(r.files), rules, templates: strings(r.templates), author: typeof r.author === 'string' ? r.author : '' };
}

/** Whether a document (path relative to its workspace folder) is one the settings say to check. */
export function isProposalPath(settings: Settings, relativePath: string): boolean {
  if (!settings.files.length) return true;
  return picomatch(settings.files, { dot: true })(relativePath.replace(/\\/g, '/'));
}
