// The status bar item's text and tooltip, from the server's dbsilo/status notification.
export interface ServerStatus {
  state: 'scanning' | 'ready' | string;
  findings: number;
  folders: number;
}

export interface StatusView {
  text: string;
  tooltip: string;
}

export function statusView(status: ServerStatus): StatusView {
  if (status.state === 'scanning') {
    return { text: '$(sync~spin) dbsilo', tooltip: 'dbsilo is reading the workspace. Click to rescan.' };
  }
  if (status.folders === 0) return { text: '$(circle-slash) dbsilo', tooltip: 'dbsilo: no workspace folder is open.' };
  const noun = status.findings === 1 ? 'finding' : 'findings';
  if (status.findings === 0) return { text: '$(check) dbsilo', tooltip: 'dbsilo: no findings. Click to rescan.' };
  return { text: `$(database) dbsilo: ${status.findings}`, tooltip: `dbsilo: ${status.findings} ${noun} in the workspace. Click to rescan.` };
}

export const notStartedView: StatusView = { text: '$(error) dbsilo', tooltip: 'dbsilo is not running. See the dbsilo output.' };
