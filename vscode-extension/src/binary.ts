// Finds the dbsilo binary: the `dbsilo.path` setting first, then PATH.
import * as fs from 'fs';
import * as path from 'path';

export interface BinaryLookup {
  binary?: string;   // absolute path of an executable dbsilo
  problem?: string;  // why none was found, worded for the user
}

export function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function searchPath(name: string, pathVariable: string | undefined, executable: (file: string) => boolean): string | undefined {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const directory of (pathVariable ?? '').split(path.delimiter)) {
    if (!directory) continue;
    for (const extension of extensions) {
      const candidate = path.join(directory, name + extension);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

// `setting` is the dbsilo.path value: an absolute path, a path relative to the first workspace
// folder, or a bare command name looked up on PATH. Empty means "dbsilo on PATH".
export function findBinary(setting: string, env: NodeJS.ProcessEnv, workspaceFolder?: string,
                           executable: (file: string) => boolean = isExecutable): BinaryLookup {
  const configured = setting.trim();
  if (configured) {
    const home = env.HOME ?? env.USERPROFILE ?? '';
    const expanded = configured.startsWith('~/') && home ? path.join(home, configured.slice(2)) : configured;
    if (!expanded.includes('/') && !expanded.includes('\\')) {
      const found = searchPath(expanded, env.PATH, executable);
      return found ? { binary: found } : { problem: `dbsilo.path is "${configured}", which is not a command on PATH.` };
    }
    const absolute = path.isAbsolute(expanded) ? expanded : path.resolve(workspaceFolder ?? process.cwd(), expanded);
    return executable(absolute) ? { binary: absolute } : { problem: `dbsilo.path is "${configured}", but ${absolute} is not an executable file.` };
  }
  const found = searchPath('dbsilo', env.PATH, executable);
  return found ? { binary: found } : { problem: 'dbsilo was not found on PATH. Install it, or set dbsilo.path to the binary.' };
}
