// Files dropped anywhere on the app: packet captures go to the import dialog, anything else is
// opened as a model file. Answers whether files are being dragged over the app (the drop zone).
import { useEffect, useState } from 'react';
import { isCaptureFile } from '../import/files';

export type DropTarget<F> = { readonly kind: 'captures'; readonly files: readonly F[] } | { readonly kind: 'model'; readonly file: F } | { readonly kind: 'nothing' };

/** What a drop of `files` opens: the captures among them if any, else the first file as a model. */
export function dropTarget<F extends { readonly name: string }>(files: readonly F[]): DropTarget<F> {
  const captures = files.filter(isCaptureFile);
  if (captures.length > 0) return { kind: 'captures', files: captures };
  const file = files[0];
  return file ? { kind: 'model', file } : { kind: 'nothing' };
}

/** `onCaptures` and `onModel` should be stable (the listeners are added again when they change). */
export function useFileDrop(onCaptures: (files: readonly File[]) => void, onModel: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const target = dropTarget(Array.from(e.dataTransfer?.files ?? []));
      if (target.kind === 'captures') onCaptures(target.files);
      else if (target.kind === 'model') onModel(target.file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onCaptures, onModel]);
  return dragging;
}
