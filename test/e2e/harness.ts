/**
 * The real editor for the end-to-end tests: code-server (VS Code 1.139 with its Node extension
 * host) on a free 127.0.0.1 port, with a fresh extensions folder, user data folder and workspace
 * per run, opened in Debian's Chromium through playwright-core. Everything started here is stopped
 * here, by its pid.
 *
 * test/e2e/setup.sh installs the tools (idempotently); every wait is on what the page or the disk
 * shows, with a timeout.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { EXTENSION_FOLDER, makeWorkspace, REPO, USER_SETTINGS, VSIX } from './workspace';

export { FIXTURES, REPO } from './workspace';
export const SCREENSHOTS = path.join(REPO, 'test-output', 'e2e');

/** Chromium's flags for a machine without a GPU, a sandbox or the network (../../../shared/real-editor.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Tools {
  node: string;
  codeServer: string;
  chromium: string;
}

let tools: Tools | undefined;
let setupError: Error | undefined;

/** Runs setup.sh (a second or so once the cache is complete) and returns where the tools are. */
export function setUp(): Tools {
  if (tools) return tools;
  if (setupError) throw setupError; // once per run: a failed install is not tried again by the next suite
  try {
    tools = runSetup();
  } catch (e) {
    setupError = e instanceof Error ? e : new Error(String(e));
    throw setupError;
  }
  return tools;
}

function runSetup(): Tools {
  const out = execFileSync('bash', [path.join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const values = Object.fromEntries(out.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
  if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(REPO, VSIX)} is missing: run \`npm run package\` first (npm run test:e2e does).`);
  return { node: values.node, codeServer: values['code-server'], chromium: values.chromium };
}

export interface Editor {
  runDir: string;
  workspace: string;
  url: string;
  extensionsDir: string;
  browser: Browser;
  page: Page;
  /** Stops Chromium and code-server; removes the run's folder unless `keep` (then says where it is). */
  stop(keep?: boolean): Promise<void>;
}

export interface StartOptions {
  /** Name of the run, used for the temporary folder. */
  name: string;
  /** The folder under fixtures/ the workspace is a copy of (default: workspace). */
  fixture?: string;
  /** User settings beside USER_SETTINGS. */
  settings?: Record<string, unknown>;
  /** The workspace's settings (.vscode/settings.json) beside the author's. */
  workspaceSettings?: Record<string, unknown>;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  /** Query parameters for the workbench URL beside `folder`. */
  query?: (ctx: { extensionsDir: string; baseUrl: string }) => Promise<Record<string, string>>;
  /** Turns on VS Code's `enableSmokeTestDriver` development option (needed for `payload`). */
  developmentOptions?: boolean;
  /** Called with the page before it loads the workbench. */
  beforeLoad?: (page: Page) => Promise<void>;
  timeoutMs?: number;
}

/**
 * Installs the .vsix into a fresh extensions folder, starts code-server on a free port, opens the
 * workspace in Chromium and waits until the workbench shows the workspace's files.
 */
export async function startEditor(options: StartOptions): Promise<Editor> {
  const t = setUp();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `proposal-kit-e2e-${options.name}-`));
  const extensionsDir = path.join(runDir, 'extensions');
  const dataDir = path.join(runDir, 'user-data');
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2));
  const workspace = makeWorkspace(runDir, options.fixture, options.workspaceSettings);
  const common = ['--config', path.join(runDir, 'code-server.yaml'), '--user-data-dir', dataDir, '--extensions-dir', extensionsDir];

  // Installing while a server runs fails ("restart VS Code before reinstalling"): install first.
  execFileSync(t.node, [t.codeServer, ...common, '--install-extension', VSIX], { stdio: 'pipe' });
  if (!fs.existsSync(path.join(extensionsDir, EXTENSION_FOLDER, 'package.json'))) throw new Error(`code-server did not install ${VSIX}`);

  const log = fs.openSync(path.join(runDir, 'code-server.log'), 'w');
  // Its own process group, so stopping it also stops the extension host and the language server.
  const server = spawn(t.node, [t.codeServer, ...common, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...options.env },
  });
  fs.closeSync(log);
  let browser: Browser | undefined;
  const stop = async (keep = true): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await stopGroup(server);
    if (keep) console.log(`      (kept ${runDir}: code-server.log, user-data/logs, workspace)`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const port = await waitForLine(path.join(runDir, 'code-server.log'), /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/, server, options.timeoutMs ?? 60_000);
    browser = await chromium.launch({ executablePath: t.chromium, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    if (options.developmentOptions) await page.addInitScript({ content: enableDevelopmentOptions });
    await options.beforeLoad?.(page);
    const baseUrl = `http://127.0.0.1:${port}/`;
    const query = new URLSearchParams({ folder: workspace, ...(await options.query?.({ extensionsDir, baseUrl })) });
    const url = `${baseUrl}?${query}`;
    await page.goto(url);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'design-proposals' }).waitFor({ timeout: options.timeoutMs ?? 60_000 });
    return { runDir, workspace, url, extensionsDir, browser, page, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * VS Code's web workbench reads `payload` (extensionDevelopmentPath, extensionTestsPath) only when
 * built without it, or when its configuration turns on the smoke test driver. code-server does not
 * accept the server's `--enable-smoke-test-driver` flag, so the page turns it on itself: the
 * workbench reads its configuration from a meta element's data-settings attribute.
 */
const enableDevelopmentOptions = `
  const getAttribute = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = getAttribute.call(this, name);
    if (this.id !== 'vscode-workbench-web-configuration' || name !== 'data-settings' || !value) return value;
    const config = JSON.parse(value);
    config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
    return JSON.stringify(config);
  };
`;

/** The authority of the workbench's `vscode-remote:` URIs (code-server answers "remote"), from its page. */
export async function remoteAuthority(baseUrl: string): Promise<string> {
  const html = await (await fetch(baseUrl)).text();
  const m = /id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
  if (!m) throw new Error(`no workbench configuration in ${baseUrl}`);
  const json = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return (JSON.parse(json) as { remoteAuthority: string }).remoteAuthority;
}

/** Waits until the log file has a line matching `re` (its first group is returned). */
async function waitForLine(file: string, re: RegExp, proc: ChildProcess, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const m = re.exec(text);
      if (m) {
        watcher.close();
        clearInterval(poll);
        resolve(m[1]);
      } else if (proc.exitCode !== null || Date.now() > deadline) {
        watcher.close();
        clearInterval(poll);
        reject(new Error(`code-server ${proc.exitCode !== null ? `exited (${proc.exitCode})` : `did not start in ${timeoutMs / 1000} s`}:\n${text.slice(-2000)}`));
      }
    };
    // The watcher reacts to writes at once; the interval only catches a missed event and the deadline.
    const watcher = fs.watch(file, check);
    const poll = setInterval(check, 250);
    check();
  });
}

/** Stops a process group started here: SIGTERM, then SIGKILL if it has not exited in 10 s. */
async function stopGroup(proc: ChildProcess): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(-proc.pid!, s);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      signal('SIGKILL');
      resolve();
    }, 10_000);
  });
  await Promise.race([exited, killed]);
  clearTimeout(timer);
  // The extension host and the language server are in the same group: make sure none is left.
  signal('SIGKILL');
}

/** Waits until `check` returns a value other than undefined (re-checked every 100 ms), or throws after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Saves a screenshot as test-output/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
