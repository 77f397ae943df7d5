// Finding JDKs for the benchmark: the default one (JAVA_HOME, else `java` on PATH) and, optionally, a newer
// one installed beside it (a JDK 24+ has the java.lang.classfile API).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function findJavaHome() {
  if (process.env.JAVA_HOME && fs.existsSync(path.join(process.env.JAVA_HOME, 'bin', 'java'))) return process.env.JAVA_HOME;
  const java = execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
  return path.resolve(fs.realpathSync(java), '..', '..');
}

function featureVersion(home) {
  try {
    const release = fs.readFileSync(path.join(home, 'release'), 'utf8');
    const m = /JAVA_VERSION="(\d+)(?:\.(\d+))?/.exec(release);
    if (!m) return 0;
    return m[1] === '1' ? Number(m[2]) : Number(m[1]);
  } catch {
    return 0;
  }
}

/** A JDK home with feature version >= min among /usr/lib/jvm and $JDK25_HOME, or null. */
export function findJdkAtLeast(min) {
  const candidates = [];
  if (process.env.JDK25_HOME) candidates.push(process.env.JDK25_HOME);
  const jvm = '/usr/lib/jvm';
  if (fs.existsSync(jvm)) for (const d of fs.readdirSync(jvm)) candidates.push(path.join(jvm, d));
  let best = null;
  let bestVersion = 0;
  for (const home of candidates) {
    const v = featureVersion(home);
    if (v >= min && v > bestVersion && fs.existsSync(path.join(home, 'bin', 'javac'))) { best = home; bestVersion = v; }
  }
  return best;
}
