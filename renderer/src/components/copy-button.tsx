// Copies text to the clipboard and says whether it worked. When the clipboard is refused (it can be, outside a
// secure context), it selects the text so the user can press Ctrl+C themselves.
import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

interface CopyButtonProps {
  text: string;
  label?: string;
  /** The element whose text to select when copying is refused. */
  fallbackTargetId?: string;
  testId?: string;
}

export function CopyButton({ text, label = 'Copy', fallbackTargetId, testId }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async (): Promise<void> => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const target = fallbackTargetId ? document.getElementById(fallbackTargetId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setState('failed');
    }
  };

  return (
    <span className="copy">
      <button type="button" className="button button--small" onClick={() => void copy()} data-testid={testId}>
        {label}
      </button>
      <span className={`copy-status copy-status--${state}`} role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C (Cmd+C) to copy the selected text' : ''}
      </span>
    </span>
  );
}
