import { useEffect, useId, useRef } from 'react';
import type { ReactNode, RefObject } from 'react';

/**
 * A modal dialog on the native <dialog>: the browser traps the focus, closes it on Échap and gives
 * the focus back to the button that opened it. Mount it to open it; `onClose` fires once it closed.
 */
export function Dialog({ title, onClose, children, dialogRef }: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Lets the content close the dialog (`dialogRef.current?.close()`). */
  dialogRef?: RefObject<HTMLDialogElement | null>;
}) {
  const ownRef = useRef<HTMLDialogElement>(null);
  const ref = dialogRef ?? ownRef;
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, [ref]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--ghost" onClick={() => ref.current?.close()}>
          Fermer<span className="visually-hidden"> la fenêtre « {title} »</span>
        </button>
      </div>
      {children}
    </dialog>
  );
}
