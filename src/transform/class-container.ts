// # Class containers: what `classforge transform` reads classes from and writes them to
//
// A container is a .class file, a directory or a jar. The pipeline (transform-container.ts)
// only sees this interface: it lists the entries of the input, transforms the class entries, and
// hands every entry, in the input's order, to a writer of the same format, either to be copied
// as it was or with new bytes. Each format pairs its reader with its writer, so a writer may rely
// on what its own reader put in the entries (a jar writer copies an untouched entry's compressed
// bytes, timestamps and extra fields as they were).
//
// Formats: class-file-container.ts, directory-container.ts, and the jar format, which lives in
// jar-container.ts and is found by open-class-container.ts (see there for the contract).

/** One entry of a container. */
export interface ClassContainerEntry {
  /**
   * The entry's path inside the container, with '/' separators: `com/acme/Foo.class`,
   * `META-INF/MANIFEST.MF`, `META-INF/versions/11/com/acme/Foo.class`, `com/acme/` (a directory
   * entry). For a .class file container, the file's base name.
   */
  readonly name: string;
  /** 'class' entries are offered to the transforms; the others are copied. */
  readonly kind: 'class' | 'resource' | 'directory';
  /** The entry's (uncompressed) content; directories give an empty array. */
  read(): Uint8Array;
  /**
   * For a class of a multi-release jar: the Java release its variant was compiled for, so that its
   * frames are computed against the same view of the jar (class-paths-by-release.ts): 8 for a base
   * entry, N for a `META-INF/versions/N/` entry. Undefined elsewhere.
   */
  readonly release?: number;
}

/** An opened input container. */
export interface ClassContainerReader<Entry extends ClassContainerEntry = ClassContainerEntry> {
  readonly format: ClassContainerFormat<Entry>;
  /** The container's path, as given. */
  readonly path: string;
  /** Every entry, in the order the output must have. */
  entries(): readonly Entry[];
  /**
   * Class path entries that make the container's classes visible to frame computation and
   * ctx.classPath (the directory or jar itself; nothing for a single class file, whose class the
   * pipeline adds itself).
   */
  classPathEntries(): readonly string[];
  /**
   * Optional: starts work on a class's new bytes as soon as the job has them, before the writer
   * exists (a jar deflates them on another thread while the next classes are transformed). The
   * same array is handed to the writer's replace() later, or never if the job fails.
   */
  prepareReplacement?(entry: Entry, bytes: Uint8Array): void;
  /** Releases open files (and stops what prepareReplacement started). */
  close(): void;
}

/** Builds the output container at a temporary path; the pipeline renames it into place. */
export interface ClassContainerWriter<Entry extends ClassContainerEntry = ClassContainerEntry> {
  /** Writes `entry` as it was in the input (every entry that is not a changed class). */
  copy(entry: Entry): Promise<void> | void;
  /**
   * Writes `entry` with new content (a transformed class), under `name` instead of its own name
   * when given (a class a transform renamed; formats with one entry ignore it).
   */
  replace(entry: Entry, bytes: Uint8Array, name?: string): Promise<void> | void;
  /**
   * Writes a new entry `name` (a helper class a transform adds: `com/acme/Clock.class`), after the
   * input's entries. Absent from formats that hold one class (ClassContainerFormat.addsEntries false).
   */
  add?(name: string, bytes: Uint8Array): Promise<void> | void;
  /** Completes the output; after it resolves the temporary path holds the whole container. */
  finish(): Promise<void>;
}

/** Options the pipeline gives a writer. */
export interface ClassContainerWriterOptions {
  /** Reports something the user should know (e.g. signature files removed from a signed jar). */
  warn(message: string): void;
}

/** A container format: how to recognise, read and write it. */
export interface ClassContainerFormat<Entry extends ClassContainerEntry = ClassContainerEntry> {
  /** 'class', 'directory' or 'jar'. */
  readonly name: string;
  /** Whether its writers can add entries the input does not have (add()). */
  readonly addsEntries: boolean;
  /** Opens `path` for reading; throws an InputError-like error naming the path when it is unusable. */
  open(path: string): Promise<ClassContainerReader<Entry>>;
  /**
   * Starts the output for `reader`'s container at `outputPath`, a path that does not exist yet
   * (a temporary sibling of the final output). The pipeline removes it on failure.
   */
  createWriter(reader: ClassContainerReader<Entry>, outputPath: string, options: ClassContainerWriterOptions): Promise<ClassContainerWriter<Entry>>;
}

/** The input or output container is unusable: missing, unreadable, not a known format, truncated. */
export class ClassContainerError extends Error {
  /** The path the message is about. */
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClassContainerError';
    this.path = path;
  }
}
