// Which side of a conversation is the initiator: from the ports alone, and how much each way of
// telling is worth when two disagree.
import { isServerPort } from './protocols';
import type { CaptureFlow } from './types';

/** How strongly a way of telling the direction holds: a TCP SYN above a known server port, and so on down. */
export function directionRank(by: CaptureFlow['directionBy']): number {
  return by === 'syn' ? 4 : by === 'port' ? 3 : by === 'port-usage' ? 2 : by === 'lower-port' ? 1.5 : by === 'first-packet' ? 1 : 0;
}


/**
 * Which side of a TCP/UDP packet is the server, from the ports alone: the known server port; both
 * known: the lower; neither: for TCP the lower port (ephemeral ports are high), for UDP nothing
 * (the first packet's sender starts the conversation). Equal ports: nothing.
 */
export function responderByPort(t: 'tcp' | 'udp', sp: number, dp: number): 'src' | 'dst' | undefined {
  if (sp === dp) return undefined;
  const sk = isServerPort(t, sp);
  const dk = isServerPort(t, dp);
  if (sk && !dk) return 'src';
  if (dk && !sk) return 'dst';
  if (sk && dk) return sp < dp ? 'src' : 'dst';
  if (t === 'udp' && sp >= 1024 && dp >= 1024) return undefined;
  return sp < dp ? 'src' : 'dst';
}

