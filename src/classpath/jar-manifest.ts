// # The main section of a jar's META-INF/MANIFEST.MF (JAR File Specification, "JAR Manifest")
//
// A manifest is lines of `Name: value`; a line starting with one space continues the previous one
// (lines are limited to 72 bytes, so long values such as Class-Path are folded); lines end with
// CR LF, LF or CR; the main section ends at the first empty line. Header names are
// case-insensitive. The ClassPath uses two main attributes: `Multi-Release` and `Class-Path`.

import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The main attributes of a manifest, by lower-cased name (the first occurrence wins, as in java.util.jar). */
export function readManifestMainAttributes(manifest: Uint8Array): Map<string, string> {
  const text = new TextDecoder('utf-8').decode(manifest);
  const attributes = new Map<string, string>();
  let name: string | null = null;
  let value = '';
  const flush = (): void => {
    if (name !== null && !attributes.has(name)) attributes.set(name, value);
    name = null;
  };
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') break; // end of the main section
    if (line.startsWith(' ')) {
      if (name !== null) value += line.slice(1);
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header: java.util.jar would reject the manifest; a class path skips it
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1).replace(/^ /, '');
  }
  flush();
  return attributes;
}

/**
 * The paths named by a `Class-Path` value, resolved against the jar's location as the JVM's
 * URLClassPath does: space-separated URLs, relative to the jar's own URL ("lib/a.jar", "../b.jar")
 * or absolute paths ("/usr/share/java/asm.jar"), percent-encoded. Entries with another scheme than
 * file: (http:…) or that do not parse are skipped, as the JVM skips them.
 */
export function resolveManifestClassPath(classPathValue: string, jarPath: string): string[] {
  const base = pathToFileURL(isAbsolute(jarPath) ? jarPath : `${process.cwd()}/${jarPath}`);
  const paths: string[] = [];
  for (const entry of classPathValue.split(' ')) {
    if (entry === '') continue;
    let url: URL;
    try {
      url = new URL(entry, base);
    } catch {
      continue;
    }
    if (url.protocol !== 'file:' || url.search !== '' || url.hash !== '') continue;
    try {
      paths.push(fileURLToPath(url));
    } catch {
      // A file URL with a host, or an encoded slash: not a local path.
    }
  }
  return paths;
}
