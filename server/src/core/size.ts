/** Templates, configuration, kep.yaml and companion files larger than this are not read: 1 MB (the largest real template is 33 KB). */
export const AUX_MAX_BYTES = 1024 * 1024;

/** "7.3 MB", "512 KB", "86 bytes": a size as a person reads it. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB` : `${bytes} bytes`;
}

/** A text's size in UTF-8 bytes. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
