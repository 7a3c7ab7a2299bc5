// A capture read: files, packets (decoded, skipped and why), hosts with role guesses and their
// evidence, flows and protocols.
import { LABELS } from '../../import/pcap/protocols';
import type { CaptureHost } from '../../import/pcap/types';
import type { CaptureReport } from '../../session/import-session';
import { num, SHOW, time } from './format';
import { formatSize } from '../../model/schema';
import { CodeList, More, TableHead } from './parts';

function roleText(h: CaptureHost): string {
  return h.roles.length ? h.roles.map((r) => r.role).join(', ') : '—';
}

export function CaptureView({ report, hosts, groups }: { report: CaptureReport; hosts: readonly CaptureHost[]; groups: number }) {
  const s = report.summary;
  const skipped = Object.entries(s.counts.skippedBy);
  return (
    <div className="capture-view" data-testid="capture-summary">
      {report.failures.length ? (
        <div className="import-errors" role="alert" data-testid="capture-failures">
          <CodeList items={report.failures} />
        </div>
      ) : null}
      <p data-testid="capture-summary-text">{report.text}</p>
      <div className="import-stats">
        <span>
          <strong data-testid="capture-files">{num(s.files.length)}</strong> file{s.files.length === 1 ? '' : 's'}
        </span>
        <span>
          <strong data-testid="capture-packets">{num(s.counts.packets)}</strong> packets (<span data-testid="capture-decoded">{num(s.counts.decoded)}</span> decoded,{' '}
          <span data-testid="capture-skipped">{num(s.counts.skipped)}</span> skipped)
        </span>
        <span>
          <strong data-testid="capture-hosts">{num(hosts.length)}</strong> hosts{groups ? ` (+${num(groups)} broadcast/multicast groups)` : ''}
        </span>
        <span>
          <strong data-testid="capture-flows">{num(s.flows.length)}</strong> flows
        </span>
        <span>
          {time(s.firstSeen)} – {time(s.lastSeen)}
        </span>
      </div>
      {skipped.length ? (
        <p className="muted" data-testid="capture-skipped-why">
          Skipped: {skipped.map(([why, n]) => `${num(n)} ${why}`).join('; ')}.
          {s.counts.unreadableBytes ? ` ${num(s.counts.unreadableBytes)} unreadable bytes.` : ''}
        </p>
      ) : null}
      {s.truncated.hosts || s.truncated.flows ? <p className="muted">Tables full: not every host or flow is listed (they were counted).</p> : null}
      <table className="import-table">
        <TableHead columns={['File', 'Format', 'Link types', 'Size', 'Packets']} />
        <tbody>
          {s.files.map((f, i) => (
            <tr key={i}>
              <td>{f.name}</td>
              <td>
                {f.format}
                {f.byteOrder ? ` (${f.byteOrder}${f.resolution ? `, ${f.resolution}` : ''})` : ''}
              </td>
              <td>{f.linkTypes.join(', ') || '—'}</td>
              <td>{formatSize(f.bytes)}</td>
              <td>
                {num(f.packets)}
                {f.damaged ? <span className="bad"> damaged (see warnings)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.protocols.length ? (
        <p className="chips" data-testid="capture-protocols">
          {s.protocols.map((p) => (
            <span key={p.protocol} className="chip">
              {LABELS[p.protocol]} <span className="muted">{num(p.flows)} flows, {num(p.packets)} pkts</span>
            </span>
          ))}
        </p>
      ) : null}
      {s.warnings.length ? (
        <details className="capture-warnings">
          <summary>{s.warnings.length} warning(s)</summary>
          <CodeList items={s.warnings.slice(0, 100)} />
        </details>
      ) : null}
      <h3>Hosts ({num(hosts.length)})</h3>
      <div className="import-scroll">
        <table className="import-table" data-testid="capture-hosts-table">
          <TableHead columns={['Address', 'MAC', 'Sent / received', 'Role guess', 'Evidence']} />
          <tbody>
            {hosts.slice(0, SHOW).map((h) => (
              <tr key={h.key} data-testid="capture-host">
                <td>
                  <code>{h.key}</code>
                </td>
                <td>
                  <code>{h.mac ?? (h.macs.length ? `${h.macs.length} MACs` : '—')}</code>
                </td>
                <td className="nowrap">
                  {num(h.packetsSent)} / {num(h.packetsReceived)}
                </td>
                <td data-testid="capture-role">{roleText(h)}</td>
                <td className="evidence">{h.roles[0]?.evidence.join('; ') ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More shown={Math.min(SHOW, hosts.length)} total={hosts.length} />
      <h3>Flows ({num(s.flows.length)})</h3>
      <div className="import-scroll">
        <table className="import-table" data-testid="capture-flows-table">
          <TableHead columns={['Initiator → responder', 'Protocol', 'Port', 'Recognized by', 'Packets', 'Bytes', 'First seen', 'Last seen']} />
          <tbody>
            {s.flows.slice(0, SHOW).map((f) => (
              <tr key={f.key} data-testid="capture-flow">
                <td>
                  <code>{f.initiator}</code> → <code>{f.responder}</code>
                </td>
                <td>{LABELS[f.protocol]}</td>
                <td>{f.transport === 'l2' ? `ethertype 0x${(f.etherType ?? 0).toString(16)}` : f.port !== undefined ? `${f.transport}/${f.port}` : f.transport}</td>
                <td title={`initiator by ${f.directionBy}`}>{f.recognizedBy}</td>
                <td>{num(f.packets)}</td>
                <td>{num(f.bytes)}</td>
                <td className="nowrap">{time(f.firstSeen)}</td>
                <td className="nowrap">{time(f.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More shown={Math.min(SHOW, s.flows.length)} total={s.flows.length} />
    </div>
  );
}
