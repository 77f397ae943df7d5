// # Building an agent jar: `classforge agent -t <transform>... -o agent.jar`
//
// The jar (java.lang.instrument's agent jar, see its package documentation) holds:
//   META-INF/MANIFEST.MF             Premain-Class and Agent-Class (the shim), Can-Retransform-Classes
//   classforge/agent/*.class         the shim (java-agent-shim/, compiled for Java 8 by the build)
//   classforge/agent/agent.properties what the shim needs: how to start the host, the timeouts and
//                                    each transform's include/exclude globs (it filters classes itself)
//   classforge/agent/agent.json      the transforms' names, source paths and options (agent-config.ts)
//   classforge/agent/transforms/N.mjs each transform, bundled (load-transform.ts)
//
// The host is this copy of classforge run by this node (absolute paths in agent.properties;
// CLASSFORGE_NODE overrides the node at run time): an agent jar is made for the machine it is built on.
// Whoever can replace those two files runs code in every JVM that loads the jar: the build warns
// when another user could (host-path-safety.ts).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedTransform } from '../transform/load-transform.js';
import type { TransformLogEntry } from '../transform/apply-transforms.js';
import { collectHelperClasses, type HelperClass } from '../transform/helper-classes.js';
import { HelperClassError } from '../transform/helper-class-error.js';
import { bootstrapHelperNames } from './bootstrap-helpers.js';
import { createTransformClassPath } from '../transform/transform-class-path.js';
import { activeTransforms } from '../transform/run-transform-job.js';
import type { ClassSelection } from '../transform/define-transform.js';
import { buildJar, type NewJarEntry } from '../transform/new-jar.js';
import { AGENT_CONFIG_ENTRY, AGENT_CONFIG_FORMAT, AGENT_PROPERTIES_ENTRY, type AgentConfig } from './agent-config.js';
import { replaceableByOthers } from './host-path-safety.js';
import { hostScriptPath, shimClassesDirectory } from './installation.js';
import { packageRoot, packageVersion } from '../package-root.js';

/** One transform of the agent, with its options already validated (resolveTransformOptions). */
export interface AgentTransform {
  readonly loaded: LoadedTransform;
  readonly options: unknown;
  /** The command line's `--include`/`--exclude`, narrowing the classes the transform gets. */
  readonly selection?: ClassSelection;
}

export interface AgentJarOptions {
  /** How long a class may wait for the host before it loads unchanged (default 10 s). */
  readonly timeoutMs?: number;
  /** How long the JVM waits at start for the host to load the transforms (default 60 s). */
  readonly startTimeoutMs?: number;
  /** The node executable the shim starts (default: the one running now). */
  readonly node?: string;
  /**
   * Told when another user could replace the node executable or the host script the jar runs
   * (host-path-safety.ts): the JVM would run their code. The jar is still built.
   */
  readonly warn?: (message: string) => void;
  /**
   * Builds a jar without transforms (`attach --remove-persisted`, whose agent only unregisters what
   * earlier sessions left). Default false: an agent without transforms is a user's mistake.
   */
  readonly allowNoTransforms?: boolean;
  /** Whether the host logs the stack of each transform failure (`--verbose`). Default false. */
  readonly verbose?: boolean;
  /**
   * Entries stored, not deflated: for a jar that lives as long as one run (`classforge run`, `attach`),
   * where deflating would only delay the start. Default false.
   */
  readonly stored?: boolean;
  /** Receives what the transforms' helperClasses functions log (ctx.log). */
  readonly log?: (entry: TransformLogEntry) => void;
}

/** Thrown when an agent jar cannot be built (the shim was not compiled, a bad setting). */
export class AgentBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentBuildError';
  }
}

export const SHIM_MAIN_CLASS = 'classforge.agent.ClassforgeAgent';

/** Builds the agent jar for `transforms` (in the order they apply) and returns its bytes. */
export async function buildAgentJar(transforms: readonly AgentTransform[], options: AgentJarOptions = {}): Promise<Uint8Array> {
  if (transforms.length === 0 && options.allowNoTransforms !== true) throw new AgentBuildError('an agent needs at least one transform');
  const timeoutMs = positiveInteger(options.timeoutMs ?? 10_000, 'timeout');
  const startTimeoutMs = positiveInteger(options.startTimeoutMs ?? 60_000, 'start timeout');
  const shim = shimClasses();
  const hostScript = hostScriptPath();
  if (!existsSync(hostScript)) {
    throw new AgentBuildError(`the transform host ${hostScript} is missing: run \`npm run build\` in ${packageRoot()}`);
  }
  for (const transform of transforms) {
    if (transform.loaded.code.includes('/src/index.ts"') || transform.loaded.code.includes("/src/index.ts'")) {
      throw new AgentBuildError(
        `transform ${transform.loaded.path} was bundled against classforge's TypeScript sources; build agents with the built classforge (dist/)`,
      );
    }
  }

  const node = options.node ?? process.execPath;
  for (const [what, path] of [['node executable', node], ['transform host', hostScript]] as const) {
    const problems = replaceableByOthers(path);
    if (problems.length > 0) {
      options.warn?.(`the agent runs the ${what} ${path}, which another user could replace with their own code (${problems.join('; ')})`);
    }
  }

  // The manifest first, as `jar` writes it (JarInputStream only finds it there; buildJar puts it there).
  const entries: NewJarEntry[] = [{ name: 'META-INF/MANIFEST.MF', data: manifest() }];
  for (const [name, bytes] of shim) entries.push({ name: `classforge/agent/${name}`, data: bytes });
  const { helpers, bootstrap } = agentHelperClasses(transforms, options.log);
  for (const helper of helpers) entries.push({ name: `${helper.name}.class`, data: helper.bytes });
  const config: AgentConfig = {
    format: AGENT_CONFIG_FORMAT,
    classforgeVersion: packageVersion(),
    transforms: transforms.map((transform, i) => ({
      name: transform.loaded.definition.name,
      path: transform.loaded.path,
      module: `classforge/agent/transforms/${i}.mjs`,
      options: transform.options ?? null,
      ...(transform.selection === undefined ? {} : { selection: transform.selection }),
    })),
    ...(options.verbose === true ? { verbose: true } : {}),
  };
  const properties: [string, string][] = [
    ['host.node', node],
    ['host.script', hostScript],
    ['timeoutMillis', String(timeoutMs)],
    ['startTimeoutMillis', String(startTimeoutMs)],
    ['transforms', String(transforms.length)],
  ];
  // The shim passes these to no transform, as `classforge transform` adds them unchanged.
  if (helpers.length > 0) properties.push(['helperClasses', helpers.map((helper) => helper.name).join('\n')]);
  // Those the JDK's classes can use too: the shim also puts them on the bootstrap class path (bootstrap-helpers.ts).
  if (bootstrap.length > 0) properties.push(['helperClasses.bootstrap', bootstrap.join('\n')]);
  transforms.forEach((transform, i) => {
    const definition = transform.loaded.definition;
    properties.push([`transform.${i}.name`, definition.name]);
    // Globs hold no newline (a class name cannot), so one property holds the list.
    properties.push([`transform.${i}.include`, definition.include.join('\n')]);
    properties.push([`transform.${i}.exclude`, definition.exclude.join('\n')]);
    // The command line's --include/--exclude: the shim sends a class only when these select it too.
    // Else the module's own narrowing (a default export made with narrowTransform), which the host sees anyway.
    const selection = transform.selection ?? definition.selection ?? null;
    if (selection !== null) {
      properties.push([`transform.${i}.selection.include`, selection.include.join('\n')]);
      properties.push([`transform.${i}.selection.exclude`, selection.exclude.join('\n')]);
    }
  });
  entries.push({ name: AGENT_PROPERTIES_ENTRY, data: properties.map(([key, value]) => `${key}=${escapePropertyValue(value)}\n`).join('') });
  entries.push({ name: AGENT_CONFIG_ENTRY, data: JSON.stringify(config, null, 2) + '\n' });
  transforms.forEach((transform, i) => entries.push({ name: config.transforms[i]!.module, data: transform.loaded.code }));
  return buildJar(entries, { deflate: options.stored !== true });
}

/**
 * The transforms' helper classes (src/transform/helper-classes.ts), made now, with the options given,
 * against the JDK's classes (the application's class path is not known when the jar is built). They
 * go into the jar itself, which the JVM puts on the system class path for -javaagent and for an
 * attached agent alike: the classes of the application's class loader (and of loaders that
 * delegate to it) see them. `bootstrap` names those that refer to nothing but the JDK's classes and
 * each other, which the shim also puts on the bootstrap class path, for the JDK's own classes.
 */
function agentHelperClasses(
  transforms: readonly AgentTransform[],
  log: ((entry: TransformLogEntry) => void) | undefined,
): { helpers: HelperClass[]; bootstrap: string[] } {
  if (transforms.every((transform) => typeof transform.loaded.definition.helperClasses !== 'function')) return { helpers: [], bootstrap: [] };
  const classPath = createTransformClassPath({ entries: [] });
  try {
    const helpers = collectHelperClasses(activeTransforms(transforms), classPath, log);
    for (const helper of helpers) {
      if (helper.name.startsWith('classforge/agent/')) {
        throw new HelperClassError(helper.transform, `gives ${helper.name}, in the package of the agent's own classes (classforge/agent/)`);
      }
    }
    return { helpers, bootstrap: bootstrapHelperNames(helpers, classPath) };
  } finally {
    classPath.close();
  }
}

function manifest(): string {
  return [
    'Manifest-Version: 1.0',
    `Created-By: classforge ${packageVersion()}`,
    `Premain-Class: ${SHIM_MAIN_CLASS}`,
    `Agent-Class: ${SHIM_MAIN_CLASS}`,
    'Can-Redefine-Classes: true',
    'Can-Retransform-Classes: true',
    '',
    '',
  ].join('\r\n');
}

function shimClasses(): [string, Uint8Array][] {
  const directory = join(shimClassesDirectory(), 'classforge', 'agent');
  const names = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith('.class')).sort() : [];
  if (!names.includes('ClassforgeAgent.class')) {
    throw new AgentBuildError(
      `the agent shim is not built (no ${join(directory, 'ClassforgeAgent.class')}): install a JDK (javac) and run \`npm run build\` in ${packageRoot()}`,
    );
  }
  return names.map((name) => [name, readFileSync(join(directory, name))]);
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new AgentBuildError(`the ${what} must be a positive number of milliseconds, got ${value}`);
  return value;
}

/**
 * A value as java.util.Properties.load reads it back: backslash escapes for '\', newlines and a
 * leading space, \uXXXX for everything outside printable ASCII (load reads ISO-8859-1).
 */
export function escapePropertyValue(value: string): string {
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ch = value.charAt(i);
    if (ch === '\\') text += '\\\\';
    else if (ch === '\n') text += '\\n';
    else if (ch === '\r') text += '\\r';
    else if (ch === '\t') text += '\\t';
    else if (ch === ' ' && i === 0) text += '\\ ';
    else if (c < 0x20 || c > 0x7e) text += '\\u' + c.toString(16).padStart(4, '0');
    else text += ch;
  }
  return text;
}
