// Which model files are YAML: by the name, so callers can tell without loading the YAML reader.

/** A file name that says YAML (`.yaml` or `.yml`, any case). */
export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
