// Background → paste guard (content script) commands, sent with tabs.sendMessage to every frame
// of a tab: the guard of the matching page or paste acts, the others ignore them.

export type GuardCommand =
  /**
   * The guard was turned off for some sites: pages whose origin is in `drop`, or not in `keep`
   * (`*`: every site), stop.
   */
  | { burnlinkGuard: 'stop'; keep: string[]; drop: string[] }
  /** The rules the person turned off changed. */
  | { burnlinkGuard: 'config'; disabledRules: string[] }
  /** The passphrase page sent the passphrase for the held paste with this request id. */
  | { burnlinkGuard: 'passphrase'; requestId: string; passphrase: string };

/** The command in a message, if it is one (the shape is checked: messages are not typed at run time). */
export function guardCommand(message: unknown): GuardCommand | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (m.burnlinkGuard === 'stop' && strings(m.keep) && strings(m.drop)) return { burnlinkGuard: 'stop', keep: m.keep, drop: m.drop };
  if (m.burnlinkGuard === 'config' && strings(m.disabledRules)) return { burnlinkGuard: 'config', disabledRules: m.disabledRules };
  if (m.burnlinkGuard === 'passphrase' && typeof m.requestId === 'string' && typeof m.passphrase === 'string') {
    return { burnlinkGuard: 'passphrase', requestId: m.requestId, passphrase: m.passphrase };
  }
  return undefined;
}

/** Whether a guard on a page of `origin` stops for this command. */
export function stopsAt(command: { keep: string[]; drop: string[] }, origin: string): boolean {
  return command.drop.includes(origin) || (!command.keep.includes('*') && !command.keep.includes(origin));
}
