// The plants opened recently in this browser (kept in IndexedDB with their scenarios), to open
// again: in the header's Open menu (with a model file and the reference plant), and in the restore
// offer.
import { useEffect, useRef, useState } from 'react';
import type { SavedPlant } from '../scenarioStore';
import './scenarios.css';

/** "5 Dec 2025, 16:18" in the browser’s time zone. */
export function openedTime(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export interface RecentPlantListProps {
  readonly plants: readonly SavedPlant[];
  readonly onOpen: (p: SavedPlant) => void;
  /** The plant shown (marked, not offered). */
  readonly current?: string | undefined;
}

export function RecentPlantList({ plants, onOpen, current }: RecentPlantListProps) {
  return (
    <ul className="recent-list" data-testid="recent-plants">
      {plants.map((p) => (
        <li key={p.plantId}>
          <button type="button" className="recent-item" onClick={() => onOpen(p)} disabled={p.plantId === current} data-testid="recent-plant">
            <span className="recent-name">{p.plantName}</span>
            <span className="muted">
              {p.source} · {openedTime(p.openedAt)}
              {p.plantId === current ? ' · open now' : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export interface OpenMenuProps {
  readonly plants: readonly SavedPlant[];
  readonly current: string | undefined;
  readonly disabled: boolean;
  /** Opens the file chooser for a model file. */
  readonly onOpenFile: () => void;
  readonly onOpen: (p: SavedPlant) => void;
  readonly onReference: () => void;
}

/** The header's "Open" menu: a model file, the reference plant, or a plant opened recently. */
export function OpenMenu({ plants, current, disabled, onOpenFile, onOpen, onReference }: OpenMenuProps) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  const pick = (f: () => void) => {
    setOpen(false);
    f();
  };
  return (
    <div className="recent-menu" ref={box}>
      <button type="button" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((o) => !o)} disabled={disabled} data-testid="open-menu">
        Open ▾
      </button>
      {open ? (
        <div className="recent-pop" role="group" aria-label="Open a plant">
          <button type="button" className="recent-item" onClick={() => pick(onOpenFile)} data-testid="open-file">
            <span className="recent-name">Model file…</span>
            <span className="muted">a plant model (.json) from this computer</span>
          </button>
          <button type="button" className="recent-item" onClick={() => pick(onReference)} data-testid="open-reference">
            <span className="recent-name">Reference plant</span>
            <span className="muted">the brake-systems plant bundled with TwinPath</span>
          </button>
          <h3 className="recent-head">Opened recently</h3>
          {plants.length ? <RecentPlantList plants={plants} current={current} onOpen={(p) => pick(() => onOpen(p))} /> : <p className="muted recent-none">No other plant opened in this browser yet.</p>}
        </div>
      ) : null}
    </div>
  );
}
