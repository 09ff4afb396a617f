/** The built-in templates folder's files, bundled into the web build (esbuild.mjs makes this module): file name to text. */
declare module 'proposal-kit:builtin-templates' {
  const files: Record<string, string>;
  export default files;
}
