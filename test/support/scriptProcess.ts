import { spawn, type ChildProcess } from "node:child_process";

/**
 * Runs a TypeScript script in its own Node process (tsx as a loader, not its CLI, which would run
 * the script in a grandchild that SIGKILL would miss) and resolves once it prints "ready".
 * @param script absolute path of the script.
 * @param env variables added to this process's environment.
 * @param name what the process is, for the error when it exits before it is ready.
 * @returns the running process.
 */
export function startScriptProcess(
  script: string,
  env: Record<string, string>,
  name: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}): ${err}`)));
  });
}
