// # The attach session's agent arguments: `key=value;key=value…`
//
// What agentmain receives (after the jar path and '=' of the attach request, see hotspot-attach.ts),
// read back by the shim's AgentSettings.argument: split at every ';', each part matched by the
// `key=` it starts with. There is no escape, so a value holding ';' (a session directory under a
// TMPDIR with ';' in it) would be cut short there and its rest read as another argument: the
// shim then looks for the socket and jar at a truncated path and agentmain fails inside the JVM.
// Such a value is refused here, before anything is sent to the JVM.

/** A value the agent arguments cannot carry. */
export class AgentArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentArgumentError';
  }
}

/** `key=value;…` for the shim, in order; throws AgentArgumentError for a value holding ';'. */
export function formatAgentArguments(entries: ReadonlyArray<readonly [key: string, value: string]>): string {
  return entries
    .map(([key, value]) => {
      if (value.includes(';')) {
        throw new AgentArgumentError(`the agent argument ${key}=${value} holds ';', which separates the agent's arguments (the JVM would read ${key}=${value.slice(0, value.indexOf(';'))})`);
      }
      return `${key}=${value}`;
    })
    .join(';');
}
