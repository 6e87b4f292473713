// Moves keyboard and screen-reader focus to the step panel's heading after the wizard changes step for the
// user (next step, a verdict link), so they hear where they are.
export const PANEL_HEADING_ID = 'step-panel-title';

export function focusPanelHeading(): void {
  const heading = document.getElementById(PANEL_HEADING_ID);
  if (!heading) return;
  heading.focus();
  heading.scrollIntoView({ block: 'nearest' });
}
