import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';

/** Props of {@link Dialog}. */
export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}

/** A modal dialog; Escape (handled globally) or the backdrop closes it. */
export function Dialog({ title, onClose, children, wide }: DialogProps) {
  const { t } = useT();
  return (
    <div className="jx-backdrop nokey" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`jx-dialog ${wide ? 'is-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" className="jx-icon-button" onClick={onClose} aria-label={t('dialog.close')}>
            ×
          </button>
        </header>
        <div className="jx-dialog-body">{children}</div>
      </div>
    </div>
  );
}
