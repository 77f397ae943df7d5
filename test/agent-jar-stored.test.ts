// `classforge run` and `attach` build their agent jar with stored entries (it lives as long as the run:
// deflating only delayed the JVM's start); `classforge agent` deflates the jar it writes. The run and
// attach suites show that JVMs load the stored jar.
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAgentJar, type AgentTransform } from '../src/agent/agent-jar.js';
import type { TransformDefinition } from '../src/transform/define-transform.js';

const transform: AgentTransform = {
  loaded: {
    path: join(__dirname, 'noop.mjs'),
    definition: { name: 'noop', include: ['app.**'], exclude: [] } as unknown as TransformDefinition,
    code: 'export default {};\n'.repeat(50),
  },
  options: null,
};

/** Each entry's compression method from the central directory (APPNOTE 4.3.12: method at offset 10). */
function compressionMethods(jar: Uint8Array): Map<string, number> {
  const view = new DataView(jar.buffer, jar.byteOffset, jar.byteLength);
  const methods = new Map<string, number>();
  for (let offset = 0; offset + 46 <= jar.length; offset++) {
    if (view.getUint32(offset, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(offset + 28, true);
    const name = new TextDecoder().decode(jar.subarray(offset + 46, offset + 46 + nameLength));
    methods.set(name, view.getUint16(offset + 10, true));
  }
  return methods;
}

async function contents(jar: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(jar);
  const entries = new Map<string, string>();
  for (const file of Object.values(zip.files)) if (!file.dir) entries.set(file.name, await file.async('base64'));
  return entries;
}

describe('the agent jar', () => {
  it('stores its entries with { stored: true } and deflates them by default, with the same contents', async () => {
    const stored = await buildAgentJar([transform], { stored: true });
    const deflated = await buildAgentJar([transform]);
    const storedMethods = compressionMethods(stored);
    expect(storedMethods.get('META-INF/MANIFEST.MF')).toBe(0);
    expect([...storedMethods.values()].every((method) => method === 0)).toBe(true);
    expect(compressionMethods(deflated).get('classforge/agent/transforms/0.mjs')).toBe(8);
    expect(await contents(stored)).toEqual(await contents(deflated));
  });
});
