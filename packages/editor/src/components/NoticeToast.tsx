import { useEffect } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { useT } from '../i18n/useT.ts';
import { selectNotice } from '../store/selectors.ts';

/** Shows the latest notice; info notices fade after a few seconds, errors stay until dismissed or replaced. */
export function NoticeToast() {
  const { store } = useEditor();
  const notice = useEditorState(selectNotice);
  const { t } = useT();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => store.setState({ notice: null }), notice.kind === 'error' ? 8000 : 3000);
    return () => clearTimeout(timer);
  }, [notice, store]);
  if (!notice) return null;
  return (
    <div
      className={`jx-toast is-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <span>{notice.message}</span>
      {notice.code && <code>{notice.code}</code>}
      <button
        type="button"
        className="jx-icon-button"
        aria-label={t('notice.dismiss')}
        onClick={() => store.setState({ notice: null })}
      >
        ×
      </button>
    </div>
  );
}
