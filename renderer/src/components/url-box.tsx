// An address the user should open in their own browser: shown as text (the app never navigates), with Copy.
import { CopyButton } from './copy-button.js';

export function UrlBox({ label, url, testId }: { label: string; url: string; testId?: string }) {
  return (
    <div className="url-box" data-testid={testId}>
      <span className="url-box-label">{label}</span>
      <code className="url-box-url">{url}</code>
      <CopyButton text={url} label="Copy address" />
    </div>
  );
}
