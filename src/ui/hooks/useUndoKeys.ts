// Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z, ⌘ on a Mac) undo and redo what-if edits, except while typing.
import { useEffect } from 'react';

/** The key facts that decide; a KeyboardEvent has them. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  /** The tag name of the element typed into (INPUT: its own undo wins). */
  readonly targetTag: string | undefined;
}

export function undoKey(k: KeyPress): 'undo' | 'redo' | undefined {
  if (!(k.ctrlKey || k.metaKey) || k.targetTag === 'INPUT') return undefined;
  const key = k.key.toLowerCase();
  if (key === 'z' && !k.shiftKey) return 'undo';
  if (key === 'y' || (key === 'z' && k.shiftKey)) return 'redo';
  return undefined;
}

/** `onUndo` and `onRedo` should be stable (the listener is added again when they change). */
export function useUndoKeys(onUndo: () => void, onRedo: () => void): void {
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const action = undoKey({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, targetTag: (e.target as HTMLElement | null)?.tagName });
      if (!action) return;
      if (action === 'undo') onUndo();
      else onRedo();
      e.preventDefault();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onUndo, onRedo]);
}
