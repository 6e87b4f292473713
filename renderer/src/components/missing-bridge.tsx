// Shown instead of the wizard when the page has no engine to talk to (opened as a plain file or web page).
export function MissingBridge() {
  return (
    <main className="missing-bridge" data-testid="missing-bridge">
      <div className="missing-bridge-card">
        <img className="brand-mark brand-mark--large" src="./icon.svg" alt="" />
        <h1>Gateway Doctor can’t reach its engine</h1>
        <p>
          This page must be opened from Gateway Doctor or <code>npm run web</code>.
        </p>
      </div>
    </main>
  );
}
