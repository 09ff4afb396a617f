/** The workspace's host on Node: the disk, the built-in templates beside the bundle, and git. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkspaceHost } from '../core/workspace';
import { loadProjectConfig } from './config';
import { listMarkdown } from './files';
import { gitAuthor } from './git';
import { firstCommitDate } from './history';
import { isInside, readTextIfRegular } from './safeFs';
import { builtinTemplatesDir, loadTemplateDirs } from './templates';

export function nodeWorkspaceHost(): WorkspaceHost {
  return {
    path,
    builtinTemplates: builtinTemplatesDir(),
    isDirectory: (dir) => fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false,
    isInside,
    readConfig: loadProjectConfig,
    loadTemplates: loadTemplateDirs,
    readText: (file) => readTextIfRegular(file),
    listMarkdown,
    // In the home folder git reads the user's global configuration, not a repository's.
    gitUserName: (folder) => gitAuthor(folder ?? os.homedir()),
    firstCommitDate,
  };
}
