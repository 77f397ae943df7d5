// The class path: classes from directories, jars and JDK runtime images, read synchronously.

export { ClassPath, type ClassPathOptions } from './class-path.js';
export { ClassPathError } from './class-path-error.js';
export { SupplementedClassPath, type SupplementOrder } from './supplemented-class-path.js';
export { readClassHeader, type ClassHeader } from './class-header.js';
export { featureVersionOf, findJavaHome, readJavaRelease, type JavaRelease } from './java-home.js';
export { imageLocationName, imageNameHash, JImageReader, type ImageLocation } from './jimage-reader.js';
export { ZipArchive, type ZipEntry } from './zip-archive.js';
