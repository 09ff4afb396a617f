/**
 * The `proposalKit.*` settings the client itself reads (the server reads the rest per document
 * through workspace/configuration). Pure: values arrive as `unknown` from the configuration and
 * leave as plain, validated options.
 */
export interface ClientSettings {
  /** Extra template folders as the user wrote them (workspace-relative or absolute). */
  templates: string[];
  /** The author for new proposals when git has none. */
  author: string | undefined;
}

export function readSettings(get: (key: 'templates' | 'author') => unknown): ClientSettings {
  const templates = get('templates');
  const author = get('author');
  return {
    templates: Array.isArray(templates) ? templates.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim()) : [],
    author: typeof author === 'string' && author.trim() ? author.trim() : undefined,
  };
}
