// The 62443 findings as written before #18 (one filter of all assets per zone: quadratic on plants with
// thousands of zones), kept unchanged as the oracle the linear src/analysis/findings.ts is compared with.
import { connectionView } from '../../src/model/connections';
import type { Finding } from '../../src/analysis/findings';
import type { PlantModel } from '../../src/model/schema';

const REMOTE_ACCESS = new Set(['tls-vpn', 'vendor-remote', 'ipsec', 'wireguard', 'rdp', 'vnc', 'ssh', 'telnet']);
const BPCS_KINDS = new Set(['plc', 'rtu', 'ied', 'hmi', 'ews', 'scada-server', 'opc-server', 'robot', 'drive']);
const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

export function referenceFindings(model: PlantModel): Finding[] {
  const zoneOf = new Map(model.zones.map((z) => [z.id, z]));
  const assetOf = new Map(model.assets.map((a) => [a.id, a]));
  const level = (assetId: string) => zoneOf.get(assetOf.get(assetId)!.zone)!.purdueLevel;
  const name = (assetId: string) => assetOf.get(assetId)?.name ?? assetId;
  const out: Finding[] = [];

  // By position through the view: on large plants the connections stay in columns.
  const conns = connectionView(model);
  for (let i = 0; i < conns.count; i++) {
    const from = conns.from(i);
    const to = conns.to(i);
    const [hi, lo] = level(from) >= level(to) ? [from, to] : [to, from];
    const lh = level(hi);
    const ll = level(lo);
    if ((lh >= 4 && ll <= 2) || (lh === 5 && ll <= 3)) {
      const c = conns.record(i);
      out.push({
        kind: 'conduit-skips-dmz',
        severity: 'high',
        title: `L${lh} → L${ll} without the DMZ: ${name(c.from)} → ${name(c.to)}`,
        detail: `Connection ${c.id} (${c.protocol}${c.port !== undefined ? `/${c.port}` : ''}) joins Purdue level ${lh} and level ${ll} directly; IT↔OT traffic should terminate in the industrial DMZ.`,
        assets: [c.from, c.to],
        zones: [assetOf.get(c.from)!.zone, assetOf.get(c.to)!.zone],
      });
    }
  }

  for (const a of model.assets) {
    if (!a.extraZones?.length) continue;
    const levels = [a.zone, ...a.extraZones].map((z) => zoneOf.get(z)!.purdueLevel);
    const spansDmz = Math.max(...levels) >= 3.5 && Math.min(...levels) <= 3;
    out.push({
      kind: 'dual-homed',
      severity: spansDmz ? 'high' : 'medium',
      title: `Dual-homed: ${a.name}`,
      detail: `${a.name} has interfaces in ${[a.zone, ...a.extraZones].map((z) => zoneOf.get(z)!.name).join(' and ')}${spansDmz ? ', bridging the DMZ boundary' : ''}: a compromise of this host bypasses the conduit between them.`,
      assets: [a.id],
      zones: [a.zone, ...a.extraZones],
    });
  }

  // Remote access without MFA that lands below level 3, directly or through the landing host.
  let outgoing: Map<string, string[]> | undefined; // asset id → targets of its connections, built on first need
  for (let i = 0; i < conns.count; i++) {
    if (!REMOTE_ACCESS.has(conns.protocol(i)) || level(conns.from(i)) < 4) continue;
    const c = conns.record(i);
    const target = assetOf.get(c.to)!;
    if (target.controls?.includes('mfa')) continue;
    if (!outgoing) {
      outgoing = new Map();
      for (let k = 0; k < conns.count; k++) {
        const f = conns.from(k);
        const list = outgoing.get(f);
        if (list) list.push(conns.to(k));
        else outgoing.set(f, [conns.to(k)]);
      }
    }
    const onward = (outgoing.get(c.to) ?? []).filter((to) => level(to) < 3);
    if (level(c.to) >= 3 && onward.length === 0) continue;
    out.push({
      kind: 'remote-access-without-mfa',
      severity: 'high',
      title: `Remote access without MFA: ${name(c.from)} → ${target.name}`,
      detail: `${c.protocol} from ${name(c.from)} into ${target.name} needs no second factor${onward.length ? `, and ${target.name} reaches ${[...new Set(onward)].map(name).join(', ')} below site operations` : ''}.`,
      assets: [c.from, c.to, ...new Set(onward)],
      zones: [target.zone],
    });
  }

  for (const z of model.zones) {
    if (z.slTarget === undefined || z.slAchieved === undefined || z.slAchieved >= z.slTarget) continue;
    const gap = z.slTarget - z.slAchieved;
    out.push({
      kind: 'sl-gap',
      severity: gap >= 2 ? 'high' : 'medium',
      title: `SL-A ${z.slAchieved} below SL-T ${z.slTarget}: ${z.name}`,
      detail: `Zone ${z.name} achieves security level ${z.slAchieved} against a target of ${z.slTarget} (gap ${gap}).`,
      assets: model.assets.filter((a) => a.zone === z.id).map((a) => a.id),
      zones: [z.id],
    });
  }

  for (const z of model.zones) {
    const members = model.assets.filter((a) => a.zone === z.id);
    const sis = members.filter((a) => a.kind === 'sis');
    const bpcs = members.filter((a) => BPCS_KINDS.has(a.kind));
    if (sis.length === 0 || bpcs.length === 0) continue;
    out.push({
      kind: 'flat-safety-zone',
      severity: 'high',
      title: `Safety system shares a zone with basic control: ${z.name}`,
      detail: `${sis.map((a) => a.name).join(', ')} sits in ${z.name} with ${bpcs.length} basic-control asset(s); IEC 61511/62443 call for a separate safety zone.`,
      assets: [...sis, ...bpcs].map((a) => a.id),
      zones: [z.id],
    });
  }

  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title));
}
