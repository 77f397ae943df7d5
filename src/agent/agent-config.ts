// # What a generated agent jar says about its transforms (classforge/agent/agent.json)
//
// Written by agent-jar.ts, read and checked (ajv, ahead of time) by the host when the JVM starts it. The
// transforms themselves are in the jar as bundled ES modules (load-transform.ts's bundles), so the
// agent does not depend on the transform files staying where they were. The shim reads a second
// file, agent.properties, with what it needs before any host exists (see AgentSettings.java).

import type { ValidateFunction } from 'ajv';
import { validateAgentConfig as generatedValidator } from './agent-config-validator.generated.js';

export const AGENT_CONFIG_ENTRY = 'classforge/agent/agent.json';
export const AGENT_PROPERTIES_ENTRY = 'classforge/agent/agent.properties';
export const AGENT_CONFIG_FORMAT = 1;

export interface AgentTransformConfig {
  /** The transform's name (defineTransform's). */
  readonly name: string;
  /** The transform file it was built from, for messages. */
  readonly path: string;
  /** The jar entry holding its bundled module. */
  readonly module: string;
  /** Its options, validated and with defaults applied when the jar was built. */
  readonly options: unknown;
  /** The command line's `--include`/`--exclude`, which narrow the classes it gets (narrowTransform). */
  readonly selection?: { readonly include: readonly string[]; readonly exclude: readonly string[] };
}

export interface AgentConfig {
  readonly format: number;
  /** The classforge version that built the jar. */
  readonly classforgeVersion: string;
  readonly transforms: readonly AgentTransformConfig[];
  /** Built with --verbose: the host logs the stack of each transform failure, besides the one line. */
  readonly verbose?: boolean;
}

/**
 * agent.json's JSON Schema. The host checks a jar's agent.json against it at every JVM start, through
 * the validator ajv generated from it ahead of time (agent-config-validator.generated.ts; test
 * agent-config-validator regenerates it and fails when it differs): compiling the schema with ajv at
 * start took 70 ms of the ~350 the host needs before the JVM's first class.
 */
export const AGENT_CONFIG_SCHEMA = {
  type: 'object',
  required: ['format', 'classforgeVersion', 'transforms'],
  properties: {
    format: { const: AGENT_CONFIG_FORMAT },
    classforgeVersion: { type: 'string' },
    transforms: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'path', 'module'],
        properties: {
          name: { type: 'string' },
          path: { type: 'string' },
          module: { type: 'string' },
          options: {},
          selection: {
            type: 'object',
            required: ['include', 'exclude'],
            properties: { include: { type: 'array', items: { type: 'string' } }, exclude: { type: 'array', items: { type: 'string' } } },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    verbose: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

/** Parses and checks agent.json; throws an Error saying what is wrong. */
export function parseAgentConfig(text: string): AgentConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${AGENT_CONFIG_ENTRY} is not JSON: ${(error as Error).message}`);
  }
  // ajv's generated function, which the generated file's (unchecked) types do not describe.
  const validateAgentConfig = generatedValidator as unknown as ValidateFunction;
  if (!validateAgentConfig(value)) {
    const first = validateAgentConfig.errors?.[0];
    const where = first?.instancePath === '' || first === undefined ? '' : `${first.instancePath} `;
    throw new Error(`${AGENT_CONFIG_ENTRY}: ${where}${first?.message ?? 'invalid'} (was the jar built by another classforge version?)`);
  }
  return value as AgentConfig;
}
