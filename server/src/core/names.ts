/**
 * What New Proposal and Create Template accept as a title, a SIG and a template id. No imports:
 * the VS Code extension checks what is typed with these as it is typed, and the language server
 * checks the request with them again.
 */

export function validateTitle(value: string): string | undefined {
  return value.trim() ? undefined : 'Give the proposal a title.';
}

export function validateSig(value: string): string | undefined {
  const v = value.trim().replace(/^sig-/, '');
  if (!v) return 'Name the SIG that owns the proposal, e.g. node.';
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(v)) return 'A SIG name has only letters, digits and dashes, e.g. node or api-machinery.';
  return undefined;
}

/** The SIG as the scaffolder wants it: trimmed, without "sig-". */
export function normalizeSig(value: string): string {
  return value.trim().replace(/^sig-/, '');
}

const TEMPLATE_ID = /^[a-z0-9][a-z0-9._-]*$/i;

/** Why an id cannot be used, or undefined when it can. */
export function validateTemplateId(id: string, taken: readonly string[]): string | undefined {
  const v = id.trim();
  if (!v) return 'Give the template an id, e.g. adr.';
  if (!TEMPLATE_ID.test(v)) return 'A template id has only letters, digits, ".", "_" and "-", and starts with a letter or digit.';
  if (taken.some((t) => t.toLowerCase() === v.toLowerCase())) return `The workspace already has a template '${v}': choose another id.`;
  return undefined;
}
