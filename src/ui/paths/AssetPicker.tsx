// An asset field with suggestions (a combobox): type a name or id, pick from the list with the mouse
// or the arrow keys and Enter; the first choice is "any" (any entry point / any crown jewel).
import { useId, useMemo, useState } from 'react';
import { searchAssets, type AssetIndex, type AssetOption, type Role } from './asset-search';

export type AssetChoice = { readonly kind: 'any' } | { readonly kind: 'asset'; readonly option: AssetOption };

export const ANY: AssetChoice = { kind: 'any' };

export interface AssetPickerProps {
  readonly label: string;
  /** The words for "any": "any entry point". */
  readonly anyLabel: string;
  readonly prefer: Role;
  readonly index: AssetIndex;
  readonly value: AssetChoice;
  readonly onChange: (c: AssetChoice) => void;
  readonly testId: string;
}

export function AssetPicker({ label, anyLabel, prefer, index, value, onChange, testId }: AssetPickerProps) {
  const [text, setText] = useState(value.kind === 'any' ? '' : value.option.name);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const options = useMemo(() => searchAssets(index, text, prefer), [index, text, prefer]);
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
    if (options[0]) choose({ kind: 'asset', option: options[0] });
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
            choose(items[at]!);
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
          {text.trim() && options.length === 0 ? <li className="muted" role="presentation">No asset matches “{text.trim()}”</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
