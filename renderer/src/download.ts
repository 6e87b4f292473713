// Hands an exported report to the user as a file download. In Electron the main process turns the download
// into a save dialog; in a browser it lands in the downloads folder.
import type { ExportedReport } from '../../electron/common/contract.js';

export function saveDownload(file: ExportedReport): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; free the blob a little later to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
