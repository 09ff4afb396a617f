/** A KEP's kep.yaml: read leniently for the status, checked strictly against the template's kepYaml spec. */
import { parse as parseYaml } from 'yaml';

/** The YAML's top-level mapping, or null when the text is not valid YAML or not a mapping. */
export function readYamlMapping(text: string): Record<string, unknown> | null {
  try {
    const data: unknown = parseYaml(text, { prettyErrors: false, maxAliasCount: 100 });
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
