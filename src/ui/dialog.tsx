// The one accessible dialog of the app (import, Neo4j, the restore offer; the executive view uses
// its focus handling): it takes the focus when it opens (an element marked autoFocus keeps it,
// else the dialog itself, so a screen reader reads its name), keeps Tab and Shift+Tab inside,
// closes on Esc, and gives the focus back to whatever had it before — the button that opened it.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import './dialog.css';

const FOCUSABLE = [
  'a[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])', 'select:not([disabled])',
  'textarea:not([disabled])', 'summary', '[tabindex]:not([tabindex="-1"])', '[contenteditable="true"]',
].join(',');

/** The elements Tab reaches inside `root`, in document order (hidden ones left out). */
export function tabbable(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0 && !el.closest('[inert]'));
}

/**
 * Focus handling of a modal: focus in on mount, Tab wrapped inside `root`, focus pulled back when
 * it lands outside, Esc calls `onEscape` (unless it is undefined: a busy dialog stays), and the
 * focus returned on unmount.
 */
export function useModalFocus(root: RefObject<HTMLElement | null>, onEscape: (() => void) | undefined): void {
  // Who had the focus, read while rendering: an autoFocus child takes it before any effect runs.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    if (!el.contains(document.activeElement)) el.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        if (escape.current) {
          e.preventDefault();
          escape.current();
        }
        return;
      }
      if (e.key !== 'Tab') return;
      const items = tabbable(el);
      if (items.length === 0) {
        e.preventDefault();
        el.focus();
        return;
      }
      const first = items[0]!;
      const last = items.at(-1)!;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || at === el || !el.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !el.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    };
    // Focus that lands outside (a click on the page behind, a script) comes back in.
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && !el.contains(e.target)) el.focus();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      if (before?.isConnected) before.focus();
    };
  }, [root, before]);
}

export interface DialogProps {
  /** The dialog's accessible name: a label, or the id of its heading. */
  readonly label?: string;
  readonly labelledBy?: string;
  /** Classes of the dialog box (besides "modal"). */
  readonly className?: string;
  readonly testId?: string;
  /** Esc and a click on the backdrop; undefined while the dialog must stay (busy). */
  readonly onClose: (() => void) | undefined;
  /** Whether a click on the backdrop closes it (default true; a question that must be answered says false). */
  readonly closeOnBackdrop?: boolean;
  readonly children: ReactNode;
}

export function Dialog({ label, labelledBy, className, testId, onClose, closeOnBackdrop = true, children }: DialogProps) {
  const box = useRef<HTMLElement>(null);
  useModalFocus(box, onClose);
  return (
    <div className="modal-backdrop" role="presentation" onClick={(e) => closeOnBackdrop && e.target === e.currentTarget && onClose?.()}>
      <section
        ref={box}
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        tabIndex={-1}
        data-testid={testId}
      >
        {children}
      </section>
    </div>
  );
}
