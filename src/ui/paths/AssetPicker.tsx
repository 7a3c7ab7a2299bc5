// An asset field with suggestions (a combobox): type a name or id, pick from the list with the mouse
// or the arrow keys and Enter; the first choice is "any" (any entry point / any crown jewel). The
// analysis worker searches the plant as the analyst types.
import { useEffect, useId, useRef, useState } from 'react';
import type { AssetOption, AssetSearch, Role } from './asset-search';

export type AssetChoice = { readonly kind: 'any' } | { readonly kind: 'asset'; readonly option: AssetOption };

export const ANY: AssetChoice = { kind: 'any' };

export interface AssetPickerProps {
  readonly label: string;
  /** The words for "any": "any entry point". */
  readonly anyLabel: string;
  readonly prefer: Role;
  readonly search: AssetSearch;
  readonly value: AssetChoice;
  readonly onChange: (c: AssetChoice) => void;
  readonly testId: string;
}

export function AssetPicker({ label, anyLabel, prefer, search, value, onChange, testId }: AssetPickerProps) {
  const [text, setText] = useState(value.kind === 'any' ? '' : value.option.name);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  // The suggestions for the text typed (the answers for an older text are dropped).
  const [found, setFound] = useState<{ readonly text: string; readonly options: readonly AssetOption[] }>();
  /** Enter (or leaving the field) on text whose suggestions are still being searched: taken when they come. */
  const pending = useRef<{ readonly text: string; readonly take: (options: readonly AssetOption[]) => void } | undefined>(undefined);
  useEffect(() => {
    if (!open && pending.current?.text !== text) return;
    let live = true;
    search(text, prefer).then(
      (options) => {
        if (!live) return;
        setFound({ text, options });
        const p = pending.current;
        pending.current = undefined;
        if (p?.text === text) p.take(options);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [search, text, prefer, open]);
  const searching = found?.text !== text;
  const options = found && found.text === text ? found.options : [];
  const items: AssetChoice[] = [ANY, ...options.map((option) => ({ kind: 'asset' as const, option }))];
  const choose = (c: AssetChoice) => {
    onChange(c);
    setText(c.kind === 'any' ? '' : c.option.name);
    setOpen(false);
  };
  // Text typed but not picked: the best match when the field is left (empty: any).
  const settle = () => {
    setOpen(false);
    if (!text.trim()) return value.kind === 'any' ? undefined : choose(ANY);
    if (value.kind === 'asset' && value.option.name === text) return;
    const best = (o: readonly AssetOption[]) => (o[0] ? choose({ kind: 'asset', option: o[0] }) : undefined);
    if (searching) pending.current = { text, take: best };
    else best(options);
  };
  const at = Math.min(active, items.length - 1);
  return (
    <div className="picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${at}` : undefined}
        value={text}
        placeholder={anyLabel}
        data-testid={testId}
        onFocus={() => setOpen(true)}
        onBlur={settle}
        onChange={(e) => {
          setText(e.target.value);
          setActive(e.target.value ? 1 : 0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.max(0, Math.min(items.length - 1, Math.min(a, items.length - 1) + (e.key === 'ArrowDown' ? 1 : -1))));
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            // Typed faster than the worker answered: the highlighted match once it comes (the first one).
            if (searching && text.trim() && at > 0) pending.current = { text, take: (o) => (o[at - 1] ? choose({ kind: 'asset', option: o[at - 1]! }) : undefined) };
            else choose(items[at]!);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open ? (
        <ul className="picker-list" role="listbox" id={`${id}-list`} aria-label={`${label} suggestions`} data-testid={`${testId}-options`}>
          {items.map((c, i) => (
            <li
              key={c.kind === 'any' ? '' : c.option.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === at}
              className={i === at ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
            >
              {c.kind === 'any' ? (
                <em>{anyLabel}</em>
              ) : (
                <>
                  <span className="picker-name">{c.option.name}</span>{' '}
                  <span className="muted">
                    {c.option.kind} · {c.option.zone}
                    {c.option.role ? ` · ${c.option.role}` : ''}
                  </span>
                </>
              )}
            </li>
          ))}
          {text.trim() && searching ? (
            <li className="muted" role="presentation">
              Searching…
            </li>
          ) : null}
          {text.trim() && !searching && options.length === 0 ? <li className="muted" role="presentation">No asset matches “{text.trim()}”</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
