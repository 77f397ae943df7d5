// # The transform host: runs the transforms on the classes the shim sends
//
// One host per agent: started by the shim at JVM start (host-main.ts), or by `classforge attach`
// for a running JVM. It answers each TRANSFORM with applyTransforms (the pipeline of
// `classforge transform`, so a transform behaves the same offline and in the JVM), against a class
// path made of the target JVM's own JDK (its runtime image, read directly: the JVM's home comes in
// HELLO) and, after it, the classes the defining class loader sees, asked from the shim (FIND_CLASS,
// answered with loader.getResource): hierarchy questions never load a class in the target.

import { ClassReader } from '../asm/class-reader.js';
import { ClassPath } from '../classpath/class-path.js';
import { ClassPathError } from '../classpath/class-path-error.js';
import { SupplementedClassPath } from '../classpath/supplemented-class-path.js';
import { applyTransforms, toDottedName, type ActiveTransform } from '../transform/apply-transforms.js';
import { describeCause } from '../transform/transform-error.js';
import { readableStack } from '../transform/transform-stack.js';
import { FrameBuilder, FrameType, type Frame, type PayloadReader, ResultStatus } from './agent-protocol.js';
import { ClassDump } from './class-dump.js';
import type { HostChannel } from './host-channel.js';

/** How long the host waits for the shim to answer one of its questions. */
const QUESTION_TIMEOUT_MS = 30_000;

/**
 * The most class loaders whose answers the host keeps. The host never learns that a loader was
 * collected; a program that makes a loader per script, per test or per reload would otherwise
 * grow it without end. A loader dropped here is asked again if it defines another class.
 */
const MAX_LOADER_CLASS_PATHS = 256;

export interface TransformHostOptions {
  /** The target JVM's java.home (from HELLO); '' when unknown. */
  readonly javaHome: string;
  /** Where ctx.log messages and the host's own warnings go (default: stderr). */
  readonly log?: (line: string) => void;
  /**
   * Whether a transform's failure is logged here too (attach: the host's stderr is the attach
   * command's, the shim's the JVM's), besides being sent to the shim. Default false.
   */
  readonly reportFailures?: boolean;
  /** Whether a transform's failure is followed by its stack (agent/run/attach --verbose). Default false. */
  readonly logStacks?: boolean;
  /** Where to dump the classes changed or failed on (class-dump.ts); none by default. */
  readonly dumpDirectory?: string;
}

/** Counts of what the host did, for the attach command's summary. */
export interface TransformHostStatistics {
  received: number;
  changed: number;
  failed: number;
}

export class TransformHost {
  /** By loader id, least recently used first. */
  private readonly classPaths = new Map<number, LoaderClassPath>();
  private readonly log: (line: string) => void;
  /**
   * The target's JDK, one for all the loaders: each ClassPath of its own would open the runtime
   * image and read its index again (a file descriptor and megabytes per class loader).
   */
  private readonly jdk: ClassPath | null;
  private readonly reportFailures: boolean;
  private readonly logStacks: boolean;
  private readonly dump: ClassDump | null;
  private nextQuestionId = 1;
  /** The TRANSFORM request being handled (its questions name it: the shim's waiting thread answers them). */
  private currentRequest = 0;
  readonly statistics: TransformHostStatistics = { received: 0, changed: 0, failed: 0 };

  constructor(
    private readonly channel: HostChannel,
    private readonly transforms: readonly ActiveTransform[],
    options: TransformHostOptions,
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(line + '\n'));
    this.jdk = usableJavaHome(options.javaHome, this.log);
    this.reportFailures = options.reportFailures === true;
    this.logStacks = options.logStacks === true;
    this.dump = options.dumpDirectory === undefined || options.dumpDirectory === '' ? null : new ClassDump(options.dumpDirectory, this.log);
  }

  /** Handles one frame from the shim; false for a frame the caller must handle (a reply to it). */
  handle(frame: Frame): boolean {
    if (frame.type !== FrameType.TRANSFORM) return false;
    const loaderId = frame.payload.u4();
    const internalName = frame.payload.utf();
    // A loaded class being retransformed takes new method bodies only (ctx.redefining).
    const redefining = frame.payload.u1() !== 0;
    const bytes = frame.payload.bytes();
    const selected = this.selectedTransforms(frame.payload);
    this.statistics.received++;
    // A shim that says which transforms select the class also defines the classes they add.
    this.channel.send(this.transformResult(frame.id, loaderId, internalName, redefining, bytes, selected ?? this.transforms, selected !== null));
    return true;
  }

  /**
   * The transforms the shim says select the class (the TRANSFORM frame's tail: its globs, the command
   * line's --include/--exclude, and its rule that a JDK class goes only to transforms whose include
   * globs name it), in order; null from a shim too old to say (every transform then runs, as it did).
   */
  private selectedTransforms(payload: PayloadReader): readonly ActiveTransform[] | null {
    if (payload.remaining === 0) return null;
    const count = payload.u2();
    const selected: ActiveTransform[] = [];
    for (let i = 0; i < count; i++) {
      const transform = this.transforms[payload.u2()];
      if (transform !== undefined) selected.push(transform);
    }
    return selected;
  }

  /** A fresh id for a request of ours (FIND_CLASS here; RETRANSFORM and DETACH in host-main). */
  nextRequestId(): number {
    return this.nextQuestionId++;
  }

  private transformResult(
    id: number,
    loaderId: number,
    internalName: string,
    redefining: boolean,
    bytes: Uint8Array,
    transforms: readonly ActiveTransform[],
    definesAdded: boolean,
  ): Uint8Array {
    const className = toDottedName(internalName);
    const classPath = this.classPathFor(loaderId);
    classPath.inFlight.set(internalName, bytes);
    this.currentRequest = id;
    try {
      const result = applyTransforms(bytes, transforms, {
        classPath,
        redefining,
        log: (entry) => this.log(`[${entry.transform}] ${entry.className}: ${entry.message.replace(/\r?\n/g, ' ')}`),
      });
      if (result.status === 'changed') {
        // The JVM is defining the class under the name it asked for (JVMS §5.3.5: another name is a
        // NoClassDefFoundError "wrong name"): a rename is refused here, the class loads as it was.
        const newName = new ClassReader(result.bytes).getClassName();
        if (newName !== internalName) {
          throw new Error(
            `the transforms renamed ${className} to ${toDottedName(newName)}, but a class cannot change its name as it loads (relocate ahead of time, with classforge transform)`,
          );
        }
      }
      if (result.added.length > 0 && !definesAdded) {
        throw new Error(
          `the transforms added classes for ${className} (ctx.addClass), which the agent already loaded in this JVM (an earlier classforge's) cannot define; restart the JVM`,
        );
      }
      if (result.status === 'changed' || result.added.length > 0) {
        this.statistics.changed++;
        this.dump?.write('original', internalName, bytes);
        this.dump?.write('transformed', internalName, result.bytes);
        const size = result.added.reduce((total, added) => total + added.bytes.length + added.name.length + 8, result.bytes.length + 12);
        const frame = new FrameBuilder(FrameType.RESULT, id, size).u1(ResultStatus.CHANGED).bytes(result.bytes);
        if (result.added.length > 0) {
          // The classes the shim defines with the class's loader before the class itself (added-classes.ts).
          frame.u4(result.added.length);
          for (const added of result.added) {
            this.dump?.write('transformed', added.name, added.bytes);
            frame.utf(added.name).bytes(added.bytes);
          }
        }
        return frame.finish();
      }
      return new FrameBuilder(FrameType.RESULT, id).u1(ResultStatus.UNCHANGED).finish();
    } catch (error) {
      this.statistics.failed++;
      this.dump?.write('failed', internalName, bytes);
      const message = error instanceof Error && error.name === 'TransformError' ? error.message : `cannot transform ${className}: ${describeCause(error)}`;
      if (this.reportFailures) this.log(`classforge: ${message} (class left unchanged)`);
      if (this.logStacks) this.log(`[classforge] the stack of that failure: ${stackWithCauses(error)}`);
      return new FrameBuilder(FrameType.RESULT, id).u1(ResultStatus.FAILED).utf(message).finish();
    } finally {
      classPath.inFlight.delete(internalName);
      this.currentRequest = 0;
    }
  }

  private classPathFor(loaderId: number): LoaderClassPath {
    let classPath = this.classPaths.get(loaderId);
    if (classPath === undefined) {
      classPath = new LoaderClassPath(this.jdk, loaderId, (name) => this.askClass(loaderId, name));
      if (this.classPaths.size >= MAX_LOADER_CLASS_PATHS) this.classPaths.delete(this.classPaths.keys().next().value!);
    } else {
      this.classPaths.delete(loaderId);
    }
    this.classPaths.set(loaderId, classPath);
    return classPath;
  }

  /** FIND_CLASS: the class file of `internalName` as loader `loaderId` sees it, or undefined. */
  private askClass(loaderId: number, internalName: string): Uint8Array | undefined {
    const id = this.nextRequestId();
    this.channel.send(new FrameBuilder(FrameType.FIND_CLASS, id).u4(loaderId).utf(internalName).u4(this.currentRequest).finish());
    // Other transform requests wait in the queue: this one is in the middle of its frames.
    const reply = this.channel.awaitReply(FrameType.CLASS_BYTES, id, QUESTION_TIMEOUT_MS);
    return reply.payload.u1() === 0 ? undefined : reply.payload.bytes();
  }
}

/**
 * The class path of one class loader of the target: its JDK, then what the loader sees (asked
 * once per name, cached), with the class being transformed itself in front (it is not loadable
 * yet: the JVM is defining it).
 */
class LoaderClassPath extends SupplementedClassPath {
  readonly inFlight: Map<string, Uint8Array>;
  private readonly searched: string;

  constructor(jdk: ClassPath | null, loaderId: number, ask: (internalName: string) => Uint8Array | undefined) {
    const inFlight = new Map<string, Uint8Array>();
    const answers = new Map<string, Uint8Array | null>();
    const supplement = (internalName: string): Uint8Array | undefined => {
      // The JDK first, as the loaders delegate to it (the shared class path, see TransformHost.jdk).
      const jdkClass = jdk?.getClassBytes(internalName);
      if (jdkClass !== undefined) return jdkClass;
      const current = inFlight.get(internalName);
      if (current !== undefined) return current;
      let answer = answers.get(internalName);
      if (answer === undefined) {
        answer = ask(internalName) ?? null;
        answers.set(internalName, answer);
      }
      return answer ?? undefined;
    };
    const loaderClasses = `the classes class loader #${loaderId} of the JVM sees`;
    super([], { jdk: false }, supplement, 'last', loaderClasses);
    this.inFlight = inFlight;
    this.searched = jdk === null ? loaderClasses : `${jdk.describe()}, ${loaderClasses}`;
  }

  override describe(): string {
    return this.searched;
  }
}

/**
 * The target JVM's home as a class path JDK, or null (then every class, the JDK's included, is
 * asked from the shim) when it cannot be read here.
 */
function usableJavaHome(javaHome: string, log: (line: string) => void): ClassPath | null {
  if (javaHome === '') return null;
  try {
    const jdk = new ClassPath([], { jdk: javaHome });
    jdk.hasClass('java/lang/Object');
    return jdk;
  } catch (error) {
    if (!(error instanceof ClassPathError)) throw error;
    log(`[classforge] warning: cannot read the JVM's JDK at ${javaHome} (${error.message}); asking the JVM for its classes instead`);
    return null;
  }
}

/** The stack of `error` and of its causes, frames in transform bundles pointing at their sources. */
function stackWithCauses(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let text = readableStack(error.stack ?? `${error.name}: ${error.message}`);
  for (let cause = error.cause, depth = 0; cause instanceof Error && depth < 10; cause = cause.cause, depth++) {
    text += `\nCaused by: ${cause.stack === undefined ? cause.message : readableStack(cause.stack)}`;
  }
  return text;
}
